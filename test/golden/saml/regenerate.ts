/**
 * Regenerates the golden SAML Responses in this folder: `node --import tsx test/golden/saml/regenerate.ts`.
 *
 * Every file is built from fixed IDs and fixed instants and signed with the committed TEST-ONLY key pair
 * (test-idp.key.pem / test-idp.crt.pem; made here when missing, or anew with `--new-key`). RSA PKCS#1 v1.5
 * signatures are deterministic, so with the same key the output is byte-identical; `--check` only compares.
 * sample-service/saml-golden.test.ts posts each file as it is to the sample service's ACS.
 */
import 'reflect-metadata';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as x509 from '@peculiar/x509';
import { loginResponseXml, SAML_STATUS, TRANSIENT_NAME_ID, URI_NAME_FORMAT, type SamlAttribute } from '../../../mock-idp/core/saml/login-response.js';
import samlify from '../../../mock-idp/core/saml/samlify.js';
import { samlInstant } from '../../../mock-idp/core/saml/xml.js';

/** Where the golden files live. */
export const GOLDEN_DIR = new URL('./', import.meta.url);

/** The parties the golden Responses are addressed between. The test must run the sample service at `spOrigin`. */
export const GOLDEN = {
  /** The test IdP's entityID (and the URL the test serves its metadata at). */
  idpEntityId: 'http://127.0.0.3:6301/idp/shibboleth',
  idpSsoUrl: 'http://127.0.0.3:6301/idp/profile/SAML2/Redirect/SSO',
  spOrigin: 'http://127.0.0.2:6302',
  spEntityId: 'http://127.0.0.2:6302/saml/metadata',
  acsUrl: 'http://127.0.0.2:6302/saml/acs',
  /** The AuthnRequest every golden Response answers (except `response.unknown-in-response-to.xml`). */
  requestId: '_golden-authn-request-0001',
  /** The user in the valid Response. */
  uid: 'MPASSOID.391ea8eb34f1e27024ab1342603537bdbd494900',
  givenName: 'Testi1',
  familyName: 'Oppilas1',
} as const;

/** The golden files, by anomaly. `response.valid.xml` is the positive control. */
export const GOLDEN_FILES = [
  'response.valid.xml',
  'response.unsigned.xml',
  'response.wrong-audience.xml',
  'response.expired.xml',
  'response.replayed.xml',
  'response.wrong-issuer.xml',
  'response.wrong-destination.xml',
  'response.unknown-in-response-to.xml',
  'response.bad-signature.xml',
  'response.wrapped-assertion.xml',
  'response.status-responder.xml',
  'response.dtd.xml',
] as const;

/** One golden file's name. */
export type GoldenFile = (typeof GOLDEN_FILES)[number];

/** The TEST-ONLY IdP signing key and its certificate. */
export interface GoldenCredential {
  privateKeyPem: string;
  certificatePem: string;
}

const KEY_FILE = new URL('test-idp.key.pem', GOLDEN_DIR);
const CERT_FILE = new URL('test-idp.crt.pem', GOLDEN_DIR);
const METADATA_FILE = 'idp-metadata.xml';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const ISSUED = new Date('2025-06-02T08:00:00Z');
const UNTIL_2099 = new Date('2099-12-31T23:59:59Z');
const NAMESPACES = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';

/** Reads the committed TEST-ONLY credential. */
export function readGoldenCredential(): GoldenCredential {
  return { privateKeyPem: readFileSync(KEY_FILE, 'utf8'), certificatePem: readFileSync(CERT_FILE, 'utf8') };
}

/** Makes a new TEST-ONLY key pair with a self-signed certificate valid 2025–2099. */
export async function newTestOnlyCredential(serialNumber: string, commonName: string): Promise<GoldenCredential> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const keys = {
    privateKey: await webcrypto.subtle.importKey('pkcs8', privateKey.export({ format: 'der', type: 'pkcs8' }), algorithm, false, ['sign']),
    publicKey: await webcrypto.subtle.importKey('spki', publicKey.export({ format: 'der', type: 'spki' }), algorithm, true, ['verify']),
  };
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber,
    name: `CN=${commonName}`,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2099-12-31T23:59:59Z'),
    signingAlgorithm: algorithm,
    keys: keys as CryptoKeyPair,
  });
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), certificatePem: certificate.toString('pem') };
}

const newCredential = () => newTestOnlyCredential('01', 'golden-test-idp TEST ONLY not a secret');

/** A certificate's base64 DER, as metadata carries it. */
export const certificateBase64 = (credential: GoldenCredential) => credential.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

