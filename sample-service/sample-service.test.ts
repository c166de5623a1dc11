import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { SampleServiceConfig } from './config.js';
import { logoutRedirect } from './logout-strategy.js';
import { safeReturnTo } from './return-to.js';
import { startSampleService, type StartedSampleService } from './server.js';

// A port that was free a moment ago: discovery fails at once with "connection refused".
const UNREACHABLE_ISSUER = `http://127.0.0.1:${await freePort()}`;
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const ORIGIN = 'http://127.0.0.2:5602';
const ENTRA_LOGOUT = 'http://127.0.0.4:5600/9a4f8c1e-3b2d-4e5f-8a6b-7c0d1e2f3a4b/oauth2/v2.0/logout';

const config: SampleServiceConfig = {
  origin: ORIGIN,
  mpassid: { issuer: UNREACHABLE_ISSUER, clientId: 'oppimisalusta', clientSecret: 'test-secret' },
  logout: 'local',
  entraLogoutUrl: ENTRA_LOGOUT,
};

describe('sample service without MPASSid', () => {
  let service: StartedSampleService;
  let base: string;
  const get = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { redirect: 'manual', ...init });
  const post = (path: string, init: RequestInit = {}) => get(path, { method: 'POST', ...init });
  const postConfig = (body: unknown) =>
    post('/__harness/config', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    service = await startSampleService(config, { host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${service.address.port}`;
  });
  after(() => service.close());
  beforeEach(async () => {
    const res = await post('/__harness/reset');
    assert.equal(res.status, 200);
  });

  it('shows Sign in on the front page when signed out, with the service name in the header', async () => {
    const res = await get('/');
    assert.equal(res.status, 200);
    const body = await res.text();
    assert.match(body, /<a class="button" href="\/login" data-testid="sign-in">Sign in<\/a>/);
    assert.match(body, /<header>Oppimisalusta<\/header>/);
    assert.doesNotMatch(body, /signed-in-as/);
    assert.doesNotMatch(body, /(src|href)="(https?:)?\/\//, 'pages load nothing from another host');
  });

  it('sends a signed-out visitor of /protected to sign in first', async () => {
    const res = await get('/protected');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/login?returnTo=/protected');
  });

  it('names the issuer it could not reach when MPASSid is down', async () => {
    const res = await get('/login?returnTo=/protected', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 502);
    const body = await res.text();
    assert.match(body, /data-error-code="mpassid_unreachable"/);
    assert.ok(body.includes(UNREACHABLE_ISSUER), body);
    assert.equal(res.headers.get('set-cookie'), null, 'no pending login is left behind');
  });

  it('shows the OP error response on the callback page', async () => {
    const res = await get('/auth/callback?error=access_denied&error_description=user+cancelled', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 400);
    const body = await res.text();
    assert.match(body, /data-error-code="mpassid_error"/);
    assert.match(body, /access_denied/);
    assert.match(body, /user cancelled/);
  });

  it('refuses a callback for a sign-in it is not waiting for', async () => {
    const noCookie = await get('/auth/callback?code=abc&state=xyz');
    assert.equal(noCookie.status, 400);
    assert.equal((await noCookie.json()).error, 'login_not_pending');

    const unknown = await get('/auth/callback?code=abc&state=xyz', { headers: { cookie: 'oppimisalusta_login=forged' } });
    assert.equal(unknown.status, 400);
    assert.equal((await unknown.json()).error, 'login_not_pending');
    assert.match(unknown.headers.get('set-cookie') ?? '', /^oppimisalusta_login=;.*Expires=Thu, 01 Jan 1970/);
  });

  describe('logout without a session redirects by strategy', () => {
    it('local → /', async () => {
      const res = await post('/logout');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/');
    });

    it('mpassid → MPASSid Logout with the encoded return address', async () => {
      assert.equal((await postConfig({ logout: 'mpassid' })).status, 200);
      const res = await post('/logout');
      assert.equal(res.headers.get('location'), `${UNREACHABLE_ISSUER}/idp/profile/Logout?return=http%3A%2F%2F127.0.0.2%3A5602%2F`);
    });

    it('full → MPASSid Logout chained through Entra ID, encoded at each level', async () => {
      assert.equal((await postConfig({ logout: 'full' })).status, 200);
      const res = await get('/logout');
      assert.equal(res.status, 302);
      assert.equal(res.headers.get('location'),
        `${UNREACHABLE_ISSUER}/idp/profile/Logout?return=` +
        'http%3A%2F%2F127.0.0.4%3A5600%2F9a4f8c1e-3b2d-4e5f-8a6b-7c0d1e2f3a4b%2Foauth2%2Fv2.0%2Flogout' +
        '%3Fpost_logout_redirect_uri%3Dhttp%253A%252F%252F127.0.0.2%253A5602%252F');
    });

    it('uses the return address given with the strategy', async () => {
      service.setLogout('mpassid', { returnUrl: 'http://127.0.0.2:5602/bye?x=1' });
      const res = await post('/logout');
      assert.equal(res.headers.get('location'), `${UNREACHABLE_ISSUER}/idp/profile/Logout?return=http%3A%2F%2F127.0.0.2%3A5602%2Fbye%3Fx%3D1`);
    });

    it('clears a stale session cookie and records logout.started', async () => {
      const res = await post('/logout', { headers: { cookie: 'oppimisalusta_session=stale' } });
      assert.match(res.headers.get('set-cookie') ?? '', /^oppimisalusta_session=;.*Expires=Thu, 01 Jan 1970/);
      const { events } = await (await get('/__harness/sessions')).json();
      assert.deepEqual(events.map((e: { name: string }) => e.name), ['logout.started']);
      assert.deepEqual(events[0].detail, { strategy: 'local', redirect: '/' });
    });
  });

  describe('/__harness/config', () => {
    it('returns the settings in force', async () => {
      const res = await get('/__harness/config');
      assert.deepEqual(await res.json(), { party: 'service', logout: 'local', returnUrl: `${ORIGIN}/`, protocol: 'oidc' });
    });

    for (const [label, body] of [
      ['an unknown strategy', { logout: 'everything' }],
      ['a missing strategy', {}],
      ['a non-object body', ['full']],
      ['a relative returnUrl', { logout: 'full', returnUrl: '/home' }],
    ] as const) {
      it(`refuses ${label} with 400 naming the allowed values`, async () => {
        const res = await postConfig(body);
        assert.equal(res.status, 400);
        const json = await res.json();
        assert.equal(json.error, 'invalid_request');
        if (label !== 'a relative returnUrl') assert.match(json.error_description, /"local", "mpassid", "full"/);
      });
    }

    it('refuses malformed JSON', async () => {
      const res = await post('/__harness/config', { headers: { 'content-type': 'application/json' }, body: '{"logout":' });
      assert.equal(res.status, 400);
    });

    it('reset restores the configured strategy and forgets the ledger', async () => {
      await postConfig({ logout: 'full', returnUrl: 'http://127.0.0.2:5602/bye' });
      await post('/logout');
      assert.equal((await (await get('/__harness/sessions')).json()).events.length, 1);

      assert.equal((await post('/__harness/reset')).status, 200);
      assert.deepEqual(await (await get('/__harness/config')).json(), { party: 'service', logout: 'local', returnUrl: `${ORIGIN}/`, protocol: 'oidc' });
      assert.deepEqual(await (await get('/__harness/sessions')).json(), { party: 'service', sessions: [], events: [] });
      assert.equal((await post('/logout')).headers.get('location'), '/');
    });
  });
});

describe('safeReturnTo', () => {
  it('keeps local paths and refuses everything else', () => {
    assert.equal(safeReturnTo('/protected?tab=2'), '/protected?tab=2');
    for (const bad of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'protected', '', undefined, ['/a'], '/a\nb']) {
      assert.equal(safeReturnTo(bad), '/', String(bad));
    }
  });
});

describe('logoutRedirect', () => {
  it('appends to an Entra logout URL that already has a query', () => {
    assert.equal(
      logoutRedirect('full', { mpassidIssuer: 'http://m/', entraLogoutUrl: 'http://e/t/oauth2/v2.0/logout?logout_hint=x', returnUrl: 'http://s/' }),
      'http://m/idp/profile/Logout?return=http%3A%2F%2Fe%2Ft%2Foauth2%2Fv2.0%2Flogout%3Flogout_hint%3Dx%26post_logout_redirect_uri%3Dhttp%253A%252F%252Fs%252F',
    );
  });
});
