import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PartyError } from '../mock-idp/core/errors.js';
import { runKey } from '../mock-idp/core/keys.js';
import { samlCredential, type SamlCredential } from '../mock-idp/core/saml/certificate.js';
import { decodeInboundMessage, redirectOctetString } from '../mock-idp/core/saml/inbound-message.js';
import { buildLoginResponse, TRANSIENT_NAME_ID, type SamlAttribute } from '../mock-idp/core/saml/login-response.js';
import samlify, { type IdentityProviderInstance } from '../mock-idp/core/saml/samlify.js';
import { samlSpUrls, type SampleServiceConfig } from './config.js';
import { startSampleService, type StartedSampleService } from './server.js';

// Ports 6300–6399 belong to the SAML tests; this file uses 6311–6319.
const IDP_ORIGIN = 'http://127.0.0.3:6311';
const IDP_ENTITY_ID = `${IDP_ORIGIN}/idp/shibboleth`;
const SSO_URL = `${IDP_ORIGIN}/idp/profile/SAML2/Redirect/SSO`;
const SIGNED_ORIGIN = 'http://127.0.0.2:6312';
const UNSIGNED_ORIGIN = 'http://127.0.0.2:6313';
const NO_SAML_ORIGIN = 'http://127.0.0.2:6314';
const SILENT_IDP = 'http://127.0.0.3:6319/idp/shibboleth';
const UID = 'MPASSOID.391ea8eb34f1e27024ab1342603537bdbd494900';

