/**
 * The mock MPASSid as a SAML IdP, over HTTP as a service's SAML SP meets it: metadata, SP-initiated sign-in with
 * the school picker and the SAML upstream to Entra, the Response's content, SSO shared with OIDC, ForceAuthn,
 * IsPassive, RequestedAuthnContext, lang, and the errors for requests MPASSid must refuse.
 */
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InProcessStack } from '../../harness/stack/in-process-stack.js';
import { runKey } from '../../mock-idp/core/keys.js';
import { samlCredential } from '../../mock-idp/core/saml/certificate.js';
import samlify, { type IdentityProviderInstance, type ServiceProviderInstance } from '../../mock-idp/core/saml/samlify.js';
import { validateSamlMessage } from '../../mock-idp/core/saml/schema-validator.js';
import { listen } from '../../mock-idp/core/listen.js';
import { createMockMpassid } from '../../mock-idp/mpassid/server.js';
import { TEST_USERS } from '../../mock-idp/users/test-users.js';
import { errorCodeOf, get, getHtml, ledgerOf, ManualBrowser } from './http-kit.js';
import { redirectAuthnRequest, redirectUrl, responseXml, walkToAcs } from './saml-by-hand.js';
import { mpassidAuthorizeUrl } from './sign-in-by-hand.js';

const pupil = TEST_USERS[0];
const SP_ENTITY_ID = 'https://oppimispeli.example/saml/sp';
const SOURCE = 'mansikkala-entra';
let stack: InProcessStack;
let mpassid: string;
let sso: string;
let acsUrl: string;
let sp: ServiceProviderInstance;
let idp: IdentityProviderInstance;
const spKey = runKey('mpassid-saml-test-sp');

before(async () => {
  const credential = await samlCredential(spKey, 'oppimispeli.example');
  acsUrl = 'http://127.0.0.2:5802/oppimispeli/acs';
  sp = samlify.ServiceProvider({
    entityID: SP_ENTITY_ID,
    signingCert: credential.certificatePem,
    privateKey: credential.privateKeyPem,
    authnRequestsSigned: true,
    wantAssertionsSigned: true,
    assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: acsUrl }],
  });
  stack = await InProcessStack.start({
    basePort: 5800,
    services: [{ protocol: 'saml', name: 'Oppimispeli', entityId: SP_ENTITY_ID, metadata: { xml: sp.getMetadata() }, logoutReturnUrls: [] }],
  });
  mpassid = stack.topology.parties.mpassid.origin;
  sso = `${mpassid}/idp/profile/SAML2/Redirect/SSO`;
  idp = samlify.IdentityProvider({ metadata: await (await get(`${mpassid}/idp/shibboleth`)).text() });
});
after(() => stack?.stop());
beforeEach(() => stack.reset());

const request = (extra: Partial<Parameters<typeof redirectAuthnRequest>[0]> = {}) =>
  redirectAuthnRequest({ destination: sso, issuer: SP_ENTITY_ID, acsUrl, relayState: 'relay-1', signWith: spKey, ...extra });

async function signInBySaml(browser = new ManualBrowser(), extra: Partial<Parameters<typeof redirectAuthnRequest>[0]> = {}) {
  const { url, id } = request(extra);
  const walk = await walkToAcs(browser, url, acsUrl, { user: pupil });
  return { ...walk, id, browser, xml: responseXml(walk.post) };
}

describe('IdP metadata at /idp/shibboleth', () => {
  it('has entityID = its URL, a signing certificate, the Redirect SSO endpoint, the transient NameID format and no SingleLogoutService', async () => {
    const res = await get(`${mpassid}/idp/shibboleth`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/samlmetadata\+xml/);
    const xml = await res.text();
    assert.match(xml, new RegExp(`entityID="${mpassid}/idp/shibboleth"`));
    assert.match(xml, /<md:KeyDescriptor use="signing">[\s\S]*<ds:X509Certificate>[A-Za-z0-9+/=]{400,}<\/ds:X509Certificate>/);
    assert.match(xml, new RegExp(`SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${sso}"`));
    assert.match(xml, /urn:oasis:names:tc:SAML:2.0:nameid-format:transient/);
    assert.doesNotMatch(xml, /SingleLogoutService/);
  });

  it('publishes a SingleLogoutService only when the what-if switch is on, and that endpoint says there is no SLO', async () => {
    const { app } = createMockMpassid({ ...stack.registrations.mpassid, origin: 'http://127.0.0.3:5809', publishSingleLogout: true });
    const server = await listen(app, '127.0.0.3', 5809);
    try {
      const xml = await (await get('http://127.0.0.3:5809/idp/shibboleth')).text();
      assert.match(xml, /SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="http:\/\/127.0.0.3:5809\/idp\/profile\/SAML2\/Redirect\/SLO"/);
      const slo = await getHtml('http://127.0.0.3:5809/idp/profile/SAML2/Redirect/SLO');
      assert.equal(slo.status, 501);
      assert.match(await slo.text(), /implements no SAML single logout/);
    } finally {
      await server.close();
    }
  });
});

