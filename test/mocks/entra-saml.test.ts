/**
 * The mock Entra ID as a SAML 2.0 IdP, driven by a samlify SP built here and walked by hand with a cookie jar:
 * federation metadata, SP-initiated sign-in by HTTP-Redirect and HTTP-POST, one Entra session shared with the OIDC
 * side, ForceAuthn and IsPassive, refusals of bad requests, and single sign-out by HTTP-Redirect.
 * A standalone tenant on 127.0.0.1:6200; the SP's addresses (127.0.0.1:6201) are never contacted.
 */
import assert from 'node:assert/strict';
import { createSign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { runKey } from '../../mock-idp/core/keys.js';
import { listen, type ListeningServer } from '../../mock-idp/core/listen.js';
import { samlCredential, type SamlCredential } from '../../mock-idp/core/saml/certificate.js';
import { redirectOctetString } from '../../mock-idp/core/saml/inbound-message.js';
import samlify, { type IdentityProviderInstance, type ServiceProviderInstance } from '../../mock-idp/core/saml/samlify.js';
import { validateSamlMessage } from '../../mock-idp/core/saml/schema-validator.js';
import { samlId, samlInstant } from '../../mock-idp/core/saml/xml.js';
import type { EntraConfig } from '../../mock-idp/entra/config.js';
import { entraSamlCredential } from '../../mock-idp/entra/saml/saml-apps.js';
import { createMockEntra } from '../../mock-idp/entra/server.js';
import { TEST_USERS } from '../../mock-idp/users/test-users.js';
import { errorCodeOf, eventNames, formActionOf, get, ledgerOf, ManualBrowser, resetParty } from './http-kit.js';
import { signInAtEntra, submitPassword, type EntraTarget } from './sign-in-by-hand.js';

const ENTRA = 'http://127.0.0.1:6200';
const SP = 'http://127.0.0.1:6201';
const TENANT = '5a1e7c3d-6200-4b2a-9c8d-000000006200';
const DOMAIN = 'mansikkala.test';
const SP_ENTITY = `${SP}/shibboleth`;
const ACS = `${SP}/Shibboleth.sso/SAML2/POST`;
const ACS2 = `${SP}/Shibboleth.sso/SAML2/POST-2`;
const SLO = `${SP}/Shibboleth.sso/SLO/Redirect`;
const PLAIN_ENTITY = `${SP}/plain`;
const PLAIN_ACS = `${SP}/plain/acs`;
const OIDC_CALLBACK = `${SP}/oidc/callback`;
const SAML2 = `${ENTRA}/${TENANT}/saml2`;
const user = TEST_USERS[0];
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

let server: ListeningServer;
let spKey: SamlCredential;
let strangerKey: SamlCredential;
let idp: IdentityProviderInstance;
let sp: ServiceProviderInstance;
let plainSp: ServiceProviderInstance;
const oidcTarget: EntraTarget = { origin: ENTRA, tenantId: TENANT, clientId: 'oidc-app', redirectUri: OIDC_CALLBACK };

before(async () => {
  spKey = await samlCredential(runKey('entra-saml-test-sp'), 'sp.test');
  strangerKey = await samlCredential(runKey('entra-saml-test-stranger'), 'stranger.test');
  const config: EntraConfig = {
    origin: ENTRA,
    tenantId: TENANT,
    tenantDomain: DOMAIN,
    users: TEST_USERS,
    apps: [
      {
        // Like MPASSid's registration: one app for both protocols, its OIDC reply URL on the SP's own host.
        clientId: 'mpassid-saml', clientSecret: 'unused', redirectUris: [`${SP}/idp/profile/Authn/OIDC/callback`], postLogoutRedirectUris: [],
        saml: { identifier: SP_ENTITY, replyUrls: [ACS, ACS2], logoutUrl: SLO, signingCertificate: spKey.certificatePem },
      },
      {
        clientId: 'plain-saml', clientSecret: 'unused', redirectUris: [], postLogoutRedirectUris: [],
        saml: { identifier: PLAIN_ENTITY, replyUrls: [PLAIN_ACS] },
      },
      { clientId: 'oidc-app', clientSecret: 'oidc-secret', redirectUris: [OIDC_CALLBACK], postLogoutRedirectUris: [] },
    ],
  };
  server = await listen(createMockEntra(config).app, '127.0.0.1', 6200);
  idp = samlify.IdentityProvider({ metadata: await (await get(`${ENTRA}/${TENANT}/FederationMetadata/2007-06/FederationMetadata.xml`)).text() });
  const spSettings = {
    wantAssertionsSigned: true,
    wantLogoutResponseSigned: true,
    signingCert: spKey.certificatePem,
    privateKey: spKey.privateKeyPem,
    nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
  };
  sp = samlify.ServiceProvider({
    ...spSettings,
    entityID: SP_ENTITY,
    assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: ACS }],
    singleLogoutService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: SLO }],
  });
  plainSp = samlify.ServiceProvider({
    ...spSettings,
    entityID: PLAIN_ENTITY,
    assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: PLAIN_ACS }],
  });
});
after(() => server?.close());
beforeEach(() => resetParty(ENTRA));

