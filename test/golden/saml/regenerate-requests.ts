/**
 * Regenerates the golden AuthnRequests in this folder: `node --import tsx test/golden/saml/regenerate-requests.ts`.
 *
 * Each `authn-request.<anomaly>.*` is what an SP sends to MPASSid's SSO endpoint over HTTP-Redirect, with fixed
 * IDs and a fixed IssueInstant. The XML files are sent as they are (the test deflates, base64-encodes and signs
 * them with the SP key, as an SP would); `authn-request.bad-signature.query` is a whole signed query string,
 * sent unchanged, because in the HTTP-Redirect binding the signature lives in the query, not in the XML.
 *
 * Keys (all TEST-ONLY, committed on purpose): `test-sp.key.pem` / `test-sp.crt.pem` is the golden SP's signing key
 * pair, the certificate of which the test registers with the mock MPASSid (made here when missing, or anew with
 * `--new-key`); the bad signature is made with `test-idp.key.pem`, the golden IdP's key, which is not the SP's.
 * RSA PKCS#1 v1.5 signatures are deterministic and the query's DEFLATE is a stored block (no zlib build in the
 * way), so with the same keys the output is byte-identical; `--check` only compares.
 * test/mocks/mpassid-saml-golden.test.ts sends each file to the mock MPASSid.
 */
import 'reflect-metadata';
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { certificateBase64, newTestOnlyCredential, readGoldenCredential, regenerateGolden, type GoldenCredential } from './regenerate.js';

/** Where the golden files live. */
export const GOLDEN_DIR = new URL('./', import.meta.url);

/**
 * The parties the golden AuthnRequests are addressed between. The test must run the mock MPASSid at
 * `mpassidOrigin` and register the SP (`spEntityId`, ACS `acsUrl`) with {@link goldenSpMetadataXml}.
 * Ports 6400–6499 belong to this test; nothing listens at the SP, the unknown parties or `entraMetadataUrl`.
 */
export const GOLDEN_REQUEST = {
  mpassidOrigin: 'http://127.0.0.3:6441',
  ssoUrl: 'http://127.0.0.3:6441/idp/profile/SAML2/Redirect/SSO',
  /** Where the mock MPASSid would read its directory's metadata; never reached (the test stops at the school picker). */
  entraMetadataUrl: 'http://127.0.0.4:6440/golden-tenant/FederationMetadata/2007-06/FederationMetadata.xml',
  spEntityId: 'http://127.0.0.2:6442/saml/metadata',
  acsUrl: 'http://127.0.0.2:6442/saml/acs',
  /** The Issuer of `authn-request.unknown-sp.xml`: registered nowhere. */
  unknownSpEntityId: 'http://127.0.0.9:6499/saml/metadata',
  /** The ACS of `authn-request.unregistered-acs.xml`: not in the SP's metadata. */
  unregisteredAcsUrl: 'http://127.0.0.9:6499/saml/acs',
  /** The RelayState every golden request travels with. */
  relayState: 'golden-relay-state',
  issueInstant: '2025-06-02T08:00:00Z',
} as const;

/** The golden files, by anomaly. `authn-request.valid.xml` is the positive control. */
export const GOLDEN_REQUEST_FILES = [
  'authn-request.valid.xml',
  'authn-request.unknown-sp.xml',
  'authn-request.unregistered-acs.xml',
  'authn-request.bad-signature.query',
  'authn-request.unsigned-when-required.xml',
  'authn-request.dtd.xml',
  'authn-request.schema-invalid.xml',
  'authn-request.not-xml.txt',
] as const;

/** One golden AuthnRequest file's name. */
export type GoldenRequestFile = (typeof GOLDEN_REQUEST_FILES)[number];

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SP_KEY_FILE = new URL('test-sp.key.pem', GOLDEN_DIR);
const SP_CERT_FILE = new URL('test-sp.crt.pem', GOLDEN_DIR);
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';

/** Reads the committed TEST-ONLY SP credential. */
export function readGoldenSpCredential(): GoldenCredential {
  return { privateKeyPem: readFileSync(SP_KEY_FILE, 'utf8'), certificatePem: readFileSync(SP_CERT_FILE, 'utf8') };
}

const newSpCredential = () => newTestOnlyCredential('02', 'golden-test-sp TEST ONLY not a secret');

/**
 * The golden SP's metadata as a service registers it with MPASSid: entityID, the TEST-ONLY signing certificate,
 * `AuthnRequestsSigned="true"`, `WantAssertionsSigned="true"`, one HTTP-POST ACS.
 */
export function goldenSpMetadataXml(credential: GoldenCredential): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- TEST-ONLY SP metadata for the golden AuthnRequests; the key behind this certificate is committed (test-sp.key.pem). -->
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${GOLDEN_REQUEST.spEntityId}">
  <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="${SAMLP}">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBase64(credential)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>${TRANSIENT}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="${POST}" Location="${GOLDEN_REQUEST.acsUrl}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}