describe('a SAML sign-in through MPASSid (SAML upstream to Entra)', () => {
  it('shows the picker, asks Entra for the password, and posts a schema-valid, signed Response to the ACS with the RelayState', async () => {
    const walk = await signInBySaml();
    assert.equal(walk.pickerShown, true);
    assert.equal(walk.passwordAsked, true);
    assert.equal(walk.post.fields.RelayState, 'relay-1');
    await validateSamlMessage(walk.xml);
    assert.equal((walk.xml.match(/<ds:Signature[ >]/g) ?? []).length, 2, 'Response and Assertion signed (the SP wants signed assertions)');
    const parsed = await sp.parseLoginResponse(idp, 'post', { body: walk.post.fields });
    assert.equal(parsed.extract.response?.inResponseTo, walk.id);
  });

  it('carries every reference attribute for the pupil: URI names, FriendlyNames, multi-values as several AttributeValues', async () => {
    const { xml } = await signInBySaml();
    const attribute = (name: string) => new RegExp(`<saml:Attribute(?: FriendlyName="([^"]*)")? Name="${name.replaceAll('.', '\\.')}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">(.*?)</saml:Attribute>`).exec(xml);
    const values = (name: string) => [...(attribute(name)?.[2] ?? '').matchAll(/<saml:AttributeValue[^>]*>([^<]*)<\/saml:AttributeValue>/g)].map((m) => m[1]);
    const expected: Record<string, [string | undefined, string[]]> = {
      'urn:mpass.id:uid': ['mpassUsername', [pupil.mpass['urn:mpass.id:uid']]],
      'urn:oid:2.5.4.42': ['givenName', ['Testi1']],
      'urn:oid:2.5.4.4': ['sn', ['Oppilas1']],
      'urn:mpass.id:nickname': ['nickname', ['Kutsumanimi1']],
      'urn:oid:1.3.6.1.4.1.16161.1.1.27': ['learnerId', ['1.2.246.562.24.20000000018']],
      'urn:mpass.id:role': ['mpassRole', ['1.2.246.562.99.00000000001;30076;9F;Oppilas;1;1.2.246.562.99.00000000002;1.2.246.562.99.00000000003']],
      'urn:mpass.id:schoolInfo': ['mpassSchoolInfo', ['30076;Mansikkalan testi peruskoulu', '1.2.246.562.99.00000000002;Mansikkalan testi peruskoulu']],
      'urn:mpass.id:educationProviderInfo': [undefined, ['1.2.246.562.99.00000000001;Mansikkalan testi kunta']],
      'urn:mpass.id:classLevel': [undefined, ['9']],
      'urn:mpass.id:learningMaterialsCharge': [undefined, ['1;30076']],
      'urn:mpass.id:originalIssuer': [undefined, ['1.2.246.562.99.00000000001']],
    };
    for (const [name, [friendly, vals]] of Object.entries(expected)) {
      assert.ok(attribute(name), `attribute ${name} released`);
      assert.equal(attribute(name)?.[1], friendly, `FriendlyName of ${name}`);
      assert.deepEqual(values(name), vals, `values of ${name}`);
    }
  });

  it('has a transient NameID, an AuthnStatement with SessionIndex and the authentication source, audience and recipient for the SP', async () => {
    const { xml, id } = await signInBySaml();
    assert.match(xml, new RegExp(`<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient" NameQualifier="${mpassid}/idp/shibboleth" SPNameQualifier="${SP_ENTITY_ID}">[\\w-]{20,}</saml:NameID>`));
    assert.match(xml, /<saml:AuthnStatement AuthnInstant="[^"]+" SessionIndex="_[^"]+">/);
    assert.match(xml, new RegExp(`<saml:AuthnContextClassRef>urn:mpass.id:authnsource:${SOURCE}</saml:AuthnContextClassRef>`));
    assert.match(xml, new RegExp(`<saml:Audience>${SP_ENTITY_ID}</saml:Audience>`));
    assert.match(xml, new RegExp(`Recipient="${acsUrl}"`));
    assert.match(xml, new RegExp(`Destination="${acsUrl}" InResponseTo="${id}"`));
  });

  it('opens one MPASSid session for the SP and reaches Entra by SAML, with MPASSid\'s SP session cookie', async () => {
    const { browser } = await signInBySaml();
    const ledger = await ledgerOf(mpassid);
    const open = ledger.sessions.filter((s) => !s.endedAt);
    assert.equal(open.length, 1);
    assert.equal(open[0].subject, pupil.mpass['urn:mpass.id:uid']);
    assert.equal(open[0].clientId, SP_ENTITY_ID);
    const upstream = ledger.events.find((e) => e.name === 'upstream.authenticated');
    assert.equal(upstream?.detail?.protocol, 'saml');
    assert.equal(upstream?.detail?.oid, pupil.oid);
    assert.ok(browser.steps.some((s) => s.method === 'POST' && s.url === `${mpassid}/Shibboleth.sso/SAML2/POST` && s.setCookie.some((c) => c.startsWith('_shibsession_'))));
    assert.ok(browser.steps.some((s) => s.setCookie.some((c) => c.startsWith('shib_idp_session='))));
  });

  it('signs in again silently: no picker, no password, a new SessionIndex-bearing Response for the same session', async () => {
    const first = await signInBySaml();
    const second = await signInBySaml(first.browser);
    assert.equal(second.pickerShown, false);
    assert.equal(second.passwordAsked, false);
    const sessionIndex = (xml: string) => /SessionIndex="([^"]+)"/.exec(xml)?.[1];
    assert.equal(sessionIndex(second.xml), sessionIndex(first.xml));
  });

  it('shares the IdP session with OIDC services: an OIDC sign-in after it asks nothing', async () => {
    const { browser } = await signInBySaml();
    const start = mpassidAuthorizeUrl(stack);
    const { stoppedAt } = await browser.follow(await browser.get(start), start, { stopAt: (next) => next.startsWith(stack.topology.parties.service.origin) });
    assert.ok(stoppedAt && new URL(stoppedAt).searchParams.get('code'), 'straight back to the OIDC service with a code');
  });

  it('honours ForceAuthn: the directory asks for the password again', async () => {
    const { browser } = await signInBySaml();
    const again = await signInBySaml(browser, { forceAuthn: true });
    assert.equal(again.passwordAsked, true);
    const ledger = await ledgerOf(stack.topology.parties.entra.origin);
    assert.ok(ledger.events.some((e) => e.name === 'saml.authn_request.received' && e.detail?.forceAuthn === true), 'ForceAuthn reached Entra');
  });

  it('honours IsPassive: without a session a NoPassive status, with one a silent success', async () => {
    const passive = await signInBySaml(new ManualBrowser(), { isPassive: true });
    assert.match(passive.xml, /urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:NoPassive"/);
    assert.doesNotMatch(passive.xml, /<saml:Assertion/);
    const { browser } = await signInBySaml();
    const silent = await signInBySaml(browser, { isPassive: true });
    assert.match(silent.xml, /status:Success/);
  });

  it('skips the school picker when RequestedAuthnContext names the source', async () => {
    const walk = await signInBySaml(new ManualBrowser(), { requestedSources: [SOURCE] });
    assert.equal(walk.pickerShown, false);
    assert.equal(walk.passwordAsked, true);
    assert.ok((await ledgerOf(mpassid)).events.some((e) => e.name === 'school_picker.skipped'));
  });

  it('shows the picker in the language of lang=sv', async () => {
    const walk = await signInBySaml(new ManualBrowser(), { extra: { lang: 'sv' } });
    assert.equal(walk.pickerLang, 'sv');
  });
});