// ---------------------------------------------------------------------------------------------------------------
// Building requests by hand (so attributes samlify does not write, and wrong signatures, can be sent)

interface AuthnRequestInput {
  issuer?: string;
  acs?: string | null;
  forceAuthn?: boolean;
  isPassive?: boolean;
  id?: string;
}

function authnRequestXml(input: AuthnRequestInput = {}): string {
  const acs = input.acs === undefined ? ACS : input.acs;
  return `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${input.id ?? samlId()}" Version="2.0" IssueInstant="${samlInstant(new Date())}" Destination="${SAML2}"`
    + (acs ? ` AssertionConsumerServiceURL="${acs}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"` : '')
    + (input.forceAuthn ? ' ForceAuthn="true"' : '') + (input.isPassive ? ' IsPassive="true"' : '')
    + `><saml:Issuer>${input.issuer ?? SP_ENTITY}</saml:Issuer></samlp:AuthnRequest>`;
}

function logoutRequestXml(input: { issuer?: string; sessionIndex?: string; id?: string } = {}): string {
  return `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${input.id ?? samlId()}" Version="2.0" IssueInstant="${samlInstant(new Date())}" Destination="${SAML2}">`
    + `<saml:Issuer>${input.issuer ?? SP_ENTITY}</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${user.username}</saml:NameID>`
    + (input.sessionIndex ? `<samlp:SessionIndex>${input.sessionIndex}</samlp:SessionIndex>` : '')
    + '</samlp:LogoutRequest>';
}

/** An HTTP-Redirect URL: deflate, base64, URL-encode; signed over `SAMLRequest&RelayState&SigAlg` when a key is given. */
function redirectUrl(xml: string, options: { relayState?: string; signWith?: SamlCredential; rawSamlRequest?: string } = {}): string {
  let query = `SAMLRequest=${encodeURIComponent(options.rawSamlRequest ?? deflateRawSync(Buffer.from(xml)).toString('base64'))}`;
  if (options.relayState !== undefined) query += `&RelayState=${encodeURIComponent(options.relayState)}`;
  if (options.signWith) {
    query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
    const signature = createSign('RSA-SHA256').update(query).sign(options.signWith.privateKeyPem, 'base64');
    query += `&Signature=${encodeURIComponent(signature)}`;
  }
  return `${SAML2}?${query}`;
}

