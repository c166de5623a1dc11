import type { Request } from 'express';
import { redirectOctetString, type InboundSamlMessage, type SamlBinding } from '../../core/saml/inbound-message.js';
import samlify from '../../core/saml/samlify.js';
import { badRequestSignature } from './errors.js';
import { samlServiceProvider, type EntraSamlRegistration } from './saml-apps.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Verifies a request's signature against the app's registered verification certificate, as Entra does: without
 * a registered certificate the signature is ignored; an unsigned request is accepted; a signed one must verify.
 * HTTP-Redirect signs the query (`SigAlg`, `Signature`), HTTP-POST carries an enveloped XML signature.
 */
export function verifyRequestSignature(app: EntraSamlRegistration, message: InboundSamlMessage, binding: SamlBinding, req: Request): void {
  if (!app.saml.signingCertificate) return;
  const sp = samlServiceProvider(app);
  const fail = (reason: string) => badRequestSignature(app.clientId, message.kind, reason);
  if (binding === 'redirect') {
    const { Signature: signature, SigAlg: sigAlg } = req.query as Record<string, unknown>;
    if (signature === undefined) return;
    if (typeof signature !== 'string' || typeof sigAlg !== 'string') throw fail('Signature needs exactly one SigAlg and one Signature parameter');
    let verified: boolean;
    try {
      verified = samlify.SamlLib.verifyMessageSignature(sp.entityMeta, redirectOctetString(req.originalUrl), Buffer.from(signature, 'base64'), sigAlg);
    } catch (err) {
      throw fail(reasonOf(err));
    }
    if (!verified) throw fail('the Signature parameter does not match SAMLRequest, RelayState and SigAlg');
    return;
  }
  const signed = Array.from(message.root.childNodes).some((n) => n.nodeType === 1 && (n as Element).namespaceURI === DSIG && (n as Element).localName === 'Signature');
  if (!signed) return;
  let verified: boolean;
  try {
    [verified] = samlify.SamlLib.verifySignature(message.xml, { metadata: sp.entityMeta, signatureAlgorithm: sp.entitySetting.requestSignatureAlgorithm });
  } catch (err) {
    throw fail(reasonOf(err));
  }
  if (!verified) throw fail('the enveloped XML signature does not verify');
}
