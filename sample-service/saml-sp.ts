import { runKey } from '../mock-idp/core/keys.js';
import { samlCredential } from '../mock-idp/core/saml/certificate.js';
import { TRANSIENT_NAME_ID } from '../mock-idp/core/saml/login-response.js';
import samlify, { type ServiceProviderInstance } from '../mock-idp/core/saml/samlify.js';
import { samlSpUrls, type SamlSpUrls } from './config.js';

const HTTP_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** How far the service's clock may be from MPASSid's when judging NotBefore / NotOnOrAfter. */
export const SAML_CLOCK_SKEW_MS = 60_000;

/** The service as a SAML service provider: its samlify entity, its metadata, and its URLs. */
export interface SampleServiceProvider {
  sp: ServiceProviderInstance;
  /** The SP metadata MPASSid registers the service by (served at `/saml/metadata`). */
  metadataXml: string;
  urls: SamlSpUrls;
}

/**
 * Builds the sample service's SAML SP: entityID `<origin>/saml/metadata`, ACS `<origin>/saml/acs` (HTTP-POST),
 * transient NameIDs, `WantAssertionsSigned="true"` (the service refuses unsigned assertions),
 * `AuthnRequestsSigned` as configured, and a signing certificate for a run key (never a real secret; required by
 * MPASSid's registration even when requests are not signed).
 *
 * @param origin the service's origin
 * @param options.signAuthnRequests whether AuthnRequests are signed (and the metadata says so)
 */
export async function createSampleServiceProvider(origin: string, options: { signAuthnRequests: boolean }): Promise<SampleServiceProvider> {
  const urls = samlSpUrls(origin);
  const credential = await samlCredential(runKey('sample-service-saml'), new URL(urls.entityId).hostname);
  const sp = samlify.ServiceProvider({
    entityID: urls.entityId,
    authnRequestsSigned: options.signAuthnRequests,
    wantAssertionsSigned: true,
    privateKey: credential.privateKeyPem,
    signingCert: credential.certificatePem,
    nameIDFormat: [TRANSIENT_NAME_ID],
    assertionConsumerService: [{ Binding: HTTP_POST, Location: urls.acsUrl }],
    clockDrifts: [-SAML_CLOCK_SKEW_MS, SAML_CLOCK_SKEW_MS],
  });
  return { sp, metadataXml: `<?xml version="1.0" encoding="UTF-8"?>\n${sp.getMetadata()}\n`, urls };
}