/** The HTTP-POST form fields; the request carries an enveloped signature when a key is given. */
function postFields(xml: string, options: { relayState?: string; signWith?: SamlCredential } = {}): Record<string, string> {
  const samlRequest = options.signWith
    ? samlify.SamlLib.constructSAMLSignature({
      rawSamlMessage: xml,
      isMessageSigned: true,
      privateKey: options.signWith.privateKeyPem,
      signingCert: options.signWith.certificateBase64,
      signatureAlgorithm: RSA_SHA256,
      isBase64Output: true,
      signatureConfig: { prefix: 'ds', location: { reference: "/*[local-name(.)='AuthnRequest']/*[local-name(.)='Issuer']", action: 'after' } },
    })
    : Buffer.from(xml).toString('base64');
  return { SAMLRequest: samlRequest, ...(options.relayState !== undefined ? { RelayState: options.relayState } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Walking the browser

const unescapeHtml = (value: string) =>
  value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The auto-submitting HTTP-POST form Entra answers with: where it posts and what. */
function postedForm(page: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]*)"/.exec(page)?.[1];
  assert.ok(action, 'an auto-submitting form');
  const fields = Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1], unescapeHtml(m[2])]));
  return { action: unescapeHtml(action), fields };
}

/** Follows Entra's redirects from a response to the page it lands on (all within Entra). */
async function landOn(browser: ManualBrowser, response: Response, url: string) {
  const landed = await browser.follow(response, url);
  return { status: landed.response.status, url: landed.url, page: await landed.response.text() };
}

/** Starts a SAML sign-in (Redirect URL or POST fields) and follows it to the page Entra shows. */
async function startSaml(browser: ManualBrowser, start: string | Record<string, string>) {
  if (typeof start === 'string') return landOn(browser, await browser.get(start), start);
  return landOn(browser, await browser.postForm(SAML2, start), SAML2);
}

/** From the sign-in page: password, "Stay signed in?", and on to the form that posts the Response to the ACS. */
async function signInFromPage(browser: ManualBrowser, signIn: { url: string; page: string }, stay: 'yes' | 'no' = 'no') {
  assert.match(signIn.page, /data-testid="entra-sign-in"/, `the sign-in page (at ${signIn.url})`);
  const action = formActionOf(signIn.page, signIn.url);
  const kmsi = await submitPassword(browser, action, user);
  assert.match(kmsi.page, /Stay signed in\?/);
  const kmsiAction = formActionOf(kmsi.page, action);
  const landed = await landOn(browser, await browser.postForm(kmsiAction, { stay }), kmsiAction);
  assert.equal(landed.status, 200, `the ACS form page (at ${landed.url})`);
  return postedForm(landed.page);
}

/** A whole SAML sign-in from scratch; returns the posted form and the SP's parse of the Response. */
async function samlSignIn(browser: ManualBrowser, start: string | Record<string, string> = redirectUrl(authnRequestXml()), stay: 'yes' | 'no' = 'no') {
  const form = await signInFromPage(browser, await startSaml(browser, start), stay);
  const parsed = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: form.fields.SAMLResponse } });
  return { form, parsed, xml: Buffer.from(form.fields.SAMLResponse, 'base64').toString('utf8') };
}

const visitedSignIn = (browser: ManualBrowser, from: number) => browser.steps.slice(from).some((s) => s.url.includes(`/${TENANT}/login/`));

async function assertRefused(response: Response, code: string, mentions: RegExp[]) {
  const page = await response.text();
  assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
  assert.equal(errorCodeOf(page), code);
  for (const mention of mentions) assert.match(page, mention);
  return page;
}

// ---------------------------------------------------------------------------------------------------------------