/** Undoes the HTML escapes of an error page, for matching its text. */
const unescape = (html: string) => html.replace(/&(quot|#39|lt|gt|amp);/g, (_m, e: string) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[e] as string);

function idpMetadata(credential: SamlCredential): string {
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${IDP_ENTITY_ID}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${credential.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>${TRANSIENT_NAME_ID}</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${SSO_URL}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

function serviceConfig(origin: string, saml: SampleServiceConfig['saml'], protocol: SampleServiceConfig['protocol'] = 'saml'): SampleServiceConfig {
  return {
    origin,
    // OIDC stays configured; nothing listens on 6318, so OIDC sign-in fails with mpassid_unreachable.
    mpassid: { issuer: 'http://127.0.0.3:6318', clientId: 'oppimisalusta', clientSecret: 'test-secret' },
    protocol,
    saml,
    logout: 'local',
    entraLogoutUrl: 'http://127.0.0.4:6399/tenant/oauth2/v2.0/logout',
  };
}

const ATTRIBUTES: SamlAttribute[] = [
  { name: 'urn:mpass.id:uid', friendlyName: 'mpassUsername', values: [UID] },
  { name: 'urn:oid:2.5.4.42', friendlyName: 'givenName', values: ['Testi1'] },
  { name: 'urn:oid:2.5.4.4', friendlyName: 'sn', values: ['Oppilas1'] },
  { name: 'urn:mpass.id:role', friendlyName: 'mpassRole', values: ['1.2.246.562.99.00000000001;30076;9F;Oppilas;1;1.2.246.562.99.00000000002;'] },
  { name: 'urn:mpass.id:learningMaterialsCharge', values: ['1;30076', '0;30077'] },
];

const listenOn = (origin: string) => ({ host: new URL(origin).hostname, port: Number(new URL(origin).port) });

describe('sample service in SAML mode', () => {
  let idpCredential: SamlCredential;
  let idp: IdentityProviderInstance;
  let metadataServer: http.Server;
  let signed: StartedSampleService;
  let unsigned: StartedSampleService;
  let noSaml: StartedSampleService;

  const get = (origin: string, path: string, init: RequestInit = {}) => fetch(`${origin}${path}`, { redirect: 'manual', ...init });
  const postJson = (origin: string, path: string, body: unknown) =>
    get(origin, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** Starts a sign-in at `/login` and reads the redirect to the IdP. */
  async function startLogin(origin: string, returnTo = '/protected') {
    const res = await get(origin, `/login?returnTo=${encodeURIComponent(returnTo)}`);
    assert.equal(res.status, 302, await res.clone().text());
    const location = res.headers.get('location') ?? '';
    const query = new URL(location).searchParams;
    const message = await decodeInboundMessage(query.get('SAMLRequest'), 'redirect', ['AuthnRequest']);
    return { location, query, message, relayState: query.get('RelayState') ?? '' };
  }

  /** MPASSid's answer to a request, as the mock builds it; `signResponse` adds the Response signature to the Assertion's. */
  async function loginResponse(origin: string, inResponseTo: string, options: { signResponse?: boolean; signAssertion?: boolean } = {}) {
    let spMetadata = await (await get(origin, '/saml/metadata')).text();
    // samlify signs the Assertion when the SP metadata (not the entity setting) says WantAssertionsSigned.
    if (options.signAssertion === false) spMetadata = spMetadata.replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"');
    const sp = samlify.ServiceProvider({ metadata: spMetadata, wantMessageSigned: options.signResponse ?? true });
    const { acsUrl } = samlSpUrls(origin);
    const { samlResponse } = await buildLoginResponse({
      idp, sp, acsUrl, inResponseTo,
      nameId: { value: 'AAdzZWNyZXQx-transient', format: TRANSIENT_NAME_ID },
      authn: { instant: new Date(), sessionIndex: '_session-1', contextClassRef: 'urn:mpass.id:authnsource:mansikkala-entra' },
      attributes: ATTRIBUTES,
    });
    return samlResponse;
  }

  const postAcs = (origin: string, samlResponse: string, relayState: string) => get(origin, '/saml/acs', {
    method: 'POST',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState }),
  });

  before(async () => {
    idpCredential = await samlCredential(runKey('saml-login-test-idp'), '127.0.0.3');
    const metadata = idpMetadata(idpCredential);
    idp = samlify.IdentityProvider({ metadata, privateKey: idpCredential.privateKeyPem });
    metadataServer = http.createServer((req, res) => {
      if (req.url === '/idp/shibboleth') res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(metadata);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => metadataServer.listen(6311, '127.0.0.3', resolve));
    signed = await startSampleService(serviceConfig(SIGNED_ORIGIN, { idpMetadataUrl: IDP_ENTITY_ID, requestedAuthnSource: 'mansikkala-entra' }), listenOn(SIGNED_ORIGIN));
    unsigned = await startSampleService(serviceConfig(UNSIGNED_ORIGIN, { idpMetadataUrl: IDP_ENTITY_ID, signAuthnRequests: false }), listenOn(UNSIGNED_ORIGIN));
    noSaml = await startSampleService(serviceConfig(NO_SAML_ORIGIN, undefined, 'oidc'), listenOn(NO_SAML_ORIGIN));
  });
  after(async () => {
    await Promise.all([signed?.close(), unsigned?.close(), noSaml?.close()]);
    metadataServer?.closeAllConnections();
    await new Promise((resolve) => metadataServer?.close(resolve));
  });
  beforeEach(async () => {
    for (const origin of [SIGNED_ORIGIN, UNSIGNED_ORIGIN, NO_SAML_ORIGIN]) assert.equal((await get(origin, '/__harness/reset', { method: 'POST' })).status, 200);
  });

  describe('GET /saml/metadata', () => {
    it('describes the SP: entityID, signed requests, wanted signed assertions, signing key, HTTP-POST ACS', async () => {
      const res = await get(SIGNED_ORIGIN, '/saml/metadata');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/samlmetadata\+xml/);
      const xml = await res.text();
      assert.match(xml, /entityID="http:\/\/127.0.0.2:6312\/saml\/metadata"/);
      assert.match(xml, /AuthnRequestsSigned="true"/);
      assert.match(xml, /WantAssertionsSigned="true"/);
      assert.match(xml, /<KeyDescriptor use="signing">.*<ds:X509Certificate>MII/s);
      assert.match(xml, /<AssertionConsumerService index="0" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="http:\/\/127.0.0.2:6312\/saml\/acs"/);

      const sp = samlify.ServiceProvider({ metadata: xml });
      assert.equal(sp.entityMeta.getEntityID(), samlSpUrls(SIGNED_ORIGIN).entityId);
      assert.equal(sp.entityMeta.isAuthnRequestSigned(), true);
      assert.equal(sp.entityMeta.isWantAssertionsSigned(), true);
      assert.equal(sp.entityMeta.getAssertionConsumerService('post'), `${SIGNED_ORIGIN}/saml/acs`);
    });

    it('says AuthnRequestsSigned="false" when requests are not signed, and is served without a SAML registration too', async () => {
      assert.match(await (await get(UNSIGNED_ORIGIN, '/saml/metadata')).text(), /AuthnRequestsSigned="false" WantAssertionsSigned="true"/);
      assert.equal((await get(NO_SAML_ORIGIN, '/saml/metadata')).status, 200);
    });

    it('samlSpUrls gives the URLs MPASSid registers', () => {
      assert.deepEqual(samlSpUrls('http://127.0.0.2:5602/'), {
        entityId: 'http://127.0.0.2:5602/saml/metadata',
        metadataUrl: 'http://127.0.0.2:5602/saml/metadata',
        acsUrl: 'http://127.0.0.2:5602/saml/acs',
      });
    });
  });

  describe('GET /login', () => {
    it('redirects to the SSO with a deflated, signed AuthnRequest carrying ID, Issuer, ACS and RequestedAuthnContext', async () => {
      const { location, query, message, relayState } = await startLogin(SIGNED_ORIGIN);
      assert.ok(location.startsWith(`${SSO_URL}?SAMLRequest=`), location);
      assert.ok(relayState.length >= 16, 'an opaque RelayState');
      assert.equal(query.get('SigAlg'), 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
      assert.ok(query.get('Signature'));

      assert.equal(message.kind, 'AuthnRequest');
      assert.match(message.id, /^_[0-9a-f]{32}$/);
      assert.equal(message.issuer, `${SIGNED_ORIGIN}/saml/metadata`);
      assert.equal(message.root.getAttribute('AssertionConsumerServiceURL'), `${SIGNED_ORIGIN}/saml/acs`);
      assert.equal(message.root.getAttribute('ProtocolBinding'), 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
      assert.equal(message.root.getAttribute('Destination'), SSO_URL);
      assert.match(message.xml, /<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient" AllowCreate="true"\/>/);
      assert.match(message.xml, /<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>urn:mpass.id:authnsource:mansikkala-entra<\/saml:AuthnContextClassRef><\/samlp:RequestedAuthnContext>/);

      // The signature verifies with the certificate in the SP metadata, as MPASSid checks it.
      const sp = samlify.ServiceProvider({ metadata: await (await get(SIGNED_ORIGIN, '/saml/metadata')).text() });
      const octets = redirectOctetString(location);
      assert.ok(octets.includes('&RelayState=') && octets.includes('&SigAlg='));
      assert.equal(samlify.SamlLib.verifyMessageSignature(sp.entityMeta, octets, Buffer.from(query.get('Signature') ?? '', 'base64'), query.get('SigAlg') ?? ''), true);
    });

    it('sends an unsigned request without RequestedAuthnContext when so configured', async () => {
      const { query, message } = await startLogin(UNSIGNED_ORIGIN);
      assert.equal(query.get('Signature'), null);
      assert.equal(query.get('SigAlg'), null);
      assert.doesNotMatch(message.xml, /RequestedAuthnContext/);
    });

    it('names the metadata URL it could not read, and reads it once it answers', async () => {
      const silent = await startSampleService(serviceConfig('http://127.0.0.2:6315', { idpMetadataUrl: SILENT_IDP }), listenOn('http://127.0.0.2:6315'));
      try {
        const res = await get('http://127.0.0.2:6315', '/login', { headers: { accept: 'text/html' } });
        assert.equal(res.status, 502);
        const body = unescape(await res.text());
        assert.match(body, /data-error-code="mpassid_unreachable"/);
        assert.ok(body.includes(`could not read MPASSid's SAML metadata at ${SILENT_IDP}`), body);

        const late = http.createServer((_req, res) => res.writeHead(200).end(idpMetadata(idpCredential)));
        await new Promise<void>((resolve) => late.listen(6319, '127.0.0.3', resolve));
        try {
          assert.equal((await get('http://127.0.0.2:6315', '/login')).status, 302, 'a failed read is retried');
        } finally {
          late.closeAllConnections();
          await new Promise((resolve) => late.close(resolve));
        }
      } finally {
        await silent.close();
      }
    });
  });

  describe('sign-in round trip', () => {
    it('a Response to the request signs the user in; claims, session and logout work as with OIDC', async () => {
      const { message, relayState } = await startLogin(SIGNED_ORIGIN);
      const res = await postAcs(SIGNED_ORIGIN, await loginResponse(SIGNED_ORIGIN, message.id), relayState);
      assert.equal(res.status, 302, unescape(await res.clone().text()));
      assert.equal(res.headers.get('location'), '/protected');
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];

      const page = await (await get(SIGNED_ORIGIN, '/protected', { headers: { cookie } })).text();
      assert.match(page, /Signed in as Testi1 Oppilas1/);
      assert.match(page, new RegExp(`<dd data-claim="urn:mpass.id:uid">${UID}</dd>`));
      assert.match(page, /<dd data-claim="urn:mpass.id:learningMaterialsCharge">1;30076<\/dd><dd data-claim="urn:mpass.id:learningMaterialsCharge">0;30077<\/dd>/);
      const ledger = await (await get(SIGNED_ORIGIN, '/__harness/sessions')).json();
      assert.deepEqual(ledger.sessions.map((s: { subject: string }) => s.subject), [UID]);

      assert.equal((await postJson(SIGNED_ORIGIN, '/__harness/config', { logout: 'mpassid' })).status, 200);
      const logout = await get(SIGNED_ORIGIN, '/logout', { method: 'POST', headers: { cookie } });
      assert.equal(logout.status, 303);
      assert.equal(logout.headers.get('location'), `http://127.0.0.3:6318/idp/profile/Logout?return=${encodeURIComponent(`${SIGNED_ORIGIN}/`)}`);
      const after = await (await get(SIGNED_ORIGIN, '/__harness/sessions')).json();
      assert.equal(after.sessions[0].endedBy, 'logout');
      assert.equal((await get(SIGNED_ORIGIN, '/protected', { headers: { cookie } })).status, 302, 'the session is gone');
    });

    it('accepts a Response whose Assertion alone is signed', async () => {
      const { message, relayState } = await startLogin(UNSIGNED_ORIGIN, '/');
      const res = await postAcs(UNSIGNED_ORIGIN, await loginResponse(UNSIGNED_ORIGIN, message.id, { signResponse: false }), relayState);
      assert.equal(res.status, 302, unescape(await res.clone().text()));
      assert.equal(res.headers.get('location'), '/');
    });

    it('refuses a Response whose Assertion is not signed, even when the Response is', async () => {
      const { message, relayState } = await startLogin(SIGNED_ORIGIN);
      const res = await postAcs(SIGNED_ORIGIN, await loginResponse(SIGNED_ORIGIN, message.id, { signAssertion: false }), relayState);
      assert.equal(res.status, 400);
      assert.match(unescape(await res.text()), /saml_unsigned.*only the Response is/);
    });

    it('refuses a Response whose own signature breaks although its Assertion\'s holds', async () => {
      const { message, relayState } = await startLogin(SIGNED_ORIGIN);
      const xml = Buffer.from(await loginResponse(SIGNED_ORIGIN, message.id), 'base64').toString('utf8');
      // Change the Response's IssueInstant (outside the Assertion): only the Response digest breaks.
      const tampered = xml.replace(/(<samlp:Response [^>]*IssueInstant=")[^"]+"/, '$12030-01-01T00:00:00Z"');
      assert.notEqual(tampered, xml);
      const res = await postAcs(SIGNED_ORIGIN, Buffer.from(tampered).toString('base64'), relayState);
      assert.equal(res.status, 400);
      assert.match(unescape(await res.text()), /saml_bad_signature.*the Response's signature does not verify/);
    });

    it('refuses an answer to another request under this RelayState, and one that carries no RelayState', async () => {
      const { relayState } = await startLogin(SIGNED_ORIGIN);
      const other = await postAcs(SIGNED_ORIGIN, await loginResponse(SIGNED_ORIGIN, '_someone-elses-request'), relayState);
      assert.equal(other.status, 400);
      assert.match(unescape(await other.text()), /saml_in_response_to.*InResponseTo "_someone-elses-request" does not match/);

      const { message } = await startLogin(SIGNED_ORIGIN);
      const none = await get(SIGNED_ORIGIN, '/saml/acs', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ SAMLResponse: await loginResponse(SIGNED_ORIGIN, message.id) }),
      });
      assert.equal(none.status, 400);
      assert.equal((await none.json()).error, 'saml_unknown_request');
    });

    it('refuses a post without SAMLResponse', async () => {
      const res = await get(SIGNED_ORIGIN, '/saml/acs', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'RelayState=x' });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error, 'saml_missing_message');
    });
  });

  describe('protocol switch', () => {
    it('GET /__harness/config shows the protocol; POST switches it; reset restores the configured one', async () => {
      assert.deepEqual(await (await get(SIGNED_ORIGIN, '/__harness/config')).json(),
        { party: 'service', logout: 'local', returnUrl: `${SIGNED_ORIGIN}/`, protocol: 'saml' });

      const switched = await postJson(SIGNED_ORIGIN, '/__harness/config', { protocol: 'oidc' });
      assert.equal(switched.status, 200);
      assert.equal((await switched.json()).protocol, 'oidc');
      assert.equal(signed.protocol, 'oidc');
      const oidcLogin = await get(SIGNED_ORIGIN, '/login');
      assert.equal(oidcLogin.status, 502, '/login now tries OIDC discovery at the (absent) issuer');
      assert.match((await oidcLogin.json()).error_description, /127\.0\.0\.3:6318/);

      const both = await postJson(SIGNED_ORIGIN, '/__harness/config', { protocol: 'saml', logout: 'full' });
      assert.deepEqual(await both.json(), { party: 'service', logout: 'full', returnUrl: `${SIGNED_ORIGIN}/`, protocol: 'saml' });

      signed.setProtocol('oidc');
      assert.equal((await (await get(SIGNED_ORIGIN, '/__harness/config')).json()).protocol, 'oidc');
      await get(SIGNED_ORIGIN, '/__harness/reset', { method: 'POST' });
      assert.deepEqual(await (await get(SIGNED_ORIGIN, '/__harness/config')).json(),
        { party: 'service', logout: 'local', returnUrl: `${SIGNED_ORIGIN}/`, protocol: 'saml' });
      assert.equal((await get(SIGNED_ORIGIN, '/login')).headers.get('location')?.startsWith(SSO_URL), true);
    });

    for (const [label, body, reason] of [
      ['an unknown protocol', { protocol: 'ws-fed' }, /"protocol" must be one of "oidc", "saml"; got "ws-fed"/],
      ['neither logout nor protocol', { returnUrl: 'http://127.0.0.2:6312/' }, /"logout" \(one of "local", "mpassid", "full"\) and\/or "protocol" \(one of "oidc", "saml"\)/],
      ['a returnUrl without logout', { protocol: 'oidc', returnUrl: 'http://127.0.0.2:6312/' }, /"returnUrl" goes with "logout"/],
    ] as const) {
      it(`refuses ${label} with 400, changing nothing`, async () => {
        const res = await postJson(SIGNED_ORIGIN, '/__harness/config', body);
        assert.equal(res.status, 400);
        const json = await res.json();
        assert.equal(json.error, 'invalid_request');
        assert.match(json.error_description, reason);
        assert.equal((await (await get(SIGNED_ORIGIN, '/__harness/config')).json()).protocol, 'saml');
      });
    }
  });

  describe('without a SAML registration', () => {
    it('refuses to start in SAML mode, naming saml.idpMetadataUrl', async () => {
      await assert.rejects(startSampleService(serviceConfig('http://127.0.0.2:6316', undefined, 'saml'), listenOn('http://127.0.0.2:6316')),
        (err: unknown) => err instanceof PartyError && err.code === 'saml_not_configured' && /saml\.idpMetadataUrl/.test(err.description));
    });

    it('refuses the switch to SAML (and changes nothing), and the ACS says what is missing', async () => {
      const res = await postJson(NO_SAML_ORIGIN, '/__harness/config', { protocol: 'saml', logout: 'full' });
      assert.equal(res.status, 400);
      const json = await res.json();
      assert.equal(json.error, 'saml_not_configured');
      assert.match(json.error_description, /no saml\.idpMetadataUrl/);
      assert.deepEqual(await (await get(NO_SAML_ORIGIN, '/__harness/config')).json(),
        { party: 'service', logout: 'local', returnUrl: `${NO_SAML_ORIGIN}/`, protocol: 'oidc' });
      assert.throws(() => noSaml.setProtocol('saml'), (err: unknown) => err instanceof PartyError && err.code === 'saml_not_configured');

      const acs = await get(NO_SAML_ORIGIN, '/saml/acs', { method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: 'SAMLResponse=x' });
      assert.equal(acs.status, 500);
      assert.match(unescape(await acs.text()), /data-error-code="saml_not_configured".*no saml\.idpMetadataUrl/s);
    });
  });
});
