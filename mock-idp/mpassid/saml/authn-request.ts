import samlify from '../../core/saml/samlify.js';
import { redirectOctetString, type InboundSamlMessage } from '../../core/saml/inbound-message.js';
import { samlError } from '../../core/saml/saml-errors.js';
import type { ReplayCache } from '../../core/saml/replay-cache.js';
import type { KnownServiceProvider } from './service-providers.js';
import { BINDING } from './paths.js';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
/** SHA-1 signature algorithms, refused as the Shibboleth IdP (v4+) refuses them by default. */
const SHA1_SIG_ALGS = new Set([
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'http://www.w3.org/2000/09/xmldsig#dsa-sha1',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1',
]);
/** How far a sender's clock may differ from ours (Shibboleth's default clock skew). */
export const CLOCK_SKEW_MS = 3 * 60_000;
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

/** Where and when an AuthnRequest arrived, for the checks that depend on it. */
export interface AuthnRequestContext {
  /** The SSO endpoint's URL: a `Destination` must be exactly this. */
  ssoUrl: string;
  /** How old (IssueInstant) a request may be, besides the clock skew. */
  lifetimeMs: number;
  /** The AuthnRequest IDs already used, per SP. */
  replay: ReplayCache;
  now?: number;
}

/**
 * Checks an AuthnRequest against the SP's registration and the protocol: version 2.0, a `Destination` (if any)
 * that is this endpoint, an `IssueInstant` within its lifetime and the clock skew, an ID not used before, its
 * HTTP-Redirect signature (required when the SP's metadata says `AuthnRequestsSigned`, verified whenever present,
 * SHA-1 refused, each parameter once), the ACS (registered, HTTP-POST), and reads ForceAuthn, IsPassive and
 * RequestedAuthnContext.
 */
export function checkAuthnRequest(message: InboundSamlMessage, known: KnownServiceProvider, query: Record<string, unknown>, originalUrl: string, context: AuthnRequestContext): AuthnRequestTerms {
  const entityId = known.registration.entityId;
  for (const name of ['Signature', 'SigAlg', 'RelayState']) {
    if (Array.isArray(query[name])) {
      throw samlError('saml_duplicate_parameter', `the request carries ${name} ${(query[name] as unknown[]).length} times`, `send ${name} once`);
    }
  }
  const signature = typeof query.Signature === 'string' ? query.Signature : undefined;
  const sigAlg = typeof query.SigAlg === 'string' ? query.SigAlg : undefined;
  const root = message.root;
  if (root.getAttribute('Version') !== '2.0') {
    throw samlError('saml_version_mismatch', `the AuthnRequest is SAML version ${root.getAttribute('Version') || '(none)'}; MPASSid speaks SAML 2.0 (status VersionMismatch)`, 'send Version="2.0"');
  }
  const destination = root.getAttribute('Destination');
  if (destination && destination !== context.ssoUrl) {
    throw samlError('saml_wrong_destination', `the AuthnRequest is addressed to ${destination}, not to this endpoint ${context.ssoUrl}`,
      'send it to the SSO endpoint in MPASSid\'s metadata, with that URL as its Destination');
  }
  const now = context.now ?? Date.now();
  const issued = Date.parse(root.getAttribute('IssueInstant') ?? '');
  if (Number.isNaN(issued) || issued > now + CLOCK_SKEW_MS || issued < now - context.lifetimeMs - CLOCK_SKEW_MS) {
    throw samlError('saml_stale_request', `the AuthnRequest was issued at ${root.getAttribute('IssueInstant')}, outside the ${Math.round(context.lifetimeMs / 1000)} s it may be used (clock skew ${CLOCK_SKEW_MS / 1000} s)`,
      'send a fresh AuthnRequest for each sign-in, and keep the SP\'s clock right');
  }
  const replayKey = `${entityId}\u0000${message.id}`;
  if (context.replay.has(replayKey, now)) {
    throw samlError('saml_replayed_request', `the AuthnRequest ${message.id} from ${entityId} was already used`, 'make a new AuthnRequest, with a new ID, for every sign-in');
  }
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
    if (SHA1_SIG_ALGS.has(sigAlg)) {
      throw samlError('saml_weak_signature', `the AuthnRequest is signed with ${sigAlg}; SHA-1 signatures are refused`, 'sign with RSA-SHA256 (http://www.w3.org/2001/04/xmldsig-more#rsa-sha256)');
    }
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
  // Consumed only once every check has passed: a refused request may be corrected and sent again.
  context.replay.add(replayKey, issued + context.lifetimeMs + CLOCK_SKEW_MS);
  return {
    acsUrl,
    forceAuthn: root.getAttribute('ForceAuthn') === 'true' || root.getAttribute('ForceAuthn') === '1',
    isPassive: root.getAttribute('IsPassive') === 'true' || root.getAttribute('IsPassive') === '1',
    requestedSources,
  };
}
