/**
 * Interop: an independent SAML SP implementation (@node-saml/node-saml, the library under passport-saml) reads
 * the mock MPASSid's metadata, is registered by the metadata it generates, signs a pupil in and reads the
 * reference attributes. The harness's verdicts are only worth something if real SP libraries accept the mock.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import { InProcessStack } from '../../harness/stack/in-process-stack.js';
import { runKey } from '../../mock-idp/core/keys.js';
import { samlCredential } from '../../mock-idp/core/saml/certificate.js';
import { TEST_USERS } from '../../mock-idp/users/test-users.js';
import { get, ManualBrowser } from './http-kit.js';
import { walkToAcs } from './saml-by-hand.js';

const pupil = TEST_USERS[0];
const ENTITY_ID = 'https://node-saml.example/sp';
const ACS = 'http://127.0.0.2:5832/node-saml/acs';
let stack: InProcessStack;
let saml: SAML;

/** What a node-saml user copies out of IdP metadata: entityID, the Redirect SSO location and the signing certificate. */
function readIdpMetadata(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const md = 'urn:oasis:names:tc:SAML:2.0:metadata';
  const sso = Array.from(doc.getElementsByTagNameNS(md, 'SingleSignOnService'))
    .find((e) => e.getAttribute('Binding') === 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect');
  const cert = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'X509Certificate')[0]?.textContent?.trim();
  return { entityId: doc.documentElement?.getAttribute('entityID') ?? '', entryPoint: sso?.getAttribute('Location') ?? '', cert: cert ?? '' };
}

before(async () => {
  const credential = await samlCredential(runKey('node-saml-interop-sp'), 'node-saml.example');
  // The stack's ports are fixed, so the IdP metadata URL is known before it starts; node-saml's options need the
  // IdP certificate, so the SP is built once the metadata can be read, and registered by the metadata it makes.
  const spOptions = {
    callbackUrl: ACS,
    issuer: ENTITY_ID,
    audience: ENTITY_ID,
    privateKey: credential.privateKeyPem,
    publicCert: credential.certificatePem,
    signatureAlgorithm: 'sha256' as const,
    identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
    authnContext: ['urn:mpass.id:authnsource:mansikkala-entra'],
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
  };
  const metadataOnly = new SAML({ ...spOptions, idpCert: credential.certificatePem });
  const spMetadata = metadataOnly.generateServiceProviderMetadata(null, credential.certificatePem);
  stack = await InProcessStack.start({
    basePort: 5830,
    services: [{ protocol: 'saml', name: 'node-saml SP', entityId: ENTITY_ID, metadata: { xml: spMetadata }, logoutReturnUrls: [] }],
  });
  const idp = readIdpMetadata(await (await get(stack.registrations.urls.mpassidSamlMetadata)).text());
  saml = new SAML({ ...spOptions, entryPoint: idp.entryPoint, idpIssuer: idp.entityId, idpCert: idp.cert });
});
after(() => stack?.stop());

it('node-saml signs a pupil in through the mock MPASSid and reads the reference attributes', async () => {
  const authorizeUrl = await saml.getAuthorizeUrlAsync('node-saml-relay', undefined, {});
  const walk = await walkToAcs(new ManualBrowser(), authorizeUrl, ACS, { user: pupil });
  assert.equal(walk.pickerShown, false, 'node-saml\'s RequestedAuthnContext names the source, so no picker');
  const { profile, loggedOut } = await saml.validatePostResponseAsync(walk.post.fields);
  assert.equal(loggedOut, false);
  assert.ok(profile);
  assert.equal(profile.issuer, stack.registrations.urls.mpassidSamlMetadata);
  assert.equal(profile.nameIDFormat, 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient');
  assert.ok(profile.sessionIndex);
  assert.equal(profile['urn:mpass.id:uid'], pupil.mpass['urn:mpass.id:uid']);
  assert.equal(profile['urn:oid:2.5.4.42'], 'Testi1');
  assert.equal(profile['urn:oid:2.5.4.4'], 'Oppilas1');
  assert.equal(profile['urn:oid:1.3.6.1.4.1.16161.1.1.27'], '1.2.246.562.24.20000000018');
  assert.deepEqual(profile['urn:mpass.id:schoolInfo'], ['30076;Mansikkalan testi peruskoulu', '1.2.246.562.99.00000000002;Mansikkalan testi peruskoulu']);
  // node-saml gives a one-value attribute as a string and a multi-valued one as an array.
  assert.equal(profile['urn:mpass.id:role'], pupil.mpass['urn:mpass.id:role'][0]);
  assert.equal(profile['urn:mpass.id:classLevel'], '9');
});

it('node-saml refuses the same Response a second time (its InResponseTo cache), so the mock\'s Response is the real thing', async () => {
  const authorizeUrl = await saml.getAuthorizeUrlAsync('', undefined, {});
  const walk = await walkToAcs(new ManualBrowser(), authorizeUrl, ACS, { user: pupil });
  await saml.validatePostResponseAsync(walk.post.fields);
  await assert.rejects(saml.validatePostResponseAsync(walk.post.fields), /InResponseTo/);
});
