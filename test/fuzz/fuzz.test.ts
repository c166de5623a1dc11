/**
 * Fuzz: at least 1,000 generated bad requests to every endpoint of every party (mock MPASSid, mock Entra ID, the
 * sample service), bounded in time. Every answer must be the protocol's error — never a 5xx, never a stack trace in
 * the page, never a redirect off the topology's hosts (no open redirect) — and afterwards every party is healthy,
 * every ledger is consistent, and a normal sign-in still works. The seed is printed with every failure.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InProcessStack } from '../../harness/stack/in-process-stack.js';
import { TEST_USERS } from '../../mock-idp/users/test-users.js';
import { ManualBrowser } from '../mocks/http-kit.js';
import { signInThroughMpassid } from '../mocks/sign-in-by-hand.js';
import { badForm, badQuery, badSamlParameter, badSamlXml, Draw, percentEncode, prng } from './bad-input.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const PER_ENDPOINT = Number(process.env.FUZZ_REQUESTS ?? 1000);
const CONCURRENCY = 16;
const DEADLINE_MS = 150_000;
const STACK_TRACE = /\bat [\w$.<>[\] ]+ \((?:file:\/\/|\/|node:)[^)]*:\d+:\d+\)|node:internal\//;

let stack: InProcessStack;

interface Endpoint {
  name: string;
  request(d: Draw): { url: string; init?: RequestInit };
}

interface Failure {
  endpoint: string;
  url: string;
  status: number;
  why: string;
}

before(async () => {
  stack = await InProcessStack.start({ basePort: 6600, sampleLogout: 'full' });
});
after(() => stack?.stop());

function endpoints(): Endpoint[] {
  const { mpassid: m, entra: e, service: s } = stack.topology.parties;
  const t = stack.topology.tenantId;
  const r = stack.registrations;
  const spEntity = `${s.origin}/saml/metadata`;
  const mpassidSp = `${m.origin}/shibboleth`;
  const form = (body: string, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
  const oidcNames = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'prompt', 'code_challenge', 'code_challenge_method', 'acr_values', 'lang', 'response_mode', 'request', 'login_hint'];
  const oidcExtra = (clientId: string, redirectUri: string) => ({
    client_id: () => clientId,
    redirect_uri: () => redirectUri,
    response_type: () => 'code',
    scope: () => 'openid profile',
  });
  const tokenNames = ['grant_type', 'code', 'redirect_uri', 'client_id', 'client_secret', 'code_verifier', 'refresh_token', 'client_assertion', 'client_assertion_type'];
  const tokenExtra = { grant_type: () => 'authorization_code', code: () => 'replayed-or-forged-code' };
  const basic = (d: Draw): Record<string, string> => (d.chance(0.5) ? { authorization: `Basic ${Buffer.from(`${d.value()}:${d.value()}`).toString('base64')}` } : {});
  const uid = (d: Draw) => percentEncode(d.pick(['x', d.junk(40), 'A'.repeat(43)]));
  const samlQuery = (d: Draw, kind: 'AuthnRequest' | 'LogoutRequest', issuer: string) => badQuery(d, ['SAMLRequest', 'RelayState', 'SigAlg', 'Signature', 'lang'], {
    SAMLRequest: () => badSamlParameter(d, 'redirect', () => badSamlXml(d, kind, issuer)),
    SigAlg: () => d.pick(['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', d.value()]),
    Signature: () => Buffer.from(d.junk(256)).toString('base64'),
  });
  const samlResponseForm = (d: Draw, issuer: string) => badForm(d, ['SAMLResponse', 'RelayState'], {
    SAMLResponse: () => badSamlParameter(d, 'post', () => badSamlXml(d, 'Response', issuer)),
  });
  const get = (name: string, url: (d: Draw) => string, headers?: (d: Draw) => Record<string, string>): Endpoint => ({
    name, request: (d) => ({ url: url(d), init: headers ? { headers: headers(d) } : {} }),
  });
  const post = (name: string, url: (d: Draw) => string, body: (d: Draw) => string, headers?: (d: Draw) => Record<string, string>): Endpoint => ({
    name, request: (d) => ({ url: url(d), init: form(body(d), headers?.(d)) }),
  });
  const sample = r.mpassid.services.find((x) => x.protocol === 'oidc')!;
  const entraApp = r.entra.apps[0];
  return [
    // mock MPASSid
    get('mpassid discovery', (d) => `${m.origin}/.well-known/openid-configuration?${badQuery(d, ['x'])}`),
    get('mpassid authorize', (d) => `${m.origin}/idp/profile/oidc/authorize?${badQuery(d, oidcNames, oidcExtra(d.pick([sample.clientId, 'unknown-client', '']), d.pick([sample.redirectUris[0], 'https://evil.example/cb'])))}`),
    post('mpassid authorize (POST)', () => `${m.origin}/idp/profile/oidc/authorize`, (d) => badForm(d, oidcNames, oidcExtra(sample.clientId, d.pick([sample.redirectUris[0], 'https://evil.example/cb'])))),
    post('mpassid token', () => `${m.origin}/idp/profile/oidc/token`, (d) => badForm(d, tokenNames, tokenExtra), basic),
    get('mpassid userinfo', (d) => `${m.origin}/idp/profile/oidc/userinfo?${badQuery(d, ['access_token'])}`, (d) => ({ authorization: `Bearer ${d.junk(80).replace(/[^\x20-\x7e]/g, 'x')}` })),
    get('mpassid keyset', (d) => `${m.origin}/idp/profile/oidc/keyset?${badQuery(d, ['kid'])}`),
    get('mpassid interaction', (d) => `${m.origin}/idp/profile/interaction/${uid(d)}?${badQuery(d, ['lang'])}`),
    post('mpassid interaction (school)', (d) => `${m.origin}/idp/profile/interaction/${uid(d)}`, (d) => badForm(d, ['school', 'lang'], { school: () => d.pick(['30076', '99999', d.value()]) })),
    get('mpassid logout', (d) => `${m.origin}/idp/profile/Logout?${badQuery(d, ['return'], { return: () => d.pick([`${s.origin}/`, 'https://evil.example/', `${e.origin}/${t}/oauth2/v2.0/logout?post_logout_redirect_uri=https://evil.example/`, d.value()]) })}`),
    get('mpassid IdP metadata', (d) => `${m.origin}/idp/shibboleth?${badQuery(d, ['x'])}`),
    get('mpassid SAML SSO', (d) => `${m.origin}/idp/profile/SAML2/Redirect/SSO?${samlQuery(d, 'AuthnRequest', spEntity)}`),
    get('mpassid SAML SSO resume', (d) => `${m.origin}/idp/profile/SAML2/Redirect/SSO/resume?${badQuery(d, ['code', 'state', 'error', 'iss'])}`),
    get('mpassid SP metadata', (d) => `${m.origin}/shibboleth?${badQuery(d, ['x'])}`),
    post('mpassid Shibboleth ACS', () => `${m.origin}/Shibboleth.sso/SAML2/POST`, (d) => samlResponseForm(d, `${e.origin}/${t}/`)),
    post('mpassid harness reset', () => `${m.origin}/__harness/reset`, (d) => d.junk(200)),
    get('mpassid harness ledger and trace', (d) => `${m.origin}/__harness/${d.pick(['sessions', 'trace', 'health', 'nope', '..%2f..%2fetc'])}?${badQuery(d, ['x'])}`),
    // mock Entra ID
    get('entra discovery', (d) => `${e.origin}/${d.pick([t, 'common', 'organizations', 'mansikkala.test', percentEncode(d.junk(20)), 'not-a-tenant'])}/v2.0/.well-known/openid-configuration`),
    get('entra authorize', (d) => `${e.origin}/${t}/oauth2/v2.0/authorize?${badQuery(d, oidcNames, oidcExtra(d.pick([entraApp.clientId, 'unknown-app']), d.pick([entraApp.redirectUris[0], 'https://evil.example/cb'])))}`),
    post('entra token', () => `${e.origin}/${t}/oauth2/v2.0/token`, (d) => badForm(d, tokenNames, tokenExtra), basic),
    get('entra keys', (d) => `${e.origin}/${t}/discovery/v2.0/keys?${badQuery(d, ['x'])}`),
    get('entra logout', (d) => `${e.origin}/${t}/oauth2/v2.0/logout?${badQuery(d, ['post_logout_redirect_uri', 'logout_hint', 'id_token_hint', 'state'], { post_logout_redirect_uri: () => d.pick([`${s.origin}/`, 'https://evil.example/', '//evil.example', d.value()]) })}`),
    post('entra logout (POST)', () => `${e.origin}/${t}/oauth2/v2.0/logout`, (d) => badForm(d, ['post_logout_redirect_uri', 'logout_hint'], { post_logout_redirect_uri: () => d.pick(['https://evil.example/', d.value()]) })),
    get('entra sign-in page', (d) => `${e.origin}/${t}/login/${uid(d)}?${badQuery(d, ['x'])}`),
    post('entra sign-in form', (d) => `${e.origin}/${t}/login/${uid(d)}`, (d) => badForm(d, ['username', 'password'], { username: () => d.pick([TEST_USERS[0].username, d.value()]) })),
    post('entra stay signed in', (d) => `${e.origin}/${t}/login/${uid(d)}/kmsi`, (d) => badForm(d, ['stay'], { stay: () => d.pick(['yes', 'no', d.value()]) })),
    get('entra SAML SSO/SLO (Redirect)', (d) => `${e.origin}/${t}/saml2?${samlQuery(d, d.pick(['AuthnRequest', 'LogoutRequest'] as const), mpassidSp)}`),
    post('entra SAML SSO (POST)', () => `${e.origin}/${t}/saml2`, (d) => badForm(d, ['SAMLRequest', 'RelayState'], { SAMLRequest: () => badSamlParameter(d, 'post', () => badSamlXml(d, 'AuthnRequest', mpassidSp)) })),
    get('entra SAML resume', (d) => `${e.origin}/${t}/saml2/resume?${badQuery(d, ['code', 'state', 'error'])}`),
    get('entra federation metadata', (d) => `${e.origin}/${d.pick([t, 'common', 'nope'])}/FederationMetadata/2007-06/FederationMetadata.xml?${badQuery(d, ['x'])}`),
    // the sample service
    get('service home', (d) => `${s.origin}/?${badQuery(d, ['x', 'error'])}`),
    get('service login', (d) => `${s.origin}/login?${badQuery(d, ['returnTo', 'return', 'next'], { returnTo: () => d.pick(['https://evil.example/', '//evil.example', '/protected', d.value()]) })}`),
    get('service OIDC callback', (d) => `${s.origin}/auth/callback?${badQuery(d, ['code', 'state', 'iss', 'error', 'error_description', 'session_state'])}`),
    get('service protected page', (d) => `${s.origin}/protected?${badQuery(d, ['x'])}`),
    post('service logout', () => `${s.origin}/logout`, (d) => badForm(d, ['return', 'returnTo'])),
    get('service SAML metadata', (d) => `${s.origin}/saml/metadata?${badQuery(d, ['x'])}`),
    post('service SAML ACS', () => `${s.origin}/saml/acs`, (d) => samlResponseForm(d, `${m.origin}/idp/shibboleth`)),
    { name: 'service harness config', request: (d) => ({ url: `${s.origin}/__harness/config`, init: { method: 'POST', headers: { 'content-type': d.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']) }, body: d.pick([d.junk(100), '{"logout":', JSON.stringify({ logout: d.value(), protocol: d.value(), returnUrl: d.value() }), '[]', 'null']) } }) },
  ];
}

/** Every Location must stay on the topology's hosts (or be relative to the page): no open redirect. */
function redirectsOff(location: string | null, base: string): boolean {
  if (!location) return false;
  let target: URL;
  try {
    target = new URL(location, base);
  } catch {
    return true;
  }
  return !Object.values(stack.topology.parties).some((p) => p.origin === target.origin);
}