/** One golden AuthnRequest: fixed ID (`_golden-authn-request-<name>`), fixed IssueInstant, one line. */
function authnRequest(name: string, overrides: { issuer?: string; acsUrl?: string; attributes?: string; beforeIssuer?: string } = {}): string {
  return `<samlp:AuthnRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="_golden-authn-request-${name}" Version="2.0"`
    + ` IssueInstant="${GOLDEN_REQUEST.issueInstant}" Destination="${GOLDEN_REQUEST.ssoUrl}"`
    + ` AssertionConsumerServiceURL="${overrides.acsUrl ?? GOLDEN_REQUEST.acsUrl}" ProtocolBinding="${POST}"${overrides.attributes ?? ''}>`
    + `${overrides.beforeIssuer ?? ''}<saml:Issuer>${overrides.issuer ?? GOLDEN_REQUEST.spEntityId}</saml:Issuer>`
    + `${overrides.beforeIssuer ? '' : `<samlp:NameIDPolicy Format="${TRANSIENT}" AllowCreate="true"/>`}</samlp:AuthnRequest>`;
}

/**
 * Raw DEFLATE (RFC 1951) as one stored block: valid for every inflater, and unlike zlib's compressed output the
 * same bytes on every Node version, so a committed query string stays byte-identical.
 */
export function deflateStored(data: Buffer): Buffer {
  if (data.length > 0xffff) throw new Error('a single stored block holds at most 65535 bytes');
  const header = Buffer.from([0x01, data.length & 0xff, data.length >> 8, ~data.length & 0xff, (~data.length >> 8) & 0xff]);
  return Buffer.concat([header, data]);
}

/**
 * An HTTP-Redirect query (SAML bindings §3.4.4.1): `SAMLRequest` (already deflated and base64-encoded),
 * `RelayState`, and when a key is given `SigAlg` and the RSA-SHA256 `Signature` over those three as URL-encoded.
 */
export function redirectQuery(encodedRequest: string, options: { relayState?: string; signWithPem?: string } = {}): string {
  let query = `SAMLRequest=${encodeURIComponent(encodedRequest)}`;
  if (options.relayState !== undefined) query += `&RelayState=${encodeURIComponent(options.relayState)}`;
  if (options.signWithPem) {
    query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
    const signature = createSign('RSA-SHA256').update(query).sign(options.signWithPem, 'base64');
    query += `&Signature=${encodeURIComponent(signature)}`;
  }
  return query;
}

/** The XML inside `authn-request.bad-signature.query` (the valid request with its own ID). */
export const badSignatureRequestXml = () => authnRequest('bad-signature');

/** Keys the golden files are made with. */
export interface GoldenRequestKeys {
  /** The key the bad signature is made with: the golden IdP's (test-idp.key.pem), not the SP's. */
  wrongKey: GoldenCredential;
}

/** A billion-laughs DTD: ten entities, each ten of the one before (10^9 "lol"s if anything expanded it). */
function billionLaughs(): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level++) entities.push(`<!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">`);
  return `<!DOCTYPE samlp:AuthnRequest [\n  ${entities.join('\n  ')}\n]>`;
}

/** Builds every golden AuthnRequest file. */
export function goldenRequestFiles(keys: GoldenRequestKeys): Map<GoldenRequestFile, string> {
  const files = new Map<GoldenRequestFile, string>();
  const put = (name: GoldenRequestFile, xml: string) => files.set(name, `${xml}\n`);

  put('authn-request.valid.xml', authnRequest('valid'));
  put('authn-request.unknown-sp.xml', authnRequest('unknown-sp', { issuer: GOLDEN_REQUEST.unknownSpEntityId }));
  put('authn-request.unregistered-acs.xml', authnRequest('unregistered-acs', { acsUrl: GOLDEN_REQUEST.unregisteredAcsUrl }));
  // Nothing wrong in the XML: the test sends it without SigAlg and Signature, and the SP's metadata says AuthnRequestsSigned.
  put('authn-request.unsigned-when-required.xml', authnRequest('unsigned-when-required'));
  // The entity is used in ProviderName, an optional string attribute: nothing else in the request is wrong.
  put('authn-request.dtd.xml', `${billionLaughs()}\n${authnRequest('dtd', { attributes: ' ProviderName="&lol9;"' })}`);
  // NameIDPolicy before Issuer: the protocol schema's sequence (Issuer, Signature, Extensions, Subject, NameIDPolicy, …) is broken.
  put('authn-request.schema-invalid.xml', authnRequest('schema-invalid', { beforeIssuer: `<samlp:NameIDPolicy Format="${TRANSIENT}" AllowCreate="true"/>` }));
  put('authn-request.not-xml.txt', `{"AuthnRequest": {"ID": "_golden-authn-request-not-xml", "Issuer": "${GOLDEN_REQUEST.spEntityId}", "AssertionConsumerServiceURL": "${GOLDEN_REQUEST.acsUrl}"}}`);

  // A whole query string, sent unchanged: the request is fine, the signature is made with another key than the
  // one behind the SP's registered certificate. No trailing newline: the file is the query, byte for byte.
  const encoded = deflateStored(Buffer.from(`${badSignatureRequestXml()}\n`)).toString('base64');
  files.set('authn-request.bad-signature.query', redirectQuery(encoded, { relayState: GOLDEN_REQUEST.relayState, signWithPem: keys.wrongKey.privateKeyPem }));
  return new Map(GOLDEN_REQUEST_FILES.map((name) => [name, files.get(name) as string]));
}

/** The keys the committed files are made with. */
export const committedRequestKeys = (): GoldenRequestKeys => ({ wrongKey: readGoldenCredential() });

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await regenerateGolden(process.argv.slice(2), {
    keyFile: SP_KEY_FILE, certFile: SP_CERT_FILE, newKey: newSpCredential, files: () => goldenRequestFiles(committedRequestKeys()), script: 'regenerate-requests.ts',
  });
}
