/**
 * HTTP only, no browser, every server in its own process and the load from this one:
 * - one MPASSid OIDC leg with an existing session (authorize → code → token) against a bare oidc-provider's same
 *   round trip → leg_ratio_vs_oidc_provider (goal ≥ 0.8);
 * - whole sign-in chains service → MPASSid → Entra ID → MPASSid → service, each with a fresh browser (cookie jar)
 *   and the next test user, at concurrency 1 and 16, 10 s each, against a bare oidc-provider's whole interactive
 *   logins (authorize → login form → code → token) at 16 → chains_ratio_vs_oidc_provider_login_c16 (goal ≥ 0.4;
 *   a chain does two interactive logins and three code exchanges, so about 0.45 is the ceiling); the same chains
 *   with the OIDC upstream at 16 beside them (how much of a chain the SAML work is);
 * - oauth2-mock-server's authorize + token round trips at 16, the outside anchor;
 * - the stack process's peak RSS, idle and after the load (goal ≤ 200 MB).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { OAuth2Server } from 'oauth2-mock-server';
import { displayName, TEST_USERS } from '../mock-idp/users/test-users.js';
import { planStack } from '../harness/stack/stack-plan.js';
import { figure, until } from './lib/figures.js';
import { formOf, HttpClient, throughput } from './lib/http-client.js';

const BASE = 6900;
const SEED = 'bench-test-only';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ANCHOR = 'http://127.0.0.6:6950';

function start(script: string, args: string[]): ChildProcess {
  return fork(new URL(script, import.meta.url), args, { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
}
async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
/** Peak resident set (VmHWM) of a process, in MB. */
const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

// The stack, in its own process, with client secrets derived from the seed so this process knows them too.
const plan = planStack({ basePort: BASE, sampleLogout: 'full', secretSeed: SEED });
const { service, mpassid } = plan.topology.parties;
/** The Node flags the container image runs a party with (Dockerfile ENTRYPOINT). */
const IMAGE_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=192'];
/** The whole stack in a child process from dist/ (upstream saml or oidc, Node flags), once every health check is green. */
async function startStackChild(upstream: 'saml' | 'oidc', execArgv: string[] = []): Promise<ChildProcess> {
  const child = fork(new URL('./children/stack.mjs', import.meta.url), [String(BASE), SEED, upstream], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await until(async () => (await Promise.all(Object.values(plan.topology.parties).map(async (p) => (await fetch(`${p.origin}/__harness/health`)).ok))).every(Boolean));
  return child;
}
const stackChild = await startStackChild('saml');
const idleRss = peakRssMb(stackChild.pid!);

const users = TEST_USERS;
/**
 * One whole sign-in chain with a fresh browser; throws unless the service ends up showing the user. With the SAML
 * upstream Entra ID answers "Stay signed in?" with an auto-posting form (the Response to MPASSid's ACS); with the
 * OIDC upstream, with redirects.
 */
async function chain(i: number, b = new HttpClient(), upstream: 'saml' | 'oidc' = 'saml'): Promise<void> {
  const user = users[i % users.length];
  const picker = await b.follow(`${service.origin}/login`);
  const chosen = await b.follow(formOf(picker.text, picker.url).action, { method: 'POST', body: 'school=30076' });
  const signIn = formOf(chosen.text, chosen.url);
  const kmsi = await b.request(signIn.action, { method: 'POST', body: new URLSearchParams({ username: user.username, password: user.password }).toString() });
  const posting = await b.follow(formOf(kmsi.text, signIn.action).action, { method: 'POST', body: 'stay=no' });
  let home = posting;
  if (upstream === 'saml') {
    const autoPost = formOf(posting.text, posting.url);
    home = await b.follow(autoPost.action, { method: 'POST', body: new URLSearchParams(autoPost.fields).toString() });
  }
  if (!home.text.includes(displayName(user))) throw new Error(`chain ${i} ended at ${home.url} without ${displayName(user)}: ${home.text.slice(0, 200)}`);
}

// MPASSid OIDC leg with an existing session: one chain leaves the session cookie in the client.
const sample = plan.registrations.mpassid.services.find((s) => s.protocol === 'oidc' && s.clientId === 'oppimisalusta')!;
if (sample.protocol !== 'oidc') throw new Error('no OIDC registration');
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
async function leg(b: HttpClient, issuer: string, authorizePath: string, tokenPath: string, client: { id: string; secret: string; redirect: string }): Promise<void> {
  const query = new URLSearchParams({ client_id: client.id, redirect_uri: client.redirect, response_type: 'code', scope: 'openid profile', state: 's', nonce: 'n' });
  const authorized = await b.follow(`${issuer}${authorizePath}?${query}`, {}, (next) => next.startsWith(client.redirect));
  const code = authorized.stoppedAt && new URL(authorized.stoppedAt).searchParams.get('code');
  if (!code) throw new Error(`no code from ${issuer}: ${authorized.status} ${authorized.url}`);
  const token = await b.request(`${issuer}${tokenPath}`, {
    method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: client.redirect }).toString(), headers: { authorization: basic(client.id, client.secret), accept: 'application/json' },
  });
  if (token.status !== 200) throw new Error(`token ${token.status}: ${token.text.slice(0, 200)}`);
}
const mpassidClient = { id: sample.clientId, secret: sample.clientSecret, redirect: sample.redirectUris[0] };
// One browser with a session per load loop: one session is one browser, and browsers do not race themselves.
const signedIn = Array.from({ length: 16 }, () => new HttpClient());
await Promise.all(signedIn.map((b, i) => chain(i, b)));
const mpassidLeg = await throughput(16, SECONDS * 1000, (_, loop) => leg(signedIn[loop], mpassid.origin, '/idp/profile/oidc/authorize', '/idp/profile/oidc/token', mpassidClient));

