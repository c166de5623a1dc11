/**
 * The mock Entra ID over HTTP, as MPASSid (its app) and the harness see it: discovery under every tenant alias,
 * keys, the logout endpoint's redirect rules, `prompt=none`, the sign-in form and "Stay signed in?" page walked
 * by hand with a cookie jar, and bad input. No browser: plain fetch with `redirect: 'manual'`.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InProcessStack } from '../../harness/stack/in-process-stack.js';
import { listen, type ListeningServer } from '../../mock-idp/core/listen.js';
import { createMockEntra } from '../../mock-idp/entra/server.js';
import { assertSelfContained, errorCodeOf, eventNames, get, getHtml, hopsOf, ledgerOf, ManualBrowser, formActionOf, resetParty, assertNo5xx } from './http-kit.js';
import { answerStaySignedIn, entraAuthorizeUrl, type EntraTarget, mpassidApp, openEntraSignIn, signInAtEntra, submitPassword } from './sign-in-by-hand.js';

const BROKEN_PERCENT = '%E0%A4%A';

let stack: InProcessStack;
let entra: string;
let tenantId: string;
let serviceHome: string;

before(async () => {
  stack = await InProcessStack.start({ basePort: 5950, upstream: 'oidc' });
  entra = stack.topology.parties.entra.origin;
  tenantId = stack.topology.tenantId;
  serviceHome = stack.registrations.urls.serviceHome;
});
after(() => stack?.stop());
beforeEach(() => stack.reset());

const tenantUrl = (path: string, tenant = tenantId) => `${entra}/${tenant}${path}`;
const logoutUrl = (params: Record<string, string> = {}, tenant = tenantId) => {
  const query = new URLSearchParams(params).toString();
  return tenantUrl(`/oauth2/v2.0/logout${query ? `?${query}` : ''}`, tenant);
};

describe('Entra discovery', () => {
  for (const [label, tenant] of [
    ['the tenant id', () => tenantId],
    ['the domain mansikkala.test', () => 'mansikkala.test'],
    ['the domain in capitals', () => 'MANSIKKALA.TEST'],
    ['common', () => 'common'],
    ['organizations', () => 'organizations'],
  ] as const) {
    it(`answers for ${label}, with the tenant's issuer and endpoints`, async () => {
      const res = await get(tenantUrl('/v2.0/.well-known/openid-configuration', tenant()));
      assert.equal(res.status, 200);
      const discovery = (await res.json()) as Record<string, unknown>;
      assert.equal(discovery.issuer, `${entra}/${tenantId}/v2.0`);
      assert.equal(discovery.authorization_endpoint, `${entra}/${tenantId}/oauth2/v2.0/authorize`);
      assert.equal(discovery.token_endpoint, `${entra}/${tenantId}/oauth2/v2.0/token`);
      assert.equal(discovery.jwks_uri, `${entra}/${tenantId}/discovery/v2.0/keys`);
    });
  }

  it('matches the issuer the registrations hand to MPASSid', async () => {
    const discovery = (await (await get(stack.registrations.urls.entraDiscovery)).json()) as { issuer: string };
    assert.equal(discovery.issuer, stack.registrations.urls.entraIssuer);
  });

  it('answers an unknown tenant with 400 AADSTS90002 (HTML)', async () => {
    const res = await getHtml(tenantUrl('/v2.0/.well-known/openid-configuration', 'no-such-tenant.example'));
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.ok(page.includes('AADSTS90002'));
    assert.equal(errorCodeOf(page), 'invalid_tenant');
  });

  it('answers an unknown tenant with 400 AADSTS90002 (JSON)', async () => {
    const res = await get(tenantUrl('/v2.0/.well-known/openid-configuration', 'no-such-tenant.example'));
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; error_description: string };
    assert.equal(body.error, 'invalid_tenant');
    assert.match(body.error_description, /AADSTS90002/);
  });

  it('answers every path of an unknown tenant with AADSTS90002, the logout too', async () => {
    const res = await getHtml(logoutUrl({ post_logout_redirect_uri: serviceHome }, 'other.example'));
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.ok((await res.text()).includes('AADSTS90002'));
  });
});

describe('Entra keys', () => {
  it('publishes RSA public keys with a kid and no private parts', async () => {
    const res = await get(tenantUrl('/discovery/v2.0/keys'));
    assert.equal(res.status, 200);
    const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
    assert.ok(keys.length >= 1);
    for (const key of keys) {
      assert.equal(key.kty, 'RSA');
      assert.ok(typeof key.kid === 'string' && key.kid.length > 0);
      for (const part of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(part in key, false, `key exposes ${part}`);
    }
  });
});

describe('Entra logout without a session', () => {
  it('redirects (302) to a registered post_logout_redirect_uri', async () => {
    const res = await getHtml(logoutUrl({ post_logout_redirect_uri: serviceHome }));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), serviceHome);
  });

  it('passes state on to the registered address', async () => {
    const res = await getHtml(logoutUrl({ post_logout_redirect_uri: serviceHome, state: 'abc' }));
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, serviceHome);
    assert.equal(location.searchParams.get('state'), 'abc');
  });

  it('records logout.no_session', async () => {
    await (await getHtml(logoutUrl({ post_logout_redirect_uri: serviceHome }))).arrayBuffer();
    assert.deepEqual(await eventNames(entra), ['logout.no_session']);
  });

  it('clears both ESTSAUTH and ESTSAUTHPERSISTENT', async () => {
    const res = await getHtml(logoutUrl());
    const cleared = res.headers.getSetCookie().filter((c) => /expires=Thu, 01 Jan 1970/i.test(c)).map((c) => c.slice(0, c.indexOf('=')));
    assert.deepEqual(cleared.sort(), ['ESTSAUTH', 'ESTSAUTHPERSISTENT']);
  });

  it('works through the tenant aliases too (common)', async () => {
    const res = await getHtml(logoutUrl({ post_logout_redirect_uri: serviceHome }, 'common'));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), serviceHome);
  });

  it('accepts POST as well as GET', async () => {
    const res = await get(logoutUrl(), {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ post_logout_redirect_uri: serviceHome }).toString(),
    });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), serviceHome);
  });

  it('shows the signed-out page naming an unregistered address, without redirecting', async () => {
    const res = await getHtml(logoutUrl({ post_logout_redirect_uri: 'https://evil.example/' }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('location'), null);
    const page = await res.text();
    assert.match(page, /You signed out/);
    assert.equal(errorCodeOf(page), 'unregistered_return');
    assert.ok(page.includes('https://evil.example/'));
    assert.doesNotMatch(page, /href="https:\/\/evil\.example/, 'no link to the unregistered address either');
  });

  it('records logout.return_rejected for an unregistered address', async () => {
    await (await getHtml(logoutUrl({ post_logout_redirect_uri: 'https://evil.example/' }))).arrayBuffer();
    const rejected = (await ledgerOf(entra)).events.find((e) => e.name === 'logout.return_rejected');
    assert.ok(rejected);
    assert.equal(rejected.detail?.returnTo, 'https://evil.example/');
  });

  it("refuses a near miss of the registered address (exact match): here, no trailing slash", async () => {
    const res = await getHtml(logoutUrl({ post_logout_redirect_uri: serviceHome.replace(/\/$/, '') }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('location'), null);
    assert.equal(errorCodeOf(await res.text()), 'unregistered_return');
  });

  it("redirects when client_id names MPASSid's app, which registered the address", async () => {
    const res = await getHtml(logoutUrl({ post_logout_redirect_uri: serviceHome, client_id: mpassidApp(stack).clientId }));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), serviceHome);
  });

  it('does not redirect when client_id names an unknown app', async () => {
    const res = await getHtml(logoutUrl({ post_logout_redirect_uri: serviceHome, client_id: 'no-such-app' }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('location'), null);
    const page = await res.text();
    assert.equal(errorCodeOf(page), 'unregistered_return');
    assert.ok(page.includes('no-such-app'));
    assert.ok((await eventNames(entra)).includes('logout.return_rejected'));
  });

  it('shows the plain signed-out page when no address is given', async () => {
    const res = await getHtml(logoutUrl());
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /data-testid="entra-signed-out"/);
    assert.equal(errorCodeOf(page), undefined);
  });
});

describe('Entra authorize', () => {
  it('answers prompt=none without a session with login_required at the registered MPASSid callback', async () => {
    const res = await getHtml(entraAuthorizeUrl(stack, { prompt: 'none', state: 'silent-1' }));
    assert.ok(res.status === 302 || res.status === 303, `status ${res.status}`);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, mpassidApp(stack).redirectUri);
    assert.equal(location.searchParams.get('error'), 'login_required');
    assert.equal(location.searchParams.get('state'), 'silent-1');
  });

  it('shows an error page, not a redirect, for an unknown client_id', async () => {
    const res = await getHtml(entraAuthorizeUrl(stack, { client_id: 'no-such-app', redirect_uri: 'https://evil.example/cb' }));
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    assert.equal(res.headers.get('location'), null);
    const page = await res.text();
    assert.equal(errorCodeOf(page), 'invalid_client');
    // A service pointed at the directory instead of MPASSid is told so, not to fix a registration it cannot have.
    assert.match(page, /Fix: client no-such-app is not an app of this Entra ID tenant: learning services sign in with MPASSid/);
    assert.doesNotMatch(page, /registration\.oidc/);
  });

  it('shows an error page, not a redirect, for an unregistered redirect_uri', async () => {
    const res = await getHtml(entraAuthorizeUrl(stack, { redirect_uri: `${mpassidApp(stack).redirectUri}/` }));
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    assert.equal(res.headers.get('location'), null);
    assert.equal(errorCodeOf(await res.text()), 'invalid_redirect_uri');
  });

  it('sends a browser without a session to /{tenant}/login/{uid}', async () => {
    const res = await getHtml(entraAuthorizeUrl(stack));
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', new RegExp(`^/${tenantId}/login/[\\w-]+$`));
  });
});

describe('Entra sign-in form and "Stay signed in?", walked by hand', () => {
  it('shows the sign-in form and records credentials.prompted', async () => {
    const { page } = await openEntraSignIn(stack, new ManualBrowser());
    assert.match(page, /data-testid="entra-sign-in"/);
    assert.deepEqual(await eventNames(entra), ['credentials.prompted']);
  });

  it('fills in login_hint', async () => {
    const { page } = await openEntraSignIn(stack, new ManualBrowser(), { login_hint: stack.users[1].username });
    assert.ok(page.includes(`value="${stack.users[1].username}"`));
  });

  it('answers a wrong password with the form again and AADSTS50126', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    const { response, page } = await submitPassword(browser, action, { username: stack.users[0].username, password: 'wrong' });
    assert.equal(response.status, 200);
    assert.ok(page.includes('AADSTS50126'));
    assert.match(page, /data-testid="entra-sign-in"/);
  });

  it('records credentials.rejected and opens no session for a wrong password', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    await submitPassword(browser, action, { username: stack.users[0].username, password: 'wrong' });
    const ledger = await ledgerOf(entra);
    const rejected = ledger.events.find((e) => e.name === 'credentials.rejected');
    assert.ok(rejected);
    assert.equal(rejected.subject, stack.users[0].username);
    assert.deepEqual(ledger.sessions, []);
  });

  it('rejects an unknown user the same way', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    const { page } = await submitPassword(browser, action, { username: 'nobody@mansikkala.test', password: 'x' });
    assert.ok(page.includes('AADSTS50126'));
  });

  it('asks "Stay signed in?" after the right password, before any session exists', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    const { response, page } = await submitPassword(browser, action, stack.users[0]);
    assert.equal(response.status, 200);
    assert.match(page, /Stay signed in\?/);
    assert.match(page, /data-testid="entra-kmsi-yes"/);
    assert.match(page, /data-testid="entra-kmsi-no"/);
    const ledger = await ledgerOf(entra);
    assert.ok(ledger.events.some((e) => e.name === 'credentials.accepted' && e.subject === stack.users[0].username));
    assert.deepEqual(ledger.sessions, []);
  });

  it('accepts the username in any case', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    const { page } = await submitPassword(browser, action, { username: stack.users[0].username.toUpperCase(), password: stack.users[0].password });
    assert.match(page, /Stay signed in\?/);
  });

  it('sends the "Stay signed in?" answer without a checked password back to the form', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    const res = await browser.postForm(`${action}/kmsi`, { stay: 'yes' });
    assert.equal(res.status, 303);
    assert.equal(new URL(res.headers.get('location') ?? '', action).href, action);
    assert.deepEqual((await ledgerOf(entra)).sessions, []);
  });

  it('returns to the MPASSid callback with a code and the state after "Stay signed in?"', async () => {
    const { returnTo } = await signInAtEntra(stack, new ManualBrowser(), stack.users[0], 'no');
    assert.equal(`${returnTo.origin}${returnTo.pathname}`, mpassidApp(stack).redirectUri);
    assert.ok(returnTo.searchParams.get('code'));
    assert.equal(returnTo.searchParams.get('state'), 'state-1');
  });

  it('with stay=yes opens one session for the user, marked persistent', async () => {
    await signInAtEntra(stack, new ManualBrowser(), stack.users[0], 'yes');
    const ledger = await ledgerOf(entra);
    assert.equal(ledger.sessions.length, 1);
    assert.equal(ledger.sessions[0].subject, stack.users[0].username);
    assert.equal(ledger.sessions[0].endedAt, undefined);
    assert.equal(ledger.sessions[0].clientId, mpassidApp(stack).clientId);
    const created = ledger.events.find((e) => e.name === 'session.created');
    assert.equal(created?.detail?.persistent, true);
    assert.ok(ledger.events.some((e) => e.name === 'kmsi.answered' && e.detail?.staySignedIn === true));
  });

  it('with stay=yes sets a session cookie that carries an expiry', async () => {
    const { setCookies } = await signInAtEntra(stack, new ManualBrowser(), stack.users[0], 'yes');
    const session = setCookies.filter((c) => /^ESTSAUTH(PERSISTENT)?=[^;]/.test(c));
    assert.equal(session.length, 1, setCookies.join('\n'));
    assert.match(session[0], /;\s*expires=/i);
  });

  it('with stay=yes sets ESTSAUTHPERSISTENT (not ESTSAUTH)', async () => {
    const { setCookies } = await signInAtEntra(stack, new ManualBrowser(), stack.users[0], 'yes');
    const persistent = setCookies.find((c) => c.startsWith('ESTSAUTHPERSISTENT=') && !/^ESTSAUTHPERSISTENT=;/.test(c));
    assert.ok(persistent, `Set-Cookie headers: ${setCookies.join(' | ')}`);
    assert.match(persistent, /;\s*expires=/i);
    assert.equal(setCookies.some((c) => /^ESTSAUTH=[^;]/.test(c)), false, 'no ESTSAUTH beside it');
  });

  it('with stay=no sets ESTSAUTH without Expires or Max-Age', async () => {
    const { setCookies } = await signInAtEntra(stack, new ManualBrowser(), stack.users[0], 'no');
    const session = setCookies.filter((c) => /^ESTSAUTH(PERSISTENT)?=[^;]/.test(c));
    assert.equal(session.length, 1, setCookies.join('\n'));
    assert.match(session[0], /^ESTSAUTH=/);
    assert.doesNotMatch(session[0], /;\s*(expires|max-age)=/i);
    const created = (await ledgerOf(entra)).events.find((e) => e.name === 'session.created');
    assert.equal(created?.detail?.persistent, false);
  });

  it('signs the same browser in again silently with prompt=none', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'no');
    const res = await browser.get(entraAuthorizeUrl(stack, { prompt: 'none', state: 'again' }));
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('error'), null);
    assert.ok(location.searchParams.get('code'));
    assert.equal((await ledgerOf(entra)).sessions.length, 1, 'the same session, not a new one');
  });

  it('keeps a stay=yes session across a browser restart', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'yes');
    browser.jar.closeBrowser();
    const res = await browser.get(entraAuthorizeUrl(stack, { prompt: 'none' }));
    assert.ok(new URL(res.headers.get('location') ?? '').searchParams.get('code'), 'signed in silently after the restart');
  });

  it('loses a stay=no session on a browser restart', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'no');
    browser.jar.closeBrowser();
    const res = await browser.get(entraAuthorizeUrl(stack, { prompt: 'none' }));
    assert.equal(new URL(res.headers.get('location') ?? '').searchParams.get('error'), 'login_required');
  });

  it('asks for the password again with prompt=login despite a session', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'no');
    const res = await browser.get(entraAuthorizeUrl(stack, { prompt: 'login' }));
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', new RegExp(`^/${tenantId}/login/`));
  });

  it('ends the first pupil\'s session as replaced when a second pupil signs in over it (prompt=login)', async () => {
    await resetParty(entra);
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'no');
    const first = await browser.get(entraAuthorizeUrl(stack, { prompt: 'login' }));
    const { response, url } = await browser.follow(first, entraAuthorizeUrl(stack, { prompt: 'login' }));
    const page = await response.text();
    const kmsi = await submitPassword(browser, formActionOf(page, url), stack.users[1]);
    const { returnTo } = await answerStaySignedIn(stack, browser, formActionOf(kmsi.page, url), 'yes');
    assert.equal(`${returnTo.origin}${returnTo.pathname}`, mpassidApp(stack).redirectUri);
    assert.ok(returnTo.searchParams.get('code'));
    const sessions = (await ledgerOf(entra)).sessions;
    assert.deepEqual(sessions.map((s) => [s.subject, s.endedBy ?? 'open']), [
      [stack.users[0].username, 'replaced'],
      [stack.users[1].username, 'open'],
    ]);
  });

  it('hides the code in the redirect the hop trace records', async () => {
    const { returnTo } = await signInAtEntra(stack, new ManualBrowser(), stack.users[0], 'no');
    const code = returnTo.searchParams.get('code') ?? '';
    const hops = await hopsOf(entra);
    assert.ok(hops.some((h) => h.location?.startsWith(mpassidApp(stack).redirectUri)));
    for (const hop of hops) assert.equal(`${hop.path} ${hop.location ?? ''}`.includes(code), false);
  });

  it('hides a password sent in the query from the hop trace', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    await submitPassword(browser, `${action}?password=${encodeURIComponent(stack.users[0].password)}`, stack.users[0]);
    for (const hop of await hopsOf(entra)) assert.equal(hop.path.includes(stack.users[0].password), false, hop.path);
  });
});

describe('Entra logout with a session', () => {
  it('ends the session (endedBy logout) and redirects to the registered address', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'no');
    const res = await browser.get(logoutUrl({ post_logout_redirect_uri: serviceHome }));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), serviceHome);
    const [session] = (await ledgerOf(entra)).sessions;
    assert.equal(session.endedBy, 'logout');
  });

  it('ends a stay=yes session too, and the browser is asked to sign in again', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'yes');
    await (await browser.get(logoutUrl())).arrayBuffer();
    assert.equal((await ledgerOf(entra)).sessions[0].endedBy, 'logout');
    assert.deepEqual(browser.jar.names(entra).filter((n) => n.startsWith('ESTSAUTH')), []);
    const res = await browser.get(entraAuthorizeUrl(stack, { prompt: 'none' }));
    assert.equal(new URL(res.headers.get('location') ?? '').searchParams.get('error'), 'login_required');
  });

  it('ends the session even when the return address is unregistered', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'no');
    const res = await browser.get(logoutUrl({ post_logout_redirect_uri: 'https://evil.example/' }));
    assert.equal(res.status, 200);
    assert.equal((await ledgerOf(entra)).sessions[0].endedBy, 'logout');
  });

  it('ends the session for a persistent cookie alone (after a browser restart)', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'yes');
    browser.jar.closeBrowser();
    await (await browser.get(logoutUrl())).arrayBuffer();
    assert.equal((await ledgerOf(entra)).sessions[0].endedBy, 'logout');
  });
});

describe('Entra with bad input', () => {
  const twoMegabytes = `post_logout_redirect_uri=${'x'.repeat(2 * 1024 * 1024)}`;

  it('answers a 2 MB form posted to the logout with 413', async () => {
    const res = await get(logoutUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: twoMegabytes,
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_request');
  });

  it('answers a 2 MB body of another type posted to the logout without a 5xx', async () => {
    for (const contentType of ['text/plain', 'application/json', 'application/octet-stream']) {
      const res = await get(logoutUrl(), { method: 'POST', headers: { 'content-type': contentType }, body: twoMegabytes });
      await res.arrayBuffer();
      assert.ok(res.status < 500, `${contentType}: ${res.status}`);
    }
  });

  it('answers a 2 MB sign-in form with 413', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    const res = await browser.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=${'x'.repeat(2 * 1024 * 1024)}&password=x`,
    });
    assert.equal(res.status, 413);
  });

  const routes = () => {
    const { clientId, redirectUri } = mpassidApp(stack);
    const app = `client_id=${clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=openid`;
    return [
      `/${tenantId}/v2.0/.well-known/openid-configuration?x=${BROKEN_PERCENT}`,
      `/common/v2.0/.well-known/openid-configuration?${BROKEN_PERCENT}=1`,
      `/${tenantId}/discovery/v2.0/keys?x=${BROKEN_PERCENT}`,
      `/${tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${BROKEN_PERCENT}`,
      `/${tenantId}/oauth2/v2.0/logout?client_id=${BROKEN_PERCENT}&state=${BROKEN_PERCENT}`,
      `/${tenantId}/oauth2/v2.0/authorize?client_id=${BROKEN_PERCENT}&prompt=none`,
      `/${tenantId}/oauth2/v2.0/authorize?${app}&prompt=none&state=${BROKEN_PERCENT}`,
      `/${tenantId}/oauth2/v2.0/authorize?${app}&login_hint=${BROKEN_PERCENT}`,
      `/${tenantId}/login/${BROKEN_PERCENT}`,
      `/${tenantId}/login/nope?x=${BROKEN_PERCENT}`,
      `/${tenantId}/oauth2/v2.0/token?x=${BROKEN_PERCENT}`,
      `/__harness/sessions?x=${BROKEN_PERCENT}`,
    ];
  };

  it('answers broken percent-encoding in the query of every route with a 4xx or a normal page, never a 5xx', async () => {
    await assertNo5xx(entra, routes());
  });

  it('answers a broken percent-encoded logout form posted with a normal page', async () => {
    const res = await get(logoutUrl(), {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: `post_logout_redirect_uri=${BROKEN_PERCENT}&state=${BROKEN_PERCENT}`,
    });
    await res.arrayBuffer();
    assert.ok(res.status < 500, `status ${res.status}`);
    assert.equal(res.headers.get('location'), null);
  });

  it('answers broken percent-encoding in the tenant segment with 400 AADSTS90002', async () => {
    const res = await getHtml(`${entra}/${BROKEN_PERCENT}/v2.0/.well-known/openid-configuration`);
    const page = await res.text();
    assert.equal(res.status, 400);
    assert.ok(page.includes('AADSTS90002'));
  });

  it('still answers /__harness/sessions after all of it', async () => {
    for (const path of routes()) await (await getHtml(`${entra}${path}`)).arrayBuffer();
    const res = await get(`${entra}/__harness/sessions`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { party: string }).party, 'entra');
  });
});

describe('Entra /__harness routes', () => {
  it('reports health as { party: "entra", ready: true }', async () => {
    const res = await get(`${entra}/__harness/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { party: 'entra', ready: true });
  });

  it('forgets sessions and events on reset, and the forgotten session no longer signs anyone in', async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(stack, browser, stack.users[0], 'yes');
    const reset = await get(`${entra}/__harness/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    const ledger = await ledgerOf(entra);
    assert.deepEqual(ledger.sessions, []);
    assert.deepEqual(ledger.events, []);
    const res = await browser.get(entraAuthorizeUrl(stack, { prompt: 'none' }));
    assert.equal(new URL(res.headers.get('location') ?? '').searchParams.get('error'), 'login_required');
  });
});

describe('Entra pages load nothing from another host', () => {
  const pages: Array<[string, () => Promise<string>]> = [
    ['the sign-in page', async () => (await openEntraSignIn(stack, new ManualBrowser())).page],
    ['the sign-in page with AADSTS50126', async () => {
      const browser = new ManualBrowser();
      const { action } = await openEntraSignIn(stack, browser);
      return (await submitPassword(browser, action, { username: 'x@mansikkala.test', password: 'x' })).page;
    }],
    ['the "Stay signed in?" page', async () => {
      const browser = new ManualBrowser();
      const { action } = await openEntraSignIn(stack, browser);
      return (await submitPassword(browser, action, stack.users[0])).page;
    }],
    ['the signed-out page', async () => (await getHtml(logoutUrl())).text()],
    ['the signed-out page naming an unregistered address', async () =>
      (await getHtml(logoutUrl({ post_logout_redirect_uri: 'https://evil.example/' }))).text()],
    ['the AADSTS90002 page', async () => (await getHtml(tenantUrl('/v2.0/.well-known/openid-configuration', 'nope'))).text()],
    ['the invalid_client page', async () => (await getHtml(entraAuthorizeUrl(stack, { client_id: 'nope' }))).text()],
    ['the interaction_expired page', async () => (await getHtml(tenantUrl('/login/nope'))).text()],
  ];
  for (const [label, load] of pages) {
    it(label, async () => {
      const page = await load();
      assert.match(page, /<html/);
      assertSelfContained(page, Object.values(stack.topology.parties).map((p) => p.origin), label);
    });
  }
});

describe('the "Stay signed in?" form', () => {
  it('posts to /{tenant}/login/{uid}/kmsi on Entra itself', async () => {
    const browser = new ManualBrowser();
    const { action } = await openEntraSignIn(stack, browser);
    const { page } = await submitPassword(browser, action, stack.users[0]);
    const kmsiAction = formActionOf(page, action);
    assert.equal(kmsiAction, `${action}/kmsi`);
    const { returnTo } = await answerStaySignedIn(stack, browser, kmsiAction, 'no');
    assert.equal(returnTo.origin, stack.topology.parties.mpassid.origin);
  });
});

describe('Entra front-channel logout (a standalone tenant whose app registered a front-channel URL)', () => {
  let server: ListeningServer;
  let target: EntraTarget;
  let frontchannelUri: string;
  let ledgerUrl: string;

  before(async () => {
    let handler: Parameters<typeof listen>[0] = (_req, res) => res.end();
    server = await listen((req, res) => handler(req, res), '127.0.0.1', 0);
    const origin = `http://127.0.0.1:${server.address.port}`;
    frontchannelUri = `${stack.topology.parties.service.origin}/frontchannel-logout`;
    target = { origin, tenantId, clientId: 'frontchannel-app', redirectUri: `${stack.topology.parties.mpassid.origin}/cb` };
    ledgerUrl = origin;
    handler = createMockEntra({
      origin,
      tenantId,
      tenantDomain: stack.topology.tenantDomain,
      users: stack.users,
      apps: [{
        clientId: target.clientId,
        clientSecret: 'frontchannel-secret',
        redirectUris: [target.redirectUri],
        postLogoutRedirectUris: [serviceHome],
        frontchannelLogoutUri: frontchannelUri,
      }],
    }).app;
  });
  after(() => server?.close());
  beforeEach(async () => {
    await (await get(`${ledgerUrl}/__harness/reset`, { method: 'POST' })).arrayBuffer();
  });

  const signedInLogout = async () => {
    const browser = new ManualBrowser();
    await signInAtEntra(target, browser, stack.users[0], 'no');
    return browser.get(`${target.origin}/${tenantId}/oauth2/v2.0/logout?${new URLSearchParams({ post_logout_redirect_uri: serviceHome })}`);
  };

  it('loads the front-channel URL of the signed-in app in the signed-out page instead of redirecting at once', async () => {
    const res = await signedInLogout();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('location'), null);
    const page = await res.text();
    assert.ok(page.includes(`<iframe src="${frontchannelUri}" hidden>`), 'the front-channel iframe');
    assert.ok(page.includes(`href="${serviceHome}"`), 'then continues to the registered address');
    assertSelfContained(page, [target.origin, ...Object.values(stack.topology.parties).map((p) => p.origin)], 'front-channel page');
  });

  it('records frontchannel.sent and ends the session', async () => {
    await (await signedInLogout()).arrayBuffer();
    const ledger = await ledgerOf(ledgerUrl);
    const sent = ledger.events.find((e) => e.name === 'frontchannel.sent');
    assert.deepEqual(sent?.detail, { clientId: target.clientId, uri: frontchannelUri });
    assert.equal(ledger.sessions[0].endedBy, 'logout');
  });

  it('sends nothing and redirects at once when no session is open', async () => {
    const res = await getHtml(`${target.origin}/${tenantId}/oauth2/v2.0/logout?${new URLSearchParams({ post_logout_redirect_uri: serviceHome })}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), serviceHome);
    assert.equal((await eventNames(ledgerUrl)).includes('frontchannel.sent'), false);
  });
});
