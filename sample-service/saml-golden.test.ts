import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { GOLDEN, GOLDEN_DIR, GOLDEN_FILES, goldenFiles, readGoldenCredential, type GoldenFile } from '../test/golden/saml/regenerate.js';
import type { SampleServiceConfig } from './config.js';
import { startSampleService, type StartedSampleService } from './server.js';

// Ports 6300–6399 belong to the SAML tests: 6301 the test IdP's metadata, 6302 the sample service.
const IDP = new URL(GOLDEN.idpEntityId);
const SERVICE = new URL(GOLDEN.spOrigin);

/** The page's text with HTML escapes undone, for matching reasons. */
const unescape = (html: string) => html.replace(/&(quot|#39|lt|gt|amp);/g, (_m, e: string) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[e] as string);

const golden = (name: GoldenFile | 'idp-metadata.xml') => readFileSync(new URL(name, GOLDEN_DIR), 'utf8');

/** Serves the golden IdP metadata at its entityID, as MPASSid serves `/idp/shibboleth`. */
async function startMetadataServer(): Promise<http.Server> {
  const metadata = golden('idp-metadata.xml');
  const server = http.createServer((req, res) => {
    if (req.url === IDP.pathname) res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(metadata);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(Number(IDP.port), IDP.hostname, resolve));
  return server;
}

const config: SampleServiceConfig = {
  origin: GOLDEN.spOrigin,
  // OIDC stays configured (unused here); nothing listens on 6309.
  mpassid: { issuer: `http://${IDP.hostname}:6309`, clientId: 'oppimisalusta', clientSecret: 'test-secret' },
  protocol: 'saml',
  saml: { idpMetadataUrl: GOLDEN.idpEntityId },
  logout: 'local',
  entraLogoutUrl: 'http://127.0.0.4:6399/tenant/oauth2/v2.0/logout',
};

describe('golden SAML Responses at the sample service ACS', () => {
  let metadataServer: http.Server;
  let service: StartedSampleService;
  const url = (path: string) => `${GOLDEN.spOrigin}${path}`;

  /** Posts a golden file, unchanged, as the HTTP-POST binding does; by default the service first expects the request it answers. */
  async function postGolden(name: GoldenFile, options: { expect?: boolean } = {}): Promise<Response> {
    const relayState = options.expect === false ? 'golden-relay-state-nobody-expects' : service.saml.expectResponse(GOLDEN.requestId, { returnTo: '/protected' });
    return fetch(url('/saml/acs'), {
      method: 'POST',
      redirect: 'manual',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLResponse: Buffer.from(golden(name)).toString('base64'), RelayState: relayState }),
    });
  }

  async function sessions(): Promise<Array<{ subject: string }>> {
    return (await (await fetch(url('/__harness/sessions'))).json()).sessions;
  }

  before(async () => {
    metadataServer = await startMetadataServer();
    service = await startSampleService(config, { host: SERVICE.hostname, port: Number(SERVICE.port) });
  });
  after(async () => {
    await service?.close();
    metadataServer?.closeAllConnections();
    await new Promise((resolve) => metadataServer?.close(resolve));
  });
  beforeEach(async () => {
    assert.equal((await fetch(url('/__harness/reset'), { method: 'POST' })).status, 200);
  });

  it('the committed files are exactly what regenerate.ts makes from the committed TEST-ONLY key', () => {
    const made = goldenFiles(readGoldenCredential());
    for (const name of [...GOLDEN_FILES, 'idp-metadata.xml'] as const) {
      assert.equal(golden(name), made.get(name), `${name} is out of date: run node --import tsx test/golden/saml/regenerate.ts`);
    }
  });

  it('response.valid.xml signs the user in, with every attribute as a claim', async () => {
    const res = await postGolden('response.valid.xml');
    assert.equal(res.status, 302, await res.clone().text());
    assert.equal(res.headers.get('location'), '/protected');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    assert.match(cookie, /^oppimisalusta_session=./);

    const page = await (await fetch(url('/protected'), { headers: { cookie } })).text();
    assert.match(page, /Signed in as Testi1 Oppilas1/);
    assert.match(page, new RegExp(`<dd data-claim="urn:mpass.id:uid">${GOLDEN.uid}</dd>`));
    assert.match(page, /<dd data-claim="urn:mpass.id:schoolInfo">30076;Mansikkalan testi peruskoulu<\/dd><dd data-claim="urn:mpass.id:schoolInfo">1.2.246.562.99.00000000002;Mansikkalan testi peruskoulu<\/dd>/);
    assert.match(page, /<dd data-claim="urn:oid:1.3.6.1.4.1.16161.1.1.27">1.2.246.562.24.20000000018<\/dd>/);
    assert.deepEqual((await sessions()).map((s) => s.subject), [GOLDEN.uid]);
  });

  const anomalies: Array<[GoldenFile, string, RegExp]> = [
    ['response.unsigned.xml', 'saml_unsigned', /Assertion is not signed.*WantAssertionsSigned/],
    ['response.wrong-audience.xml', 'saml_wrong_audience', /Audience is "http:\/\/127.0.0.9:6399\/saml\/metadata"/],
    ['response.expired.xml', 'saml_expired', /expired.*NotOnOrAfter is 2020-01-01T00:05:00Z/],
    ['response.wrong-issuer.xml', 'saml_wrong_issuer', /Issuer is "http:\/\/127.0.0.66:6301\/idp\/shibboleth"/],
    ['response.wrong-destination.xml', 'saml_wrong_destination', /Destination is "http:\/\/127.0.0.9:6399\/saml\/acs"/],
    ['response.unknown-in-response-to.xml', 'saml_in_response_to', /InResponseTo "_golden-unknown-authn-request" does not match the AuthnRequest "_golden-authn-request-0001"/],
    ['response.bad-signature.xml', 'saml_bad_signature', /no signature on the Response or its Assertion verifies/],
    ['response.wrapped-assertion.xml', 'saml_wrapping', /signature wrapping suspected: the Response carries 2 Assertion/],
    ['response.status-responder.xml', 'saml_status', /status urn:oasis:names:tc:SAML:2.0:status:Responder \/ urn:oasis:names:tc:SAML:2.0:status:AuthnFailed: "The school's directory could not authenticate the user"/],
    ['response.dtd.xml', 'saml_schema_invalid', /DTD/],
  ];
  for (const [file, code, reason] of anomalies) {
    it(`${file} is refused: ${code}`, async () => {
      const res = await postGolden(file);
      assert.equal(res.status, 400);
      const body = unescape(await res.text());
      assert.match(body, new RegExp(`data-error-code="${code}"`), body);
      assert.match(body, reason);
      assert.equal(res.headers.get('set-cookie'), null, 'no session cookie');
      assert.deepEqual(await sessions(), [], 'no session in the ledger');
    });
  }

  it('response.replayed.xml signs in once; the same assertion posted again is refused as a replay', async () => {
    assert.equal((await postGolden('response.replayed.xml')).status, 302);
    const again = await postGolden('response.replayed.xml');
    assert.equal(again.status, 400);
    const body = unescape(await again.text());
    assert.match(body, /data-error-code="saml_replayed"/);
    assert.match(body, /replay: the Assertion "_golden-replayed-assertion" was already used/);
    assert.equal((await sessions()).length, 1, 'only the first post made a session');
  });

  it('a valid Response under a RelayState the service is not waiting for is refused', async () => {
    const res = await postGolden('response.valid.xml', { expect: false });
    assert.equal(res.status, 400);
    const body = unescape(await res.text());
    assert.match(body, /data-error-code="saml_unknown_request"/);
    assert.match(body, /InResponseTo "_golden-authn-request-0001" answers no sign-in the service is waiting for/);
  });

  it('a RelayState answers once: the valid Response cannot reuse the RelayState of a refused one', async () => {
    const relayState = service.saml.expectResponse(GOLDEN.requestId);
    const post = (name: GoldenFile) => fetch(url('/saml/acs'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLResponse: Buffer.from(golden(name)).toString('base64'), RelayState: relayState }),
    });
    assert.equal((await (await post('response.expired.xml')).json()).error, 'saml_expired');
    assert.equal((await (await post('response.valid.xml')).json()).error, 'saml_unknown_request');
  });
});