async function fuzz(endpoint: Endpoint, seed: number, deadline: number): Promise<{ sent: number; failures: Failure[]; statuses: Map<number, number> }> {
  const d = new Draw(prng(seed));
  const requests = Array.from({ length: PER_ENDPOINT }, () => endpoint.request(d));
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < requests.length && Date.now() < deadline) {
      const { url, init } = requests[next++];
      let status = 0;
      let why = '';
      try {
        const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
        status = response.status;
        const body = await response.text();
        if (status >= 500) why = `HTTP ${status}: ${body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 200)}`;
        else if (STACK_TRACE.test(body)) why = `a stack trace in the page: ${STACK_TRACE.exec(body)?.[0]}`;
        else if (status >= 300 && status < 400 && redirectsOff(response.headers.get('location'), url)) why = `redirects off the topology to ${response.headers.get('location')}`;
      } catch (err) {
        why = `no answer: ${(err as Error).message}`;
      }
      sent += 1;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (why) failures.push({ endpoint: endpoint.name, url: url.slice(0, 300), status, why });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { sent, failures, statuses };
}

test(`${PER_ENDPOINT} bad requests to every endpoint: protocol errors only, then every party healthy, ledgers consistent, and a sign-in works`, { timeout: DEADLINE_MS + 60_000 }, async () => {
  const deadline = Date.now() + DEADLINE_MS;
  const all = endpoints();
  const failures: Failure[] = [];
  const summary: string[] = [];
  for (const [i, endpoint] of all.entries()) {
    const started = Date.now();
    const result = await fuzz(endpoint, SEED + i, deadline);
    failures.push(...result.failures);
    summary.push(`${endpoint.name}: ${result.sent} in ${Date.now() - started} ms (${[...result.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')})`);
    assert.equal(result.sent, PER_ENDPOINT, `${endpoint.name}: only ${result.sent} of ${PER_ENDPOINT} requests before the deadline (seed ${SEED + i})`);
  }
  console.log(summary.join('\n'));
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} bad answers (seed ${SEED}); first ones shown`);

  await stack.waitUntilHealthy(5_000);
  for (const party of ['service', 'mpassid', 'entra', 'service-b'] as const) {
    const ledger = await stack.ledgerOf(party);
    const ids = ledger.sessions.map((x) => x.sessionId);
    assert.equal(new Set(ids).size, ids.length, `${party}: every session once`);
    for (const session of ledger.sessions) {
      if (session.endedAt) assert.ok(session.endedAt >= session.createdAt, `${party}: ${session.sessionId} ends after it began`);
      assert.ok(!session.endedAt || session.endedBy, `${party}: an ended session says how it ended`);
    }
    const seqs = ledger.events.map((x) => x.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), `${party}: events in order`);
    assert.equal(ledger.sessions.filter((x) => !x.endedAt).length, 0, `${party}: no bad request opened a session`);
  }

  await stack.reset();
  const { callback } = await signInThroughMpassid(stack, new ManualBrowser(), TEST_USERS[0]);
  assert.ok(callback.searchParams.get('code'), 'a normal sign-in after the fuzz still reaches the service with a code');
});