// Whole chains at 1 and 16.
const c1 = await throughput(1, SECONDS * 1000, (i) => chain(i));
const c16 = await throughput(16, SECONDS * 1000, (i) => chain(i));
const loadedRss = peakRssMb(stackChild.pid!);
await stop(stackChild);

// The same chain load against a stack with the image's Node flags (each container runs one party with them).
const imageChild = await startStackChild('saml', IMAGE_FLAGS);
const imageChains = await throughput(16, SECONDS * 1000, (i) => chain(i));
const imageRss = peakRssMb(imageChild.pid!);
await stop(imageChild);

// The same chains with MPASSid reaching Entra ID by OIDC instead of SAML: how much of a chain the XML work is.
const oidcUpstreamChild = await startStackChild('oidc');
const oidcUpstreamChains = await throughput(16, SECONDS * 1000, (i) => chain(i, new HttpClient(), 'oidc'));
await stop(oidcUpstreamChild);

// The anchor: a bare oidc-provider, its leg with a session and its whole interactive login.
const anchor = start('./children/oidc-provider.mjs', ['6950']);
await until(async () => (await fetch(`${ANCHOR}/.well-known/openid-configuration`)).ok);
const anchorClient = { id: 'bench', secret: 'bench-secret', redirect: 'http://127.0.0.6:1/cb' };
async function anchorLogin(b: HttpClient, i: number): Promise<void> {
  const query = new URLSearchParams({ client_id: anchorClient.id, redirect_uri: anchorClient.redirect, response_type: 'code', scope: 'openid profile', state: 's', nonce: 'n', prompt: 'login' });
  const login = await b.follow(`${ANCHOR}/auth?${query}`);
  const action = formOf(login.text, login.url).action;
  const back = await b.follow(action, { method: 'POST', body: new URLSearchParams({ prompt: 'login', login: `user${i}`, password: 'x' }).toString() }, (next) => next.startsWith(anchorClient.redirect));
  const code = back.stoppedAt && new URL(back.stoppedAt).searchParams.get('code');
  if (!code) throw new Error(`anchor login ${i}: ${back.status} ${back.url} ${back.text.slice(0, 200)}`);
  const token = await b.request(`${ANCHOR}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: anchorClient.redirect }).toString(), headers: { authorization: basic(anchorClient.id, anchorClient.secret) } });
  if (token.status !== 200) throw new Error(`anchor token ${token.status}: ${token.text.slice(0, 200)}`);
}
const anchorSessions = Array.from({ length: 16 }, () => new HttpClient());
await Promise.all(anchorSessions.map((b, i) => anchorLogin(b, i)));
const anchorLeg = await throughput(16, SECONDS * 1000, (_, loop) => leg(anchorSessions[loop], ANCHOR, '/auth', '/token', anchorClient));
const anchorLogins = await throughput(16, SECONDS * 1000, (i) => anchorLogin(new HttpClient(), i));
await stop(anchor);

// The outside anchor: oauth2-mock-server (authorize redirects with a code at once; then the token).
const mock = new OAuth2Server();
await mock.issuer.keys.generate('RS256');
await mock.start(6960, '127.0.0.6');
const mockClient = { id: 'bench', secret: 'x', redirect: 'http://127.0.0.6:1/cb' };
const mockTrips = await throughput(16, SECONDS * 1000, () => leg(new HttpClient(), 'http://127.0.0.6:6960', '/authorize', '/token', mockClient));
await mock.stop();

for (const [name, r] of [['mpassid leg', mpassidLeg], ['chains c1', c1], ['chains c16', c16], ['chains c16 oidc upstream', oidcUpstreamChains], ['anchor leg', anchorLeg], ['anchor logins', anchorLogins], ['oauth2-mock-server', mockTrips]] as const) {
  if (r.failed) console.error(`${name}: ${r.failed} failed (first: ${r.firstError})`);
}
figure('leg_per_s_c16', mpassidLeg.perSecond, '/s', 'MPASSid authorize → code → token with a session');
figure('oidc_provider_leg_per_s_c16', anchorLeg.perSecond, '/s', 'bare oidc-provider, same round trip');
figure('leg_ratio_vs_oidc_provider', mpassidLeg.perSecond / anchorLeg.perSecond, 'x', 'goal ≥ 0.8');
figure('chains_per_s_c1', c1.perSecond, '/s', `service → MPASSid → Entra ID → MPASSid → service, fresh browser each, ${c1.done} in ${SECONDS} s`);
figure('chains_per_s_c16', c16.perSecond, '/s', `${c16.done} in ${SECONDS} s`);
figure('chains_per_s_c16_oidc_upstream', oidcUpstreamChains.perSecond, '/s', `the same chains with MPASSid reaching Entra ID by OIDC (no SAML messages), ${oidcUpstreamChains.done} in ${SECONDS} s`);
figure('oidc_provider_logins_per_s_c16', anchorLogins.perSecond, '/s', 'bare oidc-provider, whole interactive login + token');
figure('chains_ratio_vs_oidc_provider_login_c16', c16.perSecond / anchorLogins.perSecond, 'x', 'goal ≥ 0.4; ceiling about 0.45');
figure('chains_ratio_oidc_upstream_vs_oidc_provider_login_c16', oidcUpstreamChains.perSecond / anchorLogins.perSecond, 'x', 'the OIDC-upstream chains against the same anchor');
figure('oauth2_mock_server_round_trips_per_s_c16', mockTrips.perSecond, '/s', 'authorize + token, the outside anchor');
figure('stack_idle_peak_rss_mb', idleRss, 'MB', 'the stack process (all four parties), VmHWM after start');
figure('stack_peak_rss_mb', loadedRss, 'MB', 'VmHWM after the leg and chain load, Node\'s default heap settings (as in-process in a Playwright worker); goal ≤ 200');
figure('stack_peak_rss_image_flags_mb', imageRss, 'MB', `VmHWM after the chain load with the image's Node flags ${IMAGE_FLAGS.join(' ')} (${imageChains.perSecond.toFixed(1)} chains/s at 16)`);