describe('Entra SAML federation metadata', () => {
  for (const tenant of [TENANT, DOMAIN, 'common', 'organizations']) {
    it(`is served under ${tenant} with the tenant's entityID, certificate and /saml2 endpoints`, async () => {
      const res = await get(`${ENTRA}/${tenant}/FederationMetadata/2007-06/FederationMetadata.xml`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/(samlmetadata\+)?xml/);
      const xml = await res.text();
      const errors: string[] = [];
      const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: (e) => errors.push(e), fatalError: (e) => errors.push(e) } }).parseFromString(xml, 'text/xml');
      assert.deepEqual(errors, [], 'well-formed XML');
      assert.equal(doc.documentElement?.localName, 'EntityDescriptor');
      assert.equal(doc.documentElement?.namespaceURI, 'urn:oasis:names:tc:SAML:2.0:metadata');
      assert.equal(doc.documentElement?.getAttribute('entityID'), `${ENTRA}/${TENANT}/`);

      const parsed = samlify.IdentityProvider({ metadata: xml });
      assert.equal(parsed.entityMeta.getEntityID(), `${ENTRA}/${TENANT}/`);
      assert.equal(parsed.entityMeta.getSingleSignOnService('redirect'), SAML2);
      assert.equal(parsed.entityMeta.getSingleSignOnService('post'), SAML2);
      assert.equal(parsed.entityMeta.getSingleLogoutService('redirect'), SAML2);
      assert.equal(parsed.entityMeta.getX509Certificate('signing'), (await entraSamlCredential()).certificateBase64);
      assert.match(xml, /<NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress<\/NameIDFormat>/);
      assert.match(xml, /protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/);
    });
  }

  it('answers an unknown tenant with AADSTS90002', async () => {
    const res = await get(`${ENTRA}/other.example/FederationMetadata/2007-06/FederationMetadata.xml`, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /AADSTS90002/);
  });
});

