import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { PartyError } from '../mock-idp/core/errors.js';
import samlify, { type IdentityProviderInstance } from '../mock-idp/core/saml/samlify.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const HTTP_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const FETCH_TIMEOUT_MS = 5_000;

/** MPASSid's SAML IdP as the service knows it from its metadata. */
export interface SamlIdentityProvider {
  /** The IdP's entityID (MPASSid: its metadata URL). */
  entityId: string;
  /** The HTTP-Redirect SingleSignOnService location. */
  ssoUrl: string;
  /** The IdP exactly as its metadata publishes it: verifies Responses against the published signing certificate. */
  idp: IdentityProviderInstance;
  /**
   * The same IdP for building AuthnRequests. samlify refuses to send a signed request to an IdP whose metadata does
   * not say `WantAuthnRequestsSigned="true"` (and an unsigned one to an IdP that does); MPASSid's metadata never says
   * it, while its registration has an `authnRequestsSigned` switch. This copy's flag follows the service's choice.
   */
  requestTarget: IdentityProviderInstance;
}

function metadataError(url: string, description: string, options?: { cause?: unknown }): PartyError {
  return new PartyError('mpassid_metadata_invalid', 502, `MPASSid's SAML metadata at ${url} ${description}`,
    'point saml.idpMetadataUrl in the sample service config at MPASSid\'s IdP metadata (<mpassid origin>/idp/shibboleth)', options);
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}

/**
 * Reads MPASSid's IdP metadata over HTTP. Failures are `PartyError`s that name the URL: unreachable (502
 * `mpassid_unreachable`), an HTTP error status, or metadata the service cannot use (502 `mpassid_metadata_invalid`).
 *
 * @param url the metadata URL (`saml.idpMetadataUrl`)
 * @param signAuthnRequests whether the service signs its AuthnRequests (see {@link SamlIdentityProvider.requestTarget})
 * @param fetchImpl the fetch to use (the service config's `fetch`, else the global one)
 */
export async function fetchIdpMetadata(url: string, signAuthnRequests: boolean, fetchImpl: typeof fetch = fetch): Promise<SamlIdentityProvider> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/samlmetadata+xml, application/xml' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (err) {
    throw new PartyError('mpassid_unreachable', 502, `could not read MPASSid's SAML metadata at ${url}: ${describeError(err)}`,
      `start the mock MPASSid so that ${url} answers, or point saml.idpMetadataUrl in the sample service config at it`, { cause: err });
  }
  if (!response.ok) {
    throw new PartyError('mpassid_unreachable', 502, `could not read MPASSid's SAML metadata at ${url}: HTTP ${response.status}`,
      `make ${url} serve MPASSid's IdP metadata, or point saml.idpMetadataUrl in the sample service config at the right address`);
  }
  return parseIdpMetadata(await response.text(), url, signAuthnRequests);
}

/**
 * Checks IdP metadata for what the service needs (an IDPSSODescriptor with an entityID, a signing certificate and
 * an HTTP-Redirect SingleSignOnService) and builds the samlify entities from it.
 *
 * @param xml the metadata document
 * @param url where it came from (named in errors)
 * @param signAuthnRequests whether the service signs its AuthnRequests
 */
export function parseIdpMetadata(xml: string, url: string, signAuthnRequests: boolean): SamlIdentityProvider {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw metadataError(url, 'contains a DTD or entity declaration, which the service refuses');
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, 'text/xml');
  const root = doc?.documentElement;
  if (!root || root.namespaceURI !== MD || root.localName !== 'EntityDescriptor') {
    throw metadataError(url, `is not a SAML metadata EntityDescriptor (got ${root ? `<${root.nodeName}>` : 'no XML'})`);
  }
  const entityId = root.getAttribute('entityID') ?? '';
  if (!entityId) throw metadataError(url, 'has no entityID');
  const descriptor = Array.from(root.getElementsByTagNameNS(MD, 'IDPSSODescriptor'))[0];
  if (!descriptor) throw metadataError(url, 'has no IDPSSODescriptor: it does not describe an identity provider');
  const signing = Array.from(descriptor.getElementsByTagNameNS(MD, 'KeyDescriptor'))
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .some((k) => k.getElementsByTagNameNS(DS, 'X509Certificate').length > 0);
  if (!signing) throw metadataError(url, 'has no signing certificate (KeyDescriptor use="signing" with an X509Certificate)');
  const sso = Array.from(descriptor.getElementsByTagNameNS(MD, 'SingleSignOnService')).find((s) => s.getAttribute('Binding') === HTTP_REDIRECT);
  const ssoUrl = sso?.getAttribute('Location') ?? '';
  if (!ssoUrl) throw metadataError(url, `has no SingleSignOnService with the HTTP-Redirect binding (${HTTP_REDIRECT})`);

  let idp: IdentityProviderInstance;
  let requestTarget: IdentityProviderInstance;
  try {
    idp = samlify.IdentityProvider({ metadata: xml });
    descriptor.setAttribute('WantAuthnRequestsSigned', String(signAuthnRequests));
    requestTarget = samlify.IdentityProvider({ metadata: new XMLSerializer().serializeToString(doc) });
  } catch (err) {
    throw metadataError(url, `could not be read: ${describeError(err)}`, { cause: err });
  }
  return { entityId, ssoUrl, idp, requestTarget };
}
