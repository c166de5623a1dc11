/**
 * A service the harness has never seen, configured only through its config file: the two examples, built on
 * express-openid-connect (logs out locally) and passport-saml (logs out fully), get their verdicts from `check
 * --config`, `up --config` prints what to paste, and a scenario of your own runs with the fixtures.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { VerdictFile } from '../../harness/report/verdict-file.js';
import type { Verdict } from '../../harness/verdict/verdict.js';
import { CLI, run, runCli } from './run-cli.js';

const OIDC = 'examples/oidc-express-openid-connect/mpassid-harness.config.yaml';
const SAML = 'examples/saml-passport-saml/mpassid-harness.config.yaml';
const dir = mkdtempSync(join(tmpdir(), 'mpassid-harness-own-'));
const findingsOf = (v: Verdict) => v.findings.map((f) => `${f.probe}: ${f.cause}`);
const byScenario = (file: VerdictFile) => Object.fromEntries(file.verdicts.map((v) => [v.scenario, v]));

async function check(config: string, extra: string[] = []) {
  const json = join(dir, `${config.split('/').slice(-2).join('-')}-${extra.join('')}.json`.replace(/[^\w.-]/g, '_'));
  const result = await runCli(['check', '--config', config, '--json', json, ...extra]);
  return { ...result, file: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) as VerdictFile : undefined };
}

test('express-openid-connect with its default logout: every scenario PARTIAL, MPASSid and Entra ID survive, the service itself ended', async () => {
  const { code, file, stdout, stderr } = await check(OIDC);
  assert.equal(code, 1, `${stdout}\n${stderr}`);
  assert.equal(file!.verdicts.length, 6);
  for (const v of file!.verdicts) {
    assert.equal(v.outcome, 'PARTIAL', v.scenario);
    assert.deepEqual(v.parties, { service: 'ended', mpassid: 'survived', entra: 'survived' }, v.scenario);
    assert.equal(v.protocol, 'oidc');
    // Judged black-box: no ledger for the service, the protected page in the browser decides.
    const page = v.probes.find((p) => p.probe === 'protected-page');
    assert.equal(page?.showsUser, false, v.scenario);
    assert.match(v.probes.find((p) => p.probe === 'ledger')!.observation, /service has no ledger \(judged in the browser\)/);
  }
  const s = byScenario(file!);
  assert.deepEqual(findingsOf(s['the next pupil on the device gets their own account']), ['next-pupil: mpassid']);
  assert.deepEqual(findingsOf(s['sign in after logout asks for a password']), ['silent-relogin: mpassid']);
  assert.deepEqual(findingsOf(s['after a browser restart sign in asks for a password (stay signed in: yes)']), ['browser-restart: entra']);
  assert.deepEqual(findingsOf(s['after a browser restart sign in asks for a password (stay signed in: no)']), []);
  assert.match(s['a second service signed in through MPASSid is signed out too'].findings[0].consequence, /Tehtäväpankki is still signed in as Testi1 Oppilas1 after logging out of Lukudiplomi/);
  assert.match(stdout, /the next pupil on the device gets their own account\s+oidc\s+ended\s+survived\s+survived\s+PARTIAL\s+next-pupil: mpassid/);
});

test('passport-saml with a chained logout: every scenario FULL (exit 0); only the second service remains, as its own finding', async () => {
  const { code, file, stdout, stderr } = await check(SAML);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.equal(file!.verdicts.length, 6);
  for (const v of file!.verdicts) {
    assert.equal(v.outcome, 'FULL', v.scenario);
    assert.deepEqual(v.parties, { service: 'ended', mpassid: 'ended', entra: 'ended' }, v.scenario);
    assert.equal(v.protocol, 'saml');
  }
  const s = byScenario(file!);
  assert.deepEqual(findingsOf(s['a second service signed in through MPASSid is signed out too']), ['second-service: service-b']);
  assert.deepEqual(file!.verdicts.filter((v) => v.scenario !== 'a second service signed in through MPASSid is signed out too').flatMap(findingsOf), []);
});

test('--tls: the mocks serve HTTPS from a run CA that the browser and the service (NODE_EXTRA_CA_CERTS) trust; the CA lands in the report', async () => {
  const report = join(dir, 'tls-report');
  const { code, file, stderr } = await check(OIDC, ['--tls', '--scenarios', 'logout-ends-every-session', '--report', report]);
  assert.equal(code, 1, stderr);
  assert.equal(file!.verdicts.length, 1);
  assert.deepEqual(file!.verdicts[0].parties, { service: 'ended', mpassid: 'survived', entra: 'survived' });
  const ca = readFileSync(join(report, 'mpassid-harness-ca.crt.pem'), 'utf8');
  assert.match(ca, /BEGIN CERTIFICATE/);
  assert.match(stderr, /HTTPS: every mock serves a certificate of the run CA .*mpassid-harness-ca\.crt\.pem/);
  const evidence = JSON.parse(readFileSync(join(report, 'evidence.json'), 'utf8')) as { scenarios: { lifelines: { id: string; origin: string }[] }[] };
  const origins = Object.fromEntries(evidence.scenarios[0].lifelines.map((l) => [l.id, l.origin]));
  assert.match(origins.mpassid, /^https:\/\/127\.0\.0\.3:6101$/);
  assert.match(origins.entra, /^https:\/\//);
});

test('up --config registers the service as with MPASSid, starts it, and prints what to paste; Ctrl-C stops it too', async () => {
  const child = spawn(process.execPath, [CLI, 'up', '--config', SAML], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('Ctrl-C stops the stack')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`up exited ${code}: ${stdout}`)));
  });
  assert.match(stdout, /mpassid-harness is up for Tehtäväkirja \(http:\/\/127\.0\.0\.21:6130\), started with the stack/);
  assert.match(stdout, /IdP metadata URL +http:\/\/127\.0\.0\.3:6121\/idp\/shibboleth/);
  assert.match(stdout, /your SP entityID +http:\/\/127\.0\.0\.21:6130\/saml\/metadata +\(registered by metadata at http:\/\/127\.0\.0\.21:6130\/saml\/metadata\)/);
  assert.match(stdout, /registered returns +http:\/\/127\.0\.0\.4:6120\/[0-9a-f-]+\/oauth2\/v2\.0\/logout\?post_logout_redirect_uri=http%3A%2F%2F127\.0\.0\.21%3A6130%2F/);
  assert.match(stdout, /accepted by Entra ID +http:\/\/127\.0\.0\.21:6130\//);
  assert.match(stdout, /full logout link +http:\/\/127\.0\.0\.3:6121\/idp\/profile\/Logout\?return=http%3A%2F%2F127\.0\.0\.4%3A6120/);
  // The service's own output shows as it comes, under its name (it started before the summary was printed).
  assert.match(stderr, /^\[Tehtäväkirja\] Tehtäväkirja \(passport-saml\) at http:\/\/127\.0\.0\.21:6130$/m);
  // The service runs and MPASSid sends its sign-in on to the school picker (its registration is live).
  const login = await fetch('http://127.0.0.21:6130/login', { redirect: 'manual' });
  const sso = login.headers.get('location') ?? '';
  assert.match(sso, /^http:\/\/127\.0\.0\.3:6121\/idp\/profile\/SAML2\/Redirect\/SSO\?SAMLRequest=/);
  assert.ok((await fetch(sso, { redirect: 'manual' })).status < 400);
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  await assert.rejects(fetch('http://127.0.0.21:6130/health'), 'the service stopped with the stack');
});

test('an invalid config fails at once with exit 2, naming each field, before anything starts', async () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'service:\n  baseUrl: https://lms.example.com\n  protocol: oidc\n  signIn: { url: /login }\n  logout: { url: /logout }\n  protectedUrl: /me\n  signedIn: {}\nregistration: {}\n');
  const started = Date.now();
  const { code, stderr } = await runCli(['check', '--config', bad]);
  assert.equal(code, 2);
  assert.match(stderr, /bad\.yaml is not a valid mpassid-harness config/);
  assert.match(stderr, /service\.baseUrl: must be on a loopback host/);
  assert.match(stderr, /service\.signedIn: give a selector, a text, or both/);
  assert.match(stderr, /registration\.oidc: is required because service\.protocol is oidc/);
  assert.ok(Date.now() - started < 5_000, 'no browser or server was started');
  const clash = await runCli(['check', '--config', OIDC, '--base-port', '7000']);
  assert.equal(clash.code, 2);
  assert.match(clash.stderr, /--base-port does not go with --config: mocks\.basePort in the config file says it/);
});

test('a scenario of your own with mpassid-harness/fixtures passes for the full logout and fails, naming what survived, for the partial one', async () => {
  const config = 'examples/own-scenario/playwright.config.ts';
  const full = await run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', config], { env: { ...process.env, MPASSID_HARNESS_CONFIG: SAML } });
  assert.equal(full.code, 0, `${full.stdout}\n${full.stderr}`);
  assert.match(full.stdout, /2 passed/);
  const partial = await run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', config], { env: { ...process.env, MPASSID_HARNESS_CONFIG: OIDC } });
  assert.equal(partial.code, 1);
  assert.match(partial.stdout, /2 failed/);
  assert.match(partial.stdout, /The next pupil on this device \(Testi2 Oppilas2\) presses Sign in and lands in Testi1 Oppilas1's account without a password/);
});

test('a service you start yourself: check --config without service.start judges it the same way', async () => {
  const config = join(dir, 'started-by-hand.yaml');
  writeFileSync(config, readFileSync(OIDC, 'utf8')
    .replaceAll('127.0.0.20:6110', '127.0.0.22:6170')
    .replace(/  start:\n(    .*\n)+/, '')
    .replace('basePort: 6100', 'basePort: 6160'));
  const service = spawn(process.execPath, ['examples/oidc-express-openid-connect/server.js'], {
    stdio: 'ignore',
    env: {
      ...process.env, SERVICE_BASE_URL: 'http://127.0.0.22:6170', MPASSID_ISSUER: 'http://127.0.0.3:6161',
      MPASSID_CLIENT_ID: 'lukudiplomi', MPASSID_CLIENT_SECRET: 'lukudiplomi-test-only-secret',
    },
  });
  try {
    // Started by hand, as a developer would: wait until it answers before the check.
    await new Promise<void>((resolve) => {
      const poll = () => fetch('http://127.0.0.22:6170/health').then(() => resolve(), () => setTimeout(poll, 50));
      poll();
    });
    const { code, file, stderr } = await check(config, ['--scenarios', 'sign-in-after-logout-asks-for-password']);
    assert.equal(code, 1, stderr);
    assert.deepEqual(file!.verdicts.map((v) => [v.outcome, v.parties.service, findingsOf(v)]), [['PARTIAL', 'ended', ['silent-relogin: mpassid']]]);
  } finally {
    service.kill();
  }
});

/** The OIDC example on its own ports (mocks at 6700, the service at 127.0.0.23:6710), changed by `edit`. */
function variant(name: string, edit: (yaml: string) => string): string {
  const config = join('examples/oidc-express-openid-connect', `.${name}.config.yaml`);
  writeFileSync(config, edit(readFileSync(OIDC, 'utf8').replaceAll('127.0.0.20:6110', '127.0.0.23:6710').replace('basePort: 6100', 'basePort: 6700')));
  return config;
}