describe('Entra SAML sign-in', () => {
  it('signs in by HTTP-Redirect: password, "Stay signed in?", then a Response the samlify SP accepts', async () => {
    const browser = new ManualBrowser();
    const request = sp.createLoginRequest(idp, 'redirect', { relayState: 'back/to?x=1&y=2' });
    const { form, parsed, xml } = await samlSignIn(browser, request.context);
    assert.equal(form.action, ACS);
    assert.equal(form.fields.RelayState, 'back/to?x=1&y=2', 'RelayState comes back unchanged');
    await validateSamlMessage(xml);
    assert.equal(parsed.extract.issuer, `${ENTRA}/${TENANT}/`, "Entra's https://sts.windows.net/{tid}/ issuer form");
    assert.equal(parsed.extract.nameID, user.username);
    assert.match(xml, /<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">/);
    assert.equal(parsed.extract.response?.inResponseTo, request.id);
    assert.match(xml, /AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</);
  });

  it('signs the assertion only (Entra\'s default), with the tenant key', async () => {
    const { xml } = await samlSignIn(new ManualBrowser());
    assert.equal((xml.match(/<ds:Signature[ >]/g) ?? []).length, 1);
    assert.match(xml, /<saml:Assertion [^>]*>.*<ds:Signature/);
    const [verified, assertion] = samlify.SamlLib.verifySignature(xml, { metadata: idp.entityMeta });
    assert.ok(verified && assertion?.includes('Assertion'), 'the assertion signature verifies with the metadata certificate');
  });

  it("carries Entra's claims with the exact names MPASSid reads", async () => {
    const { parsed, xml } = await samlSignIn(new ManualBrowser());
    const attributes = parsed.extract.attributes ?? {};
    assert.deepEqual(attributes, {
      'http://schemas.microsoft.com/identity/claims/tenantid': TENANT,
      'http://schemas.microsoft.com/identity/claims/objectidentifier': user.oid,
      'http://schemas.microsoft.com/identity/claims/displayname': `${user.givenName} ${user.familyName}`,
      'http://schemas.microsoft.com/identity/claims/identityprovider': `${ENTRA}/${TENANT}/`,
      'http://schemas.microsoft.com/claims/authnmethodsreferences': 'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': user.givenName,
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': user.familyName,
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': user.username,
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': user.username,
    });
    assert.doesNotMatch(xml, /attrname-format:uri/);
  });

  it('names the Entra session in SessionIndex, the same for every sign-in of the session', async () => {
    const browser = new ManualBrowser();
    const first = await samlSignIn(browser);
    const sessionIndex = String(first.parsed.extract.sessionIndex?.sessionIndex);
    const ledger = await ledgerOf(ENTRA);
    assert.equal(ledger.sessions.length, 1);
    assert.equal(sessionIndex, `_${ledger.sessions[0].sessionId}`);
    assert.equal(ledger.sessions[0].subject, user.username);

    const again = await startSaml(browser, redirectUrl(authnRequestXml()));
    const parsed = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: postedForm(again.page).fields.SAMLResponse } });
    assert.equal(parsed.extract.sessionIndex?.sessionIndex, sessionIndex);
  });

  it('signs in by HTTP-POST, RelayState included', async () => {
    const { form, parsed } = await samlSignIn(new ManualBrowser(), postFields(authnRequestXml(), { relayState: 'post-relay' }));
    assert.equal(form.action, ACS);
    assert.equal(form.fields.RelayState, 'post-relay');
    assert.equal(parsed.extract.nameID, user.username);
  });

  it('posts to another registered reply URL when the request names it, and to the first one when it names none', async () => {
    assert.equal((await samlSignIn(new ManualBrowser(), redirectUrl(authnRequestXml({ acs: ACS2 })))).form.action, ACS2);
    assert.equal((await samlSignIn(new ManualBrowser(), redirectUrl(authnRequestXml({ acs: null })))).form.action, ACS);
  });

  it('accepts requests signed with the registered certificate (Redirect and POST)', async () => {
    const browser = new ManualBrowser();
    assert.match((await startSaml(browser, redirectUrl(authnRequestXml(), { relayState: 'r', signWith: spKey }))).page, /data-testid="entra-sign-in"/);
    assert.match((await startSaml(browser, postFields(authnRequestXml(), { signWith: spKey }))).page, /data-testid="entra-sign-in"/);
  });

  it('records the request and the Response in the ledger', async () => {
    await samlSignIn(new ManualBrowser(), redirectUrl(authnRequestXml({ forceAuthn: true })));
    const { events } = await ledgerOf(ENTRA);
    const received = events.find((e) => e.name === 'saml.authn_request.received');
    assert.deepEqual(received?.detail, { appId: 'mpassid-saml', binding: 'redirect', acs: ACS, forceAuthn: true, isPassive: false });
    const issued = events.find((e) => e.name === 'saml.response.issued');
    assert.deepEqual(issued?.detail, { appId: 'mpassid-saml', acs: ACS, status: 'Success' });
    assert.equal(issued?.subject, user.username);
    const names = events.map((e) => e.name);
    assert.ok(names.indexOf('session.created') < names.indexOf('saml.response.issued'));
    assert.equal(events.find((e) => e.name === 'session.created')?.detail?.clientId, 'mpassid-saml', "the app's own client id");
  });
});