/** The test IdP's metadata, shaped like MPASSid's (entityID, signing certificate, HTTP-Redirect SSO, no SLO). */
export function goldenIdpMetadataXml(credential: GoldenCredential): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- TEST-ONLY IdP metadata for the golden SAML Responses; the key behind this certificate is committed next to it. -->
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${GOLDEN.idpEntityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBase64(credential)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>${TRANSIENT_NAME_ID}</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${GOLDEN.idpSsoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

function attributes(uid: string, givenName: string): SamlAttribute[] {
  const uri = (name: string, friendlyName: string | undefined, ...values: string[]): SamlAttribute => ({ name, friendlyName, nameFormat: URI_NAME_FORMAT, values });
  return [
    uri('urn:mpass.id:uid', 'mpassUsername', uid),
    uri('urn:oid:2.5.4.42', 'givenName', givenName),
    uri('urn:oid:2.5.4.4', 'sn', GOLDEN.familyName),
    uri('urn:mpass.id:nickname', 'nickname', 'Kutsumanimi1'),
    uri('urn:oid:1.3.6.1.4.1.16161.1.1.27', 'learnerId', '1.2.246.562.24.20000000018'),
    uri('urn:mpass.id:role', 'mpassRole', '1.2.246.562.99.00000000001;30076;9F;Oppilas;1;1.2.246.562.99.00000000002;'),
    uri('urn:mpass.id:schoolInfo', 'mpassSchoolInfo', '30076;Mansikkalan testi peruskoulu', '1.2.246.562.99.00000000002;Mansikkalan testi peruskoulu'),
    uri('urn:mpass.id:educationProviderInfo', undefined, '1.2.246.562.99.00000000001;Mansikkalan testi kunta'),
    uri('urn:mpass.id:classLevel', undefined, '9'),
    uri('urn:mpass.id:learningMaterialsCharge', undefined, '1;30076'),
    uri('urn:mpass.id:originalIssuer', undefined, '1.2.246.562.99.00000000001'),
  ];
}

/** The unsigned Response of one golden case: fixed IDs (`_golden-<name>-…`), fixed instants. */
function unsignedResponse(name: string, overrides: { now?: Date; until?: Date; issuer?: string; audience?: string; inResponseTo?: string; uid?: string; givenName?: string } = {}): string {
  const now = overrides.now ?? ISSUED;
  const until = overrides.until ?? UNTIL_2099;
  return loginResponseXml({
    id: `_golden-${name}-response`,
    assertionId: `_golden-${name}-assertion`,
    now,
    validForSeconds: (until.getTime() - now.getTime()) / 1000,
    issuer: overrides.issuer ?? GOLDEN.idpEntityId,
    audience: overrides.audience ?? GOLDEN.spEntityId,
    acsUrl: GOLDEN.acsUrl,
    inResponseTo: overrides.inResponseTo ?? GOLDEN.requestId,
    nameId: { value: `AAdzZWNyZXQx-golden-${name}`, format: TRANSIENT_NAME_ID },
    authn: { instant: now, sessionIndex: `_golden-${name}-session`, contextClassRef: 'urn:mpass.id:authnsource:mansikkala-entra' },
    attributes: attributes(overrides.uid ?? GOLDEN.uid, overrides.givenName ?? GOLDEN.givenName),
  });
}

function signer(credential: GoldenCredential) {
  const base = { privateKey: credential.privateKeyPem, signingCert: certificateBase64(credential), signatureAlgorithm: RSA_SHA256, isBase64Output: false };
  const assertion = (xml: string) => samlify.SamlLib.constructSAMLSignature({
    ...base,
    rawSamlMessage: xml,
    referenceTagXPath: "/*[local-name(.)='Response']/*[local-name(.)='Assertion']",
    signatureConfig: { prefix: 'ds', location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } },
  });
  const response = (xml: string) => samlify.SamlLib.constructSAMLSignature({
    ...base,
    rawSamlMessage: xml,
    isMessageSigned: true,
    signatureConfig: { prefix: 'ds', location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' } },
  });
  /** As MPASSid signs for an SP whose metadata says WantAssertionsSigned: the Assertion, then the Response. */
  const both = (xml: string) => response(assertion(xml));
  return { assertion, response, both };
}

const ASSERTION = /<saml:Assertion[\s\S]*<\/saml:Assertion>/;

/** Builds every golden file (and the IdP metadata) from the credential. */
export function goldenFiles(credential: GoldenCredential): Map<string, string> {
  const sign = signer(credential);
  const files = new Map<string, string>();
  const put = (name: GoldenFile, xml: string) => files.set(name, `${xml}\n`);

  const valid = sign.both(unsignedResponse('valid'));
  put('response.valid.xml', valid);
  put('response.unsigned.xml', unsignedResponse('unsigned'));
  put('response.wrong-audience.xml', sign.both(unsignedResponse('wrong-audience', { audience: 'http://127.0.0.9:6399/saml/metadata' })));
  put('response.expired.xml', sign.both(unsignedResponse('expired', { now: new Date('2020-01-01T00:00:00Z'), until: new Date('2020-01-01T00:05:00Z') })));
  put('response.replayed.xml', sign.both(unsignedResponse('replayed')));
  put('response.wrong-issuer.xml', sign.both(unsignedResponse('wrong-issuer', { issuer: 'http://127.0.0.66:6301/idp/shibboleth' })));
  // Only the Response's Destination is wrong; the bearer Recipient still names the ACS.
  put('response.wrong-destination.xml', sign.both(unsignedResponse('wrong-destination')
    .replace(`Destination="${GOLDEN.acsUrl}"`, 'Destination="http://127.0.0.9:6399/saml/acs"')));
  put('response.unknown-in-response-to.xml', sign.both(unsignedResponse('unknown-in-response-to', { inResponseTo: '_golden-unknown-authn-request' })));
  // Signed, then the given name changed: both digests break.
  put('response.bad-signature.xml', sign.both(unsignedResponse('bad-signature'))
    .replace(`>${GOLDEN.givenName}</saml:AttributeValue>`, '>Hakkeri</saml:AttributeValue>'));

  // Signature wrapping: the genuinely signed Assertion is moved into <samlp:Extensions>, and an unsigned Assertion
  // for another user takes its place, where a naive SP reads it. The Response itself is unsigned.
  const signedAssertion = ASSERTION.exec(sign.assertion(unsignedResponse('wrapped-assertion')))?.[0] ?? '';
  const evilAssertion = ASSERTION.exec(unsignedResponse('wrapped-evil', { uid: 'MPASSOID.evil0000000000000000000000000000000000', givenName: 'Evil' }))?.[0] ?? '';
  put('response.wrapped-assertion.xml', `<samlp:Response ${NAMESPACES} ID="_golden-wrapped-assertion-response" Version="2.0" IssueInstant="${samlInstant(ISSUED)}" Destination="${GOLDEN.acsUrl}" InResponseTo="${GOLDEN.requestId}">`
    + `<saml:Issuer>${GOLDEN.idpEntityId}</saml:Issuer><samlp:Extensions>${signedAssertion}</samlp:Extensions>`
    + `<samlp:Status><samlp:StatusCode Value="${SAML_STATUS.success}"/></samlp:Status>${evilAssertion}</samlp:Response>`);

  put('response.status-responder.xml', sign.response(`<samlp:Response ${NAMESPACES} ID="_golden-status-responder-response" Version="2.0" IssueInstant="${samlInstant(ISSUED)}" Destination="${GOLDEN.acsUrl}" InResponseTo="${GOLDEN.requestId}">`
    + `<saml:Issuer>${GOLDEN.idpEntityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${SAML_STATUS.responder}"><samlp:StatusCode Value="${SAML_STATUS.authnFailed}"/></samlp:StatusCode>`
    + '<samlp:StatusMessage>The school\'s directory could not authenticate the user</samlp:StatusMessage></samlp:Status></samlp:Response>'));

  // A DOCTYPE with an internal entity (the shape of XXE and billion-laughs), used in the uid.
  put('response.dtd.xml', `<!DOCTYPE samlp:Response [<!ENTITY uid "MPASSOID.evil0000000000000000000000000000000000">]>\n${valid.replace(GOLDEN.uid, '&uid;')}`);

  files.set(METADATA_FILE, goldenIdpMetadataXml(credential));
  return files;
}

/**
 * What both regenerate scripts do with their arguments: make the TEST-ONLY key pair when asked (`--new-key`) or
 * missing, then write the files, or with `--check` only compare them (exit code 1 when one is out of date).
 */
export async function regenerateGolden(args: string[], options: {
  keyFile: URL; certFile: URL; newKey: () => Promise<GoldenCredential>; files: () => Map<string, string>; script: string;
}): Promise<void> {
  const check = args.includes('--check');
  if (args.includes('--new-key') || !existsSync(options.keyFile) || !existsSync(options.certFile)) {
    if (check) throw new Error('--check needs the committed key pair');
    const credential = await options.newKey();
    writeFileSync(options.keyFile, credential.privateKeyPem);
    writeFileSync(options.certFile, credential.certificatePem);
    console.log(`made a new TEST-ONLY key pair: ${options.keyFile.pathname.split('/').pop()}, ${options.certFile.pathname.split('/').pop()}`);
  }
  const stale: string[] = [];
  for (const [name, content] of options.files()) {
    const file = new URL(name, GOLDEN_DIR);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(name);
    } else {
      writeFileSync(file, content);
      console.log(`wrote ${name}`);
    }
  }
  if (stale.length) {
    console.error(`out of date: ${stale.join(', ')} (run node --import tsx test/golden/saml/${options.script})`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await regenerateGolden(process.argv.slice(2), {
    keyFile: KEY_FILE, certFile: CERT_FILE, newKey: newCredential, files: () => goldenFiles(readGoldenCredential()), script: 'regenerate.ts',
  });
}
