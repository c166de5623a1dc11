import { runKey } from '../../core/keys.js';
import { samlCredential } from '../../core/saml/certificate.js';
import samlify, { type IdentityProviderInstance } from '../../core/saml/samlify.js';
import type { MpassidConfig } from '../config.js';
import { idpMetadataXml } from './idp-metadata.js';

/** MPASSid's SAML IdP: the samlify entity that signs Responses and the metadata it publishes. */
export interface MpassidIdentityProvider {
  idp: IdentityProviderInstance;
  metadataXml: string;
}

/** Builds MPASSid's IdP from the run key (the same key that signs its ID tokens) and a certificate made for it. */
export async function createMpassidIdentityProvider(config: Pick<MpassidConfig, 'origin' | 'publishSingleLogout'>): Promise<MpassidIdentityProvider> {
  const key = runKey('mpassid');
  const credential = await samlCredential(key, new URL(config.origin).hostname);
  const metadataXml = idpMetadataXml({ origin: config.origin, certificateBase64: credential.certificateBase64, publishSingleLogout: config.publishSingleLogout ?? false });
  const idp = samlify.IdentityProvider({ metadata: metadataXml, privateKey: credential.privateKeyPem });
  return { idp, metadataXml };
}