describe('one Entra session for SAML and OIDC', () => {
  it('a SAML sign-in serves a later OIDC sign-in without a password', async () => {
    const browser = new ManualBrowser();
    await samlSignIn(browser);
    const from = browser.steps.length;
    const authorize = `${ENTRA}/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: 'oidc-app', redirect_uri: OIDC_CALLBACK, response_type: 'code', scope: 'openid profile', state: 's' })}`;
    const { stoppedAt } = await browser.follow(await browser.get(authorize), authorize, { stopAt: (next) => next.startsWith(SP) });
    assert.ok(stoppedAt?.startsWith(`${OIDC_CALLBACK}?`), `back at the OIDC app: ${stoppedAt}`);
    assert.ok(new URL(stoppedAt ?? '').searchParams.get('code'));
    assert.equal(visitedSignIn(browser, from), false, 'no sign-in page the second time');
    assert.equal((await ledgerOf(ENTRA)).sessions.length, 1);
  });

  it('an OIDC sign-in serves a later SAML sign-in without a password', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(oidcTarget, browser, user, 'yes');
    const from = browser.steps.length;
    const landed = await startSaml(browser, redirectUrl(authnRequestXml()));
    assert.equal(visitedSignIn(browser, from), false, 'no sign-in page the second time');
    const parsed = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: postedForm(landed.page).fields.SAMLResponse } });
    assert.equal(parsed.extract.nameID, user.username);
    const { sessions } = await ledgerOf(ENTRA);
    assert.equal(sessions.length, 1);
    assert.equal(parsed.extract.sessionIndex?.sessionIndex, `_${sessions[0].sessionId}`);
  });

  it('ForceAuthn="true" asks for the password again over a live session', async () => {
    const browser = new ManualBrowser();
    await samlSignIn(browser);
    const forced = await startSaml(browser, redirectUrl(authnRequestXml({ forceAuthn: true })));
    const form = await signInFromPage(browser, forced);
    assert.equal(form.action, ACS);
    assert.ok((await eventNames(ENTRA)).filter((n) => n === 'credentials.prompted').length === 2);
    assert.equal((await ledgerOf(ENTRA)).sessions.filter((s) => !s.endedAt).length, 1, 'still one open Entra session');
  });
});

describe('IsPassive', () => {
  it('without a session answers Responder/NoPassive at the ACS, signed, without showing a page', async () => {
    const browser = new ManualBrowser();
    const id = samlId();
    const landed = await startSaml(browser, redirectUrl(authnRequestXml({ isPassive: true, id }), { relayState: 'passive' }));
    assert.equal(visitedSignIn(browser, 0), false);
    const form = postedForm(landed.page);
    assert.equal(form.action, ACS);
    assert.equal(form.fields.RelayState, 'passive');
    const xml = Buffer.from(form.fields.SAMLResponse, 'base64').toString('utf8');
    await validateSamlMessage(xml);
    assert.match(xml, /<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:NoPassive"\/>/);
    assert.match(xml, new RegExp(`InResponseTo="${id}"`));
    assert.doesNotMatch(xml, /<saml:Assertion/);
    assert.equal(samlify.SamlLib.verifySignature(xml, { metadata: idp.entityMeta })[0], true);
    await assert.rejects(sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: form.fields.SAMLResponse } }), /NoPassive/);
    const issued = (await ledgerOf(ENTRA)).events.find((e) => e.name === 'saml.response.issued');
    assert.equal(issued?.detail?.status, 'NoPassive');
    assert.equal((await ledgerOf(ENTRA)).sessions.length, 0);
  });

  it('with a session signs in silently', async () => {
    const browser = new ManualBrowser();
    await samlSignIn(browser);
    const from = browser.steps.length;
    const landed = await startSaml(browser, redirectUrl(authnRequestXml({ isPassive: true })));
    assert.equal(visitedSignIn(browser, from), false);
    const parsed = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: postedForm(landed.page).fields.SAMLResponse } });
    assert.equal(parsed.extract.nameID, user.username);
  });
});

