import samlify from '../../core/saml/samlify.js';
import { redirectOctetString, type InboundSamlMessage } from '../../core/saml/inbound-message.js';
import { samlError } from '../../core/saml/saml-errors.js';
import type { KnownServiceProvider } from './service-providers.js';
import { BINDING } from './paths.js';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const AUTHN_SOURCE = 'urn:mpass.id:authnsource:';

/** What MPASSid reads from an AuthnRequest. */
export interface AuthnRequestTerms {
  /** The registered ACS the Response goes to. */
  acsUrl: string;
  forceAuthn: boolean;
  isPassive: boolean;
  /** Sources named in `RequestedAuthnContext` (`urn:mpass.id:authnsource:<source>`); one skips the school picker. */
  requestedSources: string[];
}

/**
 * Checks an AuthnRequest against the SP's registration: its HTTP-Redirect signature (required when the SP's
 * metadata says `AuthnRequestsSigned`, verified whenever present), the ACS (registered, HTTP-POST), and reads
 * ForceAuthn, IsPassive and RequestedAuthnContext.
 */
export function checkAuthnRequest(message: InboundSamlMessage, known: KnownServiceProvider, query: Record<string, unknown>, originalUrl: string): AuthnRequestTerms {
  const entityId = known.registration.entityId;
  const signature = typeof query.Signature === 'string' ? query.Signature : undefined;
  const sigAlg = typeof query.SigAlg === 'string' ? query.SigAlg : undefined;
  if (signature === undefined && known.authnRequestsSigned) {
    throw samlError('saml_unsigned_request', `the AuthnRequest from ${entityId} is not signed, but its metadata says AuthnRequestsSigned="true"`,
      'sign the AuthnRequest (HTTP-Redirect: SigAlg and Signature query parameters) with the key of the registered certificate');
  }
  if (signature !== undefined) {
    if (!known.hasSigningCertificate) {
      throw samlError('saml_no_certificate', `the AuthnRequest from ${entityId} is signed, but its registration has no signing certificate`,
        'add the signing certificate to the SP metadata registered with MPASSid');
    }
    if (!sigAlg) throw samlError('saml_bad_signature', 'the AuthnRequest carries a Signature but no SigAlg', 'send SigAlg with the signature');
    let valid = false;
    try {
      valid = samlify.SamlLib.verifyMessageSignature(known.sp.entityMeta, redirectOctetString(originalUrl), Buffer.from(signature, 'base64'), sigAlg);
    } catch {
      valid = false;
    }
    if (!valid) {
      throw samlError('saml_bad_signature', `the AuthnRequest's signature does not verify with the certificate registered for ${entityId}`,
        'sign with the private key of the certificate in the registered SP metadata (or register the certificate you sign with)');
    }
  }

  const root = message.root;
  const binding = root.getAttribute('ProtocolBinding');
  if (binding && binding !== BINDING.post) {
    throw samlError('saml_unsupported_binding', `the AuthnRequest asks for the response binding ${binding}; MPASSid answers only by HTTP-POST`,
      'ask for urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST or leave ProtocolBinding out');
  }
  const requestedAcs = root.getAttribute('AssertionConsumerServiceURL');
  const acsIndex = root.getAttribute('AssertionConsumerServiceIndex');
  let acsUrl: string | undefined;
  if (requestedAcs) {
    if (!known.acsUrls.includes(requestedAcs)) {
      throw samlError('saml_unregistered_acs', `the ACS ${requestedAcs} is not registered for ${entityId}`,
        `add it as an HTTP-POST AssertionConsumerService to the SP metadata registered with MPASSid (registered: ${known.acsUrls.join(', ') || 'none'})`);
    }
    acsUrl = requestedAcs;
  } else if (acsIndex) {
    acsUrl = known.acsUrls[Number(acsIndex)];
    if (!acsUrl) throw samlError('saml_unregistered_acs', `no HTTP-POST ACS with index ${acsIndex} is registered for ${entityId}`, 'send a registered index or the ACS URL');
  } else {
    acsUrl = known.acsUrls[0];
    if (!acsUrl) throw samlError('saml_unregistered_acs', `${entityId} has no HTTP-POST ACS in its registered metadata`, 'add an HTTP-POST AssertionConsumerService to the SP metadata');
  }

  const requestedSources = Array.from(root.getElementsByTagNameNS(SAMLP, 'RequestedAuthnContext'))
    .flatMap((ctx) => Array.from(ctx.getElementsByTagNameNS(SAML, 'AuthnContextClassRef')))
    .map((el) => el.textContent?.trim() ?? '')
    .filter((ref) => ref.startsWith(AUTHN_SOURCE))
    .map((ref) => ref.slice(AUTHN_SOURCE.length));
  return {
    acsUrl,
    forceAuthn: root.getAttribute('ForceAuthn') === 'true' || root.getAttribute('ForceAuthn') === '1',
    isPassive: root.getAttribute('IsPassive') === 'true' || root.getAttribute('IsPassive') === '1',
    requestedSources,
  };
}