test('mistakes a user makes are named with their fix: a wrong client secret, an unregistered redirect URI, a service that is not running', async (t) => {
  const configs: string[] = [];
  t.after(() => configs.forEach((c) => rmSync(c, { force: true })));
  const scenario = ['--scenarios', 'logout-ends-every-session'];

  // The service sends a client secret MPASSid does not have: the browser only waits, the back channel says why.
  const secret = variant('wrong-secret', (y) => y.replace('    readyUrl:', '    env: { MPASSID_CLIENT_SECRET: not-the-registered-one }\n    readyUrl:'));
  configs.push(secret);
  const wrongSecret = await check(secret, scenario);
  assert.equal(wrongSecret.code, 1, wrongSecret.stderr);
  const stopped = wrongSecret.file!.verdicts[0].broken ?? '';
  assert.match(stopped, /POST \/idp\/profile\/oidc\/token at mpassid → 401 \(back-channel\): MPASSid refused the service's client authentication at its token endpoint: .*MPASSID_CLIENT_SECRET/);
  // The page it waited on is named with its code redacted, as in the hop trace.
  assert.match(stopped, /the page at http:\/\/127\.0\.0\.23:6710\/callback\?code=(…|%E2%80%A6)&/);

  // Registered under another redirect URI: MPASSid's error page names the URI, the client and the config field.
  const redirect = variant('unregistered-redirect', (y) => y.replace('redirect_uris: [http://127.0.0.23:6710/callback]', 'redirect_uris: [http://127.0.0.23:6710/cb]'));
  configs.push(redirect);
  const unregistered = await check(redirect, scenario);
  assert.equal(unregistered.code, 1, unregistered.stderr);
  assert.match(unregistered.file!.verdicts[0].broken ?? '', /sign-in stopped at an error page: invalid_redirect_uri: .* Fix: register http:\/\/127\.0\.0\.23:6710\/callback as a redirect URI of client lukudiplomi .*registration\.oidc\.redirect_uris/);

  // Not started by the config and not running: check stops before any scenario and says both ways to fix it.
  const notRunning = variant('not-running', (y) => y.replace(/  start:\n(    .*\n)+/, ''));
  configs.push(notRunning);
  const down = await check(notRunning, scenario);
  assert.equal(down.code, 2, down.stderr);
  assert.match(down.stderr, /your service at http:\/\/127\.0\.0\.23:6710\/ does not answer \(ECONNREFUSED\)\. Start it before check, or give service\.start/);
  assert.match(down.stderr, /mpassid-harness up --config .*then mpassid-harness check --config .* --mode attached/);
  assert.match(down.stderr, /\[1\/1\] NOT RUN logout ends every session .*\(the stack did not start; the reason follows\)/);
  assert.doesNotMatch(down.stderr, /BROKEN/);
});
