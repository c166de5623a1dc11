/**
 * What the image runs, proven without a container engine: the packed build, installed as the Dockerfile installs it
 * (`npm ci --omit=dev --omit=peer`, no install scripts), starts each party with the image's entry point, answers the
 * image's health check, and serves a real catalogue scenario to the harness in attached mode.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PARTIES } from '../../harness/party/party-settings.js';
import { run, runCli } from '../cli/run-cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mpassid-harness-image-'));
const app = join(work, 'package');
const env = { ...process.env, MPASSID_HARNESS_BASE_PORT: '6520', MPASSID_HARNESS_SECRET_SEED: 'production-install-test', MPASSID_HARNESS_SAMPLE_LOGOUT: 'full', NODE_ENV: 'production' };
const parties: ChildProcess[] = [];

before(async () => {
  const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: repo });
  assert.equal(packed.code, 0, packed.stderr);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  assert.equal((await run('tar', ['-xzf', tarball], { cwd: work })).code, 0);
  copyFileSync(join(repo, 'package-lock.json'), join(app, 'package-lock.json'));
  const installed = await run('npm', ['ci', '--omit=dev', '--omit=peer', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app });
  assert.equal(installed.code, 0, installed.stderr);
});

after(async () => {
  await Promise.all(parties.map((p) => new Promise((resolve) => {
    if (p.exitCode !== null) return resolve(undefined);
    p.once('exit', resolve);
    p.kill('SIGTERM');
  })));
});

test('the production install holds what the parties run and nothing of the tooling', () => {
  for (const dep of ['oidc-provider', 'samlify', 'express', 'xmllint-wasm']) assert.ok(existsSync(join(app, 'node_modules', dep)), dep);
  for (const tooling of ['typescript', '@playwright/test', 'playwright-core']) assert.equal(existsSync(join(app, 'node_modules', tooling)), false, `${tooling} is not installed`);
});

test('each party starts with the image\'s entry point and answers the image\'s health check, then serves a real scenario', async () => {
  for (const party of PARTIES) {
    const child = spawn(process.execPath, ['dist/harness/party/start-party.js', party], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    parties.push(child);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('listening on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`${party} exited ${code}: ${out}`)));
    });
  }
  for (const party of PARTIES) {
    const health = await run(process.execPath, ['dist/harness/party/party-health.js', party], { cwd: app, env });
    assert.equal(health.code, 0, `${party}: ${health.stderr}`);
  }
  const check = await runCli(['check', '--mode', 'attached', '--base-port', '6520', '--sample-logout', 'full', '--protocol', 'both', '--scenarios', 'logout-ends-every-session', '--workers', '1']);
  assert.equal(check.code, 0, `${check.stdout}\n${check.stderr}`);
  assert.match(check.stdout, /logout ends every session \[logout=full\]\s+saml\s+ended\s+ended\s+ended\s+FULL/);
});

test('a party without a seed or with an unknown name refuses to start and says what to set', async () => {
  const noSeed = await run(process.execPath, ['dist/harness/party/start-party.js', 'mpassid'], { cwd: app, env: { ...env, MPASSID_HARNESS_SECRET_SEED: '' } });
  assert.equal(noSeed.code, 2);
  assert.match(noSeed.stderr, /set MPASSID_HARNESS_SECRET_SEED to the same value for every party/);
  const unknown = await run(process.execPath, ['dist/harness/party/start-party.js', 'printer'], { cwd: app, env });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /give one of entra, mpassid, service, service-b/);
});