describe('requests MPASSid refuses, each with a SAML error page naming the problem', () => {
  const refused = async (url: string, code: string, text: RegExp) => {
    const res = await getHtml(url);
    assert.equal(res.status, 400, url);
    const page = await res.text();
    assert.equal(errorCodeOf(page), code);
    assert.match(page, text);
  };

  it('an unknown SP', () => refused(request({ issuer: 'https://stranger.example/sp' }).url, 'saml_unknown_sp', /https:\/\/stranger\.example\/sp/));
  it('an ACS that is not registered', () => refused(request({ acsUrl: 'https://evil.example/acs' }).url, 'saml_unregistered_acs', /https:\/\/evil\.example\/acs is not registered/));
  it('an AuthnRequest signed with the wrong key', () => refused(request({ signWith: runKey('someone-else') }).url, 'saml_bad_signature', /does not verify/));
  it('an unsigned AuthnRequest from an SP whose metadata says AuthnRequestsSigned', () => refused(request({ signWith: undefined }).url, 'saml_unsigned_request', /not signed/));
  it('bad base64', () => refused(`${sso}?SAMLRequest=%%%not-base64`, 'saml_bad_encoding', /not valid base64/));
  it('bad deflate', () => refused(redirectUrl(sso, 'SAMLRequest', Buffer.from('plain, not deflated').toString('base64'), {}), 'saml_bad_encoding', /does not inflate/));
  it('not XML', () => refused(redirectUrl(sso, 'SAMLRequest', deflateRawSync('hello').toString('base64'), {}), 'saml_not_xml', /not an XML document/));
  it('a DTD with entities (billion laughs)', () => refused(
    redirectUrl(sso, 'SAMLRequest', deflateRawSync('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&b;</samlp:AuthnRequest>').toString('base64'), {}),
    'saml_schema_invalid', /DTD/));
  it('no SAMLRequest at all', () => refused(sso, 'saml_missing_message', /no SAMLRequest/));
  it('a schema-invalid AuthnRequest', () => refused(
    redirectUrl(sso, 'SAMLRequest', deflateRawSync('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"/>').toString('base64'), {}),
    'saml_schema_invalid', /schema/));
  it('a resume with an unknown state', () => refused(`${mpassid}/idp/profile/SAML2/Redirect/SSO/resume?state=nope&code=x`, 'saml_unknown_state', /unknown or expired/));
});
