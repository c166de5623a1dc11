/**
 * The mock MPASSid over HTTP, as a service (or the harness) sees it: discovery, keys, `/idp/profile/Logout` with and
 * without `return`, the authorize and token endpoints' refusals, the school picker, a whole sign-in walked by hand,
 * and the `/__harness` contract. No browser: plain fetch with `redirect: 'manual'`.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sampleOidcRegistration } from '../../harness/registrations.js';
import { InProcessStack } from '../../harness/stack/in-process-stack.js';
import { escapeHtml } from '../../mock-idp/core/views.js';
import {
  assertSelfContained, errorCodeOf, eventNames, get, getHtml, hopsOf, ledgerOf, ManualBrowser, resetParty, assertNo5xx,
} from './http-kit.js';
import { mpassidAuthorizeUrl, signInThroughMpassid } from './sign-in-by-hand.js';

const BROKEN_PERCENT = '%E0%A4%A';

let stack: InProcessStack;
let mpassid: string;
let entra: string;
let serviceHome: string;
let clientId: string;
let clientSecret: string;
let redirectUri: string;

before(async () => {
  stack = await InProcessStack.start({ basePort: 5900, upstream: 'oidc' });
  mpassid = stack.topology.parties.mpassid.origin;
  entra = stack.topology.parties.entra.origin;
  serviceHome = stack.registrations.urls.serviceHome;
  const service = sampleOidcRegistration(stack.registrations);
  clientId = service.clientId;
  clientSecret = service.clientSecret;
  redirectUri = service.redirectUris[0];
});
after(() => stack?.stop());
beforeEach(() => stack.reset());

const logoutUrl = (query = '') => `${mpassid}/idp/profile/Logout${query}`;
const withReturn = (address: string) => logoutUrl(`?return=${encodeURIComponent(address)}`);
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const tokenRequest = (body: string, headers: Record<string, string> = {}) =>
  get(`${mpassid}/idp/profile/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

describe('MPASSid discovery document', () => {
  let discovery: Record<string, unknown>;
  before(async () => {
    const res = await get(`${mpassid}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    discovery = (await res.json()) as Record<string, unknown>;
  });

  it('names the origin itself (no path) as the issuer', () => {
    assert.equal(discovery.issuer, mpassid);
    assert.equal(new URL(String(discovery.issuer)).pathname, '/');
  });

  it("puts the endpoints at MPASSid's /idp/profile/oidc/* paths", () => {
    assert.equal(discovery.authorization_endpoint, `${mpassid}/idp/profile/oidc/authorize`);
    assert.equal(discovery.token_endpoint, `${mpassid}/idp/profile/oidc/token`);
    assert.equal(discovery.userinfo_endpoint, `${mpassid}/idp/profile/oidc/userinfo`);
    assert.equal(discovery.jwks_uri, `${mpassid}/idp/profile/oidc/keyset`);
  });

  it('announces no end_session_endpoint (off by default, as in production)', () => {
    assert.equal('end_session_endpoint' in discovery, false);
  });

  it('lists the MPASSid attributes among claims_supported', () => {
    const claims = discovery.claims_supported as string[];
    for (const claim of ['urn:mpass.id:uid', 'urn:mpass.id:role', 'given_name', 'family_name', 'urn:mpass.id:schoolInfo']) {
      assert.ok(claims.includes(claim), `claims_supported lacks ${claim}`);
    }
  });

  it('offers the school as an authentication source in acr_values_supported', () => {
    assert.deepEqual(discovery.acr_values_supported, ['urn:mpass.id:authnsource:mansikkala-entra']);
  });
});

describe('MPASSid keyset', () => {
  it('publishes RSA signing keys, each with a kid', async () => {
    const res = await get(`${mpassid}/idp/profile/oidc/keyset`);
    assert.equal(res.status, 200);
    const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
    assert.ok(keys.length >= 1);
    for (const key of keys) {
      assert.equal(key.kty, 'RSA');
      assert.equal(typeof key.kid, 'string');
      assert.ok(String(key.kid).length > 0);
    }
  });

  it('publishes no private key material', async () => {
    const { keys } = (await (await get(`${mpassid}/idp/profile/oidc/keyset`)).json()) as { keys: Array<Record<string, unknown>> };
    for (const key of keys) {
      for (const part of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(part in key, false, `key ${String(key.kid)} exposes ${part}`);
    }
  });
});

describe('GET /idp/profile/Logout without a session', () => {
  it('shows the logged-out page', async () => {
    const res = await getHtml(logoutUrl());
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('location'), null);
    assert.match(await res.text(), /data-testid="mpassid-logged-out"/);
  });

  it('records logout.no_session in the ledger', async () => {
    await (await getHtml(logoutUrl())).arrayBuffer();
    const ledger = await ledgerOf(mpassid);
    assert.deepEqual(ledger.sessions, []);
    assert.deepEqual(ledger.events.map((e) => e.name), ['logout.no_session']);
  });

  it('clears the shib_idp_session cookie', async () => {
    const res = await getHtml(logoutUrl());
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith('shib_idp_session='));
    assert.ok(cleared, 'a Set-Cookie for shib_idp_session');
    assert.match(cleared, /^shib_idp_session=;/);
    assert.match(cleared, /expires=Thu, 01 Jan 1970/i);
  });

  it('speaks Finnish by default and the language asked for with lang', async () => {
    assert.match(await (await getHtml(logoutUrl())).text(), /<html lang="fi">[\s\S]*Olet kirjautunut ulos/);
    assert.match(await (await getHtml(logoutUrl('?lang=sv'))).text(), /<html lang="sv">[\s\S]*Du har loggat ut/);
    assert.match(await (await getHtml(logoutUrl('?lang=en'))).text(), /<html lang="en">[\s\S]*You have logged out/);
  });
});

describe('GET /idp/profile/Logout?return=', () => {
  it('redirects (302) to exactly the registered service home', async () => {
    const res = await getHtml(withReturn(serviceHome));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), serviceHome);
  });

  it('redirects to the registered chain through the Entra logout, unchanged', async () => {
    const chained = stack.registrations.mpassid.services[0].logoutReturnUrls.find((u) => u.startsWith(`${entra}/`));
    assert.ok(chained, 'the sample service registers the chained Entra logout');
    const res = await getHtml(withReturn(chained));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), chained);
  });

  it('records logout.returned with the address and the service', async () => {
    await (await getHtml(withReturn(serviceHome))).arrayBuffer();
    const returned = (await ledgerOf(mpassid)).events.find((e) => e.name === 'logout.returned');
    assert.deepEqual(returned?.detail, { returnTo: serviceHome, clientId });
  });

  for (const [label, nearMiss] of [
    ['without the trailing slash', () => serviceHome.replace(/\/$/, '')],
    ['with an extra query', () => `${serviceHome}?x=1`],
    ['with another path', () => `${serviceHome}evil`],
    ['with https instead of http', () => serviceHome.replace(/^http:/, 'https:')],
  ] as const) {
    it(`refuses a near miss of the registered address (${label}): exact match only`, async () => {
      const res = await getHtml(withReturn(nearMiss()));
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('location'), null);
      assert.equal(errorCodeOf(await res.text()), 'unregistered_return');
    });
  }

  it('answers an unregistered address with a 400 page that names it and the fix, never a redirect', async () => {
    const res = await getHtml(withReturn('https://evil.example/'));
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const page = await res.text();
    assert.equal(errorCodeOf(page), 'unregistered_return');
    assert.ok(page.includes('https://evil.example/'), 'the page names the unregistered address');
    assert.ok(page.includes('logoutReturnUrls'), 'the page says where to register it');
  });

  it('answers an unregistered address with a JSON error to an API client', async () => {
    const res = await get(withReturn('https://evil.example/'), { headers: { accept: 'application/json' } });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    const body = (await res.json()) as { error: string; error_description: string };
    assert.equal(body.error, 'unregistered_return');
    assert.equal(typeof body.error_description, 'string');
    assert.ok(body.error_description.includes('https://evil.example/'));
  });

  it('records logout.return_rejected with the address', async () => {
    await (await getHtml(withReturn('https://evil.example/'))).arrayBuffer();
    const rejected = (await ledgerOf(mpassid)).events.find((e) => e.name === 'logout.return_rejected');
    assert.ok(rejected, 'logout.return_rejected in the ledger');
    assert.equal(rejected.detail?.returnTo, 'https://evil.example/');
  });

  it('escapes the unregistered address on the error page', async () => {
    const res = await getHtml(withReturn('https://evil.example/"><script>alert(1)</script>'));
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.equal(page.includes('<script>alert(1)</script>'), false);
    assert.ok(page.includes('&lt;script&gt;'));
  });
});

describe('MPASSid authorize endpoint refusals', () => {
  it('shows an error page for an unknown client_id and never redirects to its redirect_uri', async () => {
    const url = `${mpassid}/idp/profile/oidc/authorize?${new URLSearchParams({
      client_id: 'no-such-service', redirect_uri: 'https://evil.example/cb', response_type: 'code', scope: 'openid',
    })}`;
    const res = await getHtml(url);
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    assert.equal(res.headers.get('location'), null);
    const page = await res.text();
    assert.equal(errorCodeOf(page), 'invalid_client');
    assert.match(page, /Fix: client no-such-service is not registered here; register it \(for a service of your own: registration\.oidc\.client_id/);
  });

  for (const [label, variant] of [
    ['a trailing slash', (uri: string) => `${uri}/`],
    ['an extra query', (uri: string) => `${uri}?next=/`],
    ['another host', () => 'https://evil.example/auth/callback'],
  ] as const) {
    it(`shows an error page, not a redirect, for a redirect_uri that differs by ${label}`, async () => {
      const res = await getHtml(mpassidAuthorizeUrl(stack, { redirect_uri: variant(redirectUri) }));
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      assert.equal(res.headers.get('location'), null);
      const page = await res.text();
      assert.equal(errorCodeOf(page), 'invalid_redirect_uri');
      // The fix names the address sent and the client, so the registration can be corrected in one step.
      assert.ok(page.includes(`Fix: register ${escapeHtml(variant(redirectUri))} as a redirect URI of client `), page);
    });
  }
});

describe('MPASSid school picker', () => {
  it('is where a registered client is sent first', async () => {
    const res = await getHtml(mpassidAuthorizeUrl(stack));
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/idp\/profile\/interaction\/[\w-]+$/);
  });

  it('lists the school and records school_picker.shown', async () => {
    const browser = new ManualBrowser();
    const start = mpassidAuthorizeUrl(stack);
    const { response } = await browser.follow(await browser.get(start), start);
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /data-testid="school-30076"/);
    assert.match(page, /Mansikkalan testi peruskoulu/);
    assert.deepEqual(await eventNames(mpassid), ['school_picker.shown']);
  });

  it('is skipped when the service asks for the school with acr_values', async () => {
    const browser = new ManualBrowser();
    const start = mpassidAuthorizeUrl(stack, { acr_values: 'urn:mpass.id:authnsource:mansikkala-entra' });
    const { stoppedAt } = await browser.follow(await browser.get(start), start, { stopAt: (next) => next.startsWith(`${entra}/`) });
    assert.ok(stoppedAt, 'the browser goes straight to the directory');
    assert.match(new URL(stoppedAt).pathname, /\/oauth2\/v2\.0\/authorize$/);
    assert.ok((await eventNames(mpassid)).includes('school_picker.skipped'));
  });

  it('answers an unknown interaction with a 400 interaction_expired page, not a 5xx', async () => {
    const res = await getHtml(`${mpassid}/idp/profile/interaction/nope`);
    assert.equal(res.status, 400);
    assert.equal(errorCodeOf(await res.text()), 'interaction_expired');
  });

  it('answers a school choice posted to an unknown interaction with interaction_expired', async () => {
    const res = await get(`${mpassid}/idp/profile/interaction/nope`, {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'school=30076',
    });
    assert.equal(res.status, 400);
    assert.equal(errorCodeOf(await res.text()), 'interaction_expired');
  });
});

describe('MPASSid token endpoint refusals', () => {
  it('answers a wrong client secret with 401 invalid_client', async () => {
    const res = await tokenRequest(`grant_type=authorization_code&code=abc&redirect_uri=${encodeURIComponent(redirectUri)}`, {
      authorization: basic(clientId, 'wrong-secret'),
    });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /json/);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_client');
  });

  it('answers an unknown authorization code with invalid_grant', async () => {
    const res = await tokenRequest(`grant_type=authorization_code&code=not-a-code&redirect_uri=${encodeURIComponent(redirectUri)}`, {
      authorization: basic(clientId, clientSecret),
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
  });

  for (const [label, contentType, body] of [
    ['a JSON body', 'application/json', '{{{ not json'],
    ['a garbled form body', 'application/x-www-form-urlencoded', '%%%garbage&&==&%E0%A4%A'],
    ['an empty body', 'application/x-www-form-urlencoded', ''],
  ] as const) {
    it(`answers ${label} with a 4xx JSON error, not a 5xx`, async () => {
      const res = await tokenRequest(body, { 'content-type': contentType });
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      const json = (await res.json()) as { error?: unknown };
      assert.equal(typeof json.error, 'string');
    });
  }
});

describe('a sign-in walked by hand through MPASSid and Entra', () => {
  it('opens one MPASSid session for the pupil, for the sample client', async () => {
    const browser = new ManualBrowser();
    await signInThroughMpassid(stack, browser, stack.users[0]);
    const { sessions } = await ledgerOf(mpassid);
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].subject, stack.users[0].mpass['urn:mpass.id:uid']);
    assert.equal(sessions[0].clientId, clientId);
    assert.equal(sessions[0].endedAt, undefined);
    assert.ok(browser.jar.names(mpassid).includes('shib_idp_session'));
  });

  it("sets shib_idp_session as a browser-session cookie (no Expires), as Shibboleth's is", async () => {
    const browser = new ManualBrowser();
    await signInThroughMpassid(stack, browser, stack.users[0]);
    const set = browser.steps.flatMap((s) => s.setCookie).filter((c) => /^shib_idp_session=[^;]/.test(c));
    assert.equal(set.length, 1);
    assert.doesNotMatch(set[0], /;\s*(expires|max-age)=/i);
  });

  it('returns the state to the service and a code that redeems for an ID token about the pupil', async () => {
    const browser = new ManualBrowser();
    const { callback } = await signInThroughMpassid(stack, browser, stack.users[0]);
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
    assert.equal(callback.searchParams.get('state'), 'service-state');
    const res = await tokenRequest(new URLSearchParams({
      grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri,
    }).toString(), { authorization: basic(clientId, clientSecret) });
    assert.equal(res.status, 200);
    const tokens = (await res.json()) as { id_token: string; access_token: string };
    const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims.iss, mpassid);
    assert.equal(claims.aud, clientId);
    assert.equal(claims.sub, stack.users[0].mpass['urn:mpass.id:uid']);
    assert.equal(claims.nonce, 'service-nonce');
  });

  it('serves the MPASSid attributes at userinfo, multi-valued ones as arrays', async () => {
    const browser = new ManualBrowser();
    const { callback } = await signInThroughMpassid(stack, browser, stack.users[0]);
    const tokens = (await (await tokenRequest(new URLSearchParams({
      grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri,
    }).toString(), { authorization: basic(clientId, clientSecret) })).json()) as { access_token: string };
    const res = await get(`${mpassid}/idp/profile/oidc/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(res.status, 200);
    const info = (await res.json()) as Record<string, unknown>;
    const user = stack.users[0];
    assert.equal(info.given_name, user.givenName);
    assert.equal(info.family_name, user.familyName);
    assert.equal(info['urn:mpass.id:uid'], user.mpass['urn:mpass.id:uid']);
    assert.deepEqual(info['urn:mpass.id:role'], user.mpass['urn:mpass.id:role']);
    assert.deepEqual(info['urn:mpass.id:schoolInfo'], user.mpass['urn:mpass.id:schoolInfo']);
  });

  it('redeems a code only once', async () => {
    const browser = new ManualBrowser();
    const { callback } = await signInThroughMpassid(stack, browser, stack.users[0]);
    const body = new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri }).toString();
    assert.equal((await tokenRequest(body, { authorization: basic(clientId, clientSecret) })).status, 200);
    const again = await tokenRequest(body, { authorization: basic(clientId, clientSecret) });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { error: string }).error, 'invalid_grant');
  });

  it('ends the MPASSid session at /idp/profile/Logout (endedBy logout) and clears its cookie', async () => {
    const browser = new ManualBrowser();
    await signInThroughMpassid(stack, browser, stack.users[0]);
    const res = await browser.get(logoutUrl());
    assert.equal(res.status, 200);
    const [session] = (await ledgerOf(mpassid)).sessions;
    assert.equal(session.endedBy, 'logout');
    assert.ok(session.endedAt);
    assert.equal(browser.jar.names(mpassid).includes('shib_idp_session'), false);
  });

  it('leaves the Entra session open when MPASSid logs out (no single sign-out)', async () => {
    const browser = new ManualBrowser();
    await signInThroughMpassid(stack, browser, stack.users[0]);
    await (await browser.get(withReturn(serviceHome))).arrayBuffer();
    const entraSessions = (await ledgerOf(entra)).sessions;
    assert.equal(entraSessions.length, 1);
    assert.equal(entraSessions[0].endedAt, undefined, 'the directory session survives an MPASSid logout');
  });

  it('ends the session even when the return address is unregistered', async () => {
    const browser = new ManualBrowser();
    await signInThroughMpassid(stack, browser, stack.users[0]);
    const res = await browser.get(withReturn('https://evil.example/'));
    assert.equal(res.status, 400);
    assert.equal((await ledgerOf(mpassid)).sessions[0].endedBy, 'logout');
  });

  it('asks for the school again after logout, not a silent re-login', async () => {
    const browser = new ManualBrowser();
    await signInThroughMpassid(stack, browser, stack.users[0]);
    await (await browser.get(logoutUrl())).arrayBuffer();
    const start = mpassidAuthorizeUrl(stack);
    const first = await browser.get(start);
    assert.equal(first.status, 303);
    assert.match(new URL(first.headers.get('location') ?? '', start).pathname, /^\/idp\/profile\/interaction\//);
  });

  it('a second logout finds no session', async () => {
    const browser = new ManualBrowser();
    await signInThroughMpassid(stack, browser, stack.users[0]);
    await (await browser.get(logoutUrl())).arrayBuffer();
    await (await browser.get(logoutUrl())).arrayBuffer();
    const names = await eventNames(mpassid);
    assert.deepEqual(names.slice(-2), ['session.ended', 'logout.no_session']);
  });
});

describe('MPASSid /__harness routes', () => {
  it('reports health as { party: "mpassid", ready: true }', async () => {
    const res = await get(`${mpassid}/__harness/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { party: 'mpassid', ready: true });
  });

  it('forgets every session and event on reset', async () => {
    await signInThroughMpassid(stack, new ManualBrowser(), stack.users[0]);
    await (await getHtml(withReturn('https://evil.example/'))).arrayBuffer();
    assert.notDeepEqual((await ledgerOf(mpassid)).events, []);
    await resetParty(mpassid);
    const ledger = await ledgerOf(mpassid);
    assert.equal(ledger.party, 'mpassid');
    assert.deepEqual(ledger.sessions, []);
    assert.deepEqual(ledger.events, []);
  });

  it('forgets the hop trace on reset', async () => {
    await (await getHtml(logoutUrl())).arrayBuffer();
    assert.ok((await hopsOf(mpassid)).length > 0);
    await resetParty(mpassid);
    assert.deepEqual(await hopsOf(mpassid), []);
  });

  it('records each request in the hop trace with method, path and status', async () => {
    await (await getHtml(withReturn(serviceHome))).arrayBuffer();
    const hops = await hopsOf(mpassid);
    assert.equal(hops.length, 1, 'the /__harness calls themselves are not recorded');
    assert.equal(hops[0].method, 'GET');
    assert.ok(hops[0].path.startsWith('/idp/profile/Logout?return='));
    assert.equal(hops[0].status, 302);
    assert.equal(hops[0].location, serviceHome);
    assert.deepEqual(hops[0].cookiesCleared, ['shib_idp_session']);
  });

  it('hides a code in the recorded path', async () => {
    await (await getHtml(logoutUrl('?code=secret123&lang=en'))).arrayBuffer();
    const hops = await hopsOf(mpassid);
    assert.equal(hops.length, 1);
    assert.equal(hops[0].path.includes('secret123'), false, hops[0].path);
    assert.ok(hops[0].path.includes('lang=en'), 'other parameters stay readable');
  });

  it('hides the codes of a whole sign-in in paths and redirects', async () => {
    const { callback } = await signInThroughMpassid(stack, new ManualBrowser(), stack.users[0]);
    const code = callback.searchParams.get('code') ?? '';
    const hops = await hopsOf(mpassid);
    assert.ok(hops.some((h) => h.location?.startsWith(redirectUri)), 'the redirect to the service is recorded');
    for (const hop of hops) {
      assert.equal(hop.path.includes(code), false, hop.path);
      assert.equal((hop.location ?? '').includes(code), false, hop.location);
    }
  });
});

describe('MPASSid with broken percent-encoding', () => {
  const routes = () => [
    `/.well-known/openid-configuration?x=${BROKEN_PERCENT}`,
    `/idp/profile/oidc/keyset?x=${BROKEN_PERCENT}`,
    `/idp/profile/Logout?return=${BROKEN_PERCENT}`,
    `/idp/profile/Logout?lang=${BROKEN_PERCENT}`,
    `/idp/profile/Logout?${BROKEN_PERCENT}=1`,
    `/idp/profile/oidc/authorize?client_id=${BROKEN_PERCENT}&redirect_uri=${BROKEN_PERCENT}&response_type=code&scope=openid`,
    `/idp/profile/interaction/${BROKEN_PERCENT}`,
    `/idp/profile/interaction/nope?x=${BROKEN_PERCENT}`,
    `/idp/profile/Authn/OIDC/callback?code=${BROKEN_PERCENT}&state=${BROKEN_PERCENT}`,
    `/${BROKEN_PERCENT}`,
  ];
  it('answers every route with a 4xx or a normal page, never a 5xx', async () => {
    await assertNo5xx(mpassid, routes());
  });

  it('keeps a broken return address an unregistered one (no redirect)', async () => {
    const res = await getHtml(logoutUrl(`?return=${BROKEN_PERCENT}`));
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
  });

  it('still answers /__harness/sessions afterwards', async () => {
    for (const path of routes()) await (await getHtml(`${mpassid}${path}`)).arrayBuffer();
    const res = await get(`${mpassid}/__harness/sessions`);
    assert.equal(res.status, 200);
  });
});

describe('MPASSid pages load nothing from another host', () => {
  const pages: Array<[string, () => Promise<string>]> = [
    ['the logged-out page', async () => (await getHtml(logoutUrl())).text()],
    ['the logged-out page in Swedish', async () => (await getHtml(logoutUrl('?lang=sv'))).text()],
    ['the unregistered-return error page', async () => (await getHtml(withReturn('https://evil.example/'))).text()],
    ['the invalid_client error page', async () => (await getHtml(mpassidAuthorizeUrl(stack, { client_id: 'nope' }))).text()],
    ['the invalid_redirect_uri error page', async () => (await getHtml(mpassidAuthorizeUrl(stack, { redirect_uri: 'https://evil.example/' }))).text()],
    ['the interaction_expired page', async () => (await getHtml(`${mpassid}/idp/profile/interaction/nope`)).text()],
    ['the school picker', async () => {
      const browser = new ManualBrowser();
      const start = mpassidAuthorizeUrl(stack);
      return (await browser.follow(await browser.get(start), start)).response.text();
    }],
  ];
  for (const [label, load] of pages) {
    it(label, async () => {
      const page = await load();
      assert.match(page, /<html/);
      assertSelfContained(page, Object.values(stack.topology.parties).map((p) => p.origin), label);
    });
  }
});
