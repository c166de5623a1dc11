import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runKey } from '../../mock-idp/core/keys.js';
import { samlCredential } from '../../mock-idp/core/saml/certificate.js';
import { buildErrorResponse, buildLoginResponse, SAML_STATUS } from '../../mock-idp/core/saml/login-response.js';
import samlify from '../../mock-idp/core/saml/samlify.js';
import { validateSamlMessage } from '../../mock-idp/core/saml/schema-validator.js';

const ACS = 'http://127.0.0.2:5602/saml/acs';

async function parties(wantAssertionsSigned: boolean) {
  const idpCredential = await samlCredential(runKey('login-response-test-idp'), 'idp.test');
  const idp = samlify.IdentityProvider({
    entityID: 'http://127.0.0.3:5601/idp/shibboleth',
    signingCert: idpCredential.certificatePem,
    privateKey: idpCredential.privateKeyPem,
    singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: 'http://127.0.0.3:5601/idp/profile/SAML2/Redirect/SSO' }],
  });
  const sp = samlify.ServiceProvider({
    entityID: 'http://127.0.0.2:5602/saml/metadata',
    wantAssertionsSigned,
    wantMessageSigned: true,
    assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: ACS }],
  });
  return { idp, sp };
}

const input = {
  acsUrl: ACS,
  inResponseTo: '_req1',
  nameId: { value: 'AAdzZWNyZXQx', format: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' },
  authn: { instant: new Date(), sessionIndex: '_sess1', contextClassRef: 'urn:mpass.id:authnsource:mansikkala-entra' },
  attributes: [
    { name: 'urn:oid:2.5.4.42', friendlyName: 'givenName', values: ['Testi1 & <Co>'] },
    { name: 'urn:mpass.id:schoolInfo', friendlyName: 'mpassSchoolInfo', values: ['30076;A', '1.2.3;A'] },
  ],
};

test('a login response conforms to the schema, carries the AuthnStatement and multi-valued attributes, and samlify accepts it', async () => {
  const { idp, sp } = await parties(true);
  const { samlResponse } = await buildLoginResponse({ idp, sp, ...input });
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  await validateSamlMessage(xml);
  assert.match(xml, /SessionIndex="_sess1"/);
  assert.match(xml, /<saml:AuthnContextClassRef>urn:mpass.id:authnsource:mansikkala-entra</);
  assert.match(xml, /Testi1 &amp; &lt;Co&gt;/);
  assert.equal((xml.match(/<ds:Signature[ >]/g) ?? []).length, 2, 'assertion and response signed');
  const parsed = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: samlResponse } });
  assert.deepEqual(parsed.extract.attributes?.['urn:mpass.id:schoolInfo'], ['30076;A', '1.2.3;A']);
  assert.equal(parsed.extract.attributes?.['urn:oid:2.5.4.42'], 'Testi1 & <Co>');
  assert.equal(parsed.extract.sessionIndex?.sessionIndex, '_sess1');
});

test('an error response carries the status and a valid signature', async () => {
  const { idp } = await parties(false);
  const { samlResponse } = buildErrorResponse({ idp, destination: ACS, inResponseTo: '_req1', status: SAML_STATUS.responder, subStatus: SAML_STATUS.noPassive, message: 'no session' });
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  await validateSamlMessage(xml);
  assert.match(xml, /status:NoPassive/);
  assert.match(xml, /<ds:Signature/);
});