describe('refused SAML requests (an error page, 4xx, never 5xx)', () => {
  const refuse = (url: string) => new ManualBrowser().get(url);

  it('an unknown Issuer: AADSTS700016 naming the identifier and the directory', async () => {
    await assertRefused(await refuse(redirectUrl(authnRequestXml({ issuer: 'https://unknown.example/sp' }))), 'saml_unknown_application',
      [/AADSTS700016/, /https:\/\/unknown.example\/sp/, new RegExp(TENANT)]);
    const rejected = (await ledgerOf(ENTRA)).events.find((e) => e.name === 'saml.request.rejected');
    assert.equal(rejected?.detail?.code, 'saml_unknown_application');
    assert.equal(rejected?.detail?.issuer, 'https://unknown.example/sp');
  });

  it('an ACS that is not a registered reply URL: AADSTS50011 naming it', async () => {
    await assertRefused(await refuse(redirectUrl(authnRequestXml({ acs: `${SP}/evil` }))), 'saml_unregistered_reply_url',
      [/AADSTS50011/, new RegExp(`${SP}/evil`), /Reply URLs/]);
  });

  it('a Redirect signature made with another key', async () => {
    await assertRefused(await refuse(redirectUrl(authnRequestXml(), { relayState: 'r', signWith: strangerKey })), 'saml_bad_signature', [/mpassid-saml/, /signature/i]);
  });

  it('a Redirect signature over another request', async () => {
    const url = new URL(redirectUrl(authnRequestXml(), { signWith: spKey }));
    url.searchParams.set('SAMLRequest', deflateRawSync(Buffer.from(authnRequestXml({ acs: ACS2 }))).toString('base64'));
    await assertRefused(await refuse(url.href), 'saml_bad_signature', [/signature/i]);
  });

  it('a POST signature made with another key', async () => {
    await assertRefused(await new ManualBrowser().postForm(SAML2, postFields(authnRequestXml(), { signWith: strangerKey })), 'saml_bad_signature', [/signature/i]);
  });

  it('no SAMLRequest: AADSTS750054', async () => {
    await assertRefused(await refuse(SAML2), 'saml_missing_message', [/AADSTS750054/]);
  });

  it('bad base64', async () => {
    await assertRefused(await refuse(redirectUrl('', { rawSamlRequest: '***not base64***' })), 'saml_bad_encoding', [/AADSTS75005/, /base64/]);
  });

  it('bad deflate', async () => {
    await assertRefused(await refuse(redirectUrl('', { rawSamlRequest: Buffer.from(authnRequestXml()).toString('base64') })), 'saml_bad_encoding', [/inflate|DEFLATE/]);
  });

  it('not XML', async () => {
    await assertRefused(await refuse(redirectUrl('hello, Entra')), 'saml_not_xml', [/not an XML document/]);
  });

  it('a DTD', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>${authnRequestXml()}`;
    await assertRefused(await refuse(redirectUrl(xml)), 'saml_schema_invalid', [/DTD/]);
  });

  it('a schema violation', async () => {
    await assertRefused(await refuse(redirectUrl(authnRequestXml().replace('Version="2.0"', ''))), 'saml_schema_invalid', [/schema/]);
  });

  it('a LogoutRequest by HTTP-POST', async () => {
    await assertRefused(await new ManualBrowser().postForm(SAML2, { SAMLRequest: Buffer.from(logoutRequestXml()).toString('base64') }),
      'saml_unsupported_request', [/HTTP-Redirect/]);
  });

  it('a resume without a pending request', async () => {
    await assertRefused(await refuse(`${SAML2}/resume?state=nope&code=nope`), 'saml_request_expired', [/not pending/]);
    await assertRefused(await refuse(`${SAML2}/resume`), 'saml_request_expired', [/not pending/]);
  });
});

describe('Entra SAML single sign-out', () => {
  it('ends the session SessionIndex names and redirects a signed LogoutResponse to the Logout URL', async () => {
    const browser = new ManualBrowser();
    const { parsed } = await samlSignIn(browser, undefined, 'yes');
    const sessionIndex = String(parsed.extract.sessionIndex?.sessionIndex);
    const logout = sp.createLogoutRequest(idp, 'redirect', { logoutNameID: user.username, sessionIndex }, { relayState: 'after-logout' });
    const res = await browser.get(logout.context);
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, SLO);
    assert.equal(location.searchParams.get('RelayState'), 'after-logout');
    assert.ok(location.searchParams.get('Signature') && location.searchParams.get('SigAlg'), 'signed');
    const response = await sp.parseLogoutResponse(idp, 'redirect', {
      query: Object.fromEntries(location.searchParams),
      octetString: redirectOctetString(location.href),
    });
    assert.equal(response.extract.issuer, `${ENTRA}/${TENANT}/`);
    assert.equal(response.extract.response?.inResponseTo, logout.id);
    await validateSamlMessage(response.samlContent);

    const ledger = await ledgerOf(ENTRA);
    assert.equal(ledger.sessions[0].endedBy, 'logout');
    assert.equal(`_${ledger.sessions[0].sessionId}`, sessionIndex);
    const completed = ledger.events.find((e) => e.name === 'saml.logout.completed');
    assert.deepEqual(completed?.detail, { appId: 'mpassid-saml', sessionIndex, sessionEnded: true, returnTo: SLO });
    assert.deepEqual(browser.jar.names(ENTRA).filter((n) => n.startsWith('ESTSAUTH')), [], 'Entra cookies cleared');

    const next = await startSaml(browser, redirectUrl(authnRequestXml()));
    assert.match(next.page, /data-testid="entra-sign-in"/, 'the next sign-in asks for the password');
  });

  it('ends the session SessionIndex names even when the request comes without the Entra cookie', async () => {
    const { parsed } = await samlSignIn(new ManualBrowser());
    const sessionIndex = String(parsed.extract.sessionIndex?.sessionIndex);
    const res = await new ManualBrowser().get(redirectUrl(logoutRequestXml({ sessionIndex })));
    assert.equal(res.status, 302);
    const ledger = await ledgerOf(ENTRA);
    assert.equal(ledger.sessions[0].endedBy, 'logout');
    assert.equal(ledger.events.some((e) => e.name === 'logout.no_session'), false);
  });

  it("without SessionIndex ends the browser's session", async () => {
    const browser = new ManualBrowser();
    await samlSignIn(browser);
    const res = await browser.get(redirectUrl(logoutRequestXml()));
    assert.equal(res.status, 302);
    assert.ok(res.headers.get('location')?.startsWith(`${SLO}?SAMLResponse=`));
    assert.equal((await ledgerOf(ENTRA)).sessions[0].endedBy, 'logout');
  });

  it('ends a session an OIDC sign-in started too (one Entra session)', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(oidcTarget, browser, user, 'no');
    await (await browser.get(redirectUrl(logoutRequestXml()))).arrayBuffer();
    const { sessions } = await ledgerOf(ENTRA);
    assert.equal(sessions[0].endedBy, 'logout');
  });

  it('shows the "You signed out" page when the app registered no Logout URL', async () => {
    const browser = new ManualBrowser();
    const signIn = await startSaml(browser, redirectUrl(authnRequestXml({ issuer: PLAIN_ENTITY, acs: PLAIN_ACS })));
    const form = await signInFromPage(browser, signIn);
    const parsed = await plainSp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: form.fields.SAMLResponse } });
    const res = await browser.get(redirectUrl(logoutRequestXml({ issuer: PLAIN_ENTITY, sessionIndex: String(parsed.extract.sessionIndex?.sessionIndex) })));
    assert.equal(res.status, 200);
    assert.match(await res.text(), /data-testid="entra-signed-out"/);
    assert.equal((await ledgerOf(ENTRA)).sessions[0].endedBy, 'logout');
  });

  it('without any session still answers, and records logout.no_session', async () => {
    const res = await new ManualBrowser().get(redirectUrl(logoutRequestXml({ sessionIndex: '_gone' })));
    assert.equal(res.status, 302);
    const names = await eventNames(ENTRA);
    assert.ok(names.includes('logout.no_session'));
    assert.ok(names.includes('saml.logout.completed'));
  });

  it('refuses a LogoutRequest from an unknown Issuer and one signed with another key', async () => {
    await assertRefused(await new ManualBrowser().get(redirectUrl(logoutRequestXml({ issuer: 'urn:nobody' }))), 'saml_unknown_application', [/AADSTS700016/]);
    await assertRefused(await new ManualBrowser().get(redirectUrl(logoutRequestXml(), { signWith: strangerKey })), 'saml_bad_signature', [/LogoutRequest/]);
  });
});
