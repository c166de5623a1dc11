import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { VerdictFile } from '../../harness/report/verdict-file.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mpassid-harness-cli-'));

async function check(strategy: string, basePort: number, protocol: string, extra: string[] = []) {
  const json = join(dir, `${strategy}-${protocol}-${basePort}.json`);
  const result = await runCli(['check', '--sample-logout', strategy, '--protocol', protocol, '--json', json, '--base-port', String(basePort), ...extra]);
  const file = JSON.parse(readFileSync(json, 'utf8')) as VerdictFile;
  return { ...result, file };
}

test('check --sample-logout full --protocol both exits 0, runs every scenario for OIDC and SAML, and every outcome is FULL', async () => {
  const { code, file, stdout } = await check('full', 5700, 'both');
  assert.equal(code, 0, stdout);
  const scenarios = new Set(file.verdicts.map((v) => v.scenario));
  assert.ok(scenarios.size >= 2);
  assert.deepEqual(file.verdicts.map((v) => `${v.protocol} ${v.scenario}`).sort(),
    [...scenarios].flatMap((s) => [`oidc ${s}`, `saml ${s}`]).sort());
  for (const v of file.verdicts) {
    assert.equal(v.outcome, 'FULL');
    assert.deepEqual(v.parties, { service: 'ended', mpassid: 'ended', entra: 'ended' });
  }
  assert.match(stdout, /Scenario\s+Protocol\s+Service\s+MPASSid\s+Entra ID\s+Outcome/);
  assert.match(stdout, /logout ends every session \[logout=full\]\s+saml\s+ended\s+ended\s+ended\s+FULL/);
});

test('check --protocol saml --sample-logout local exits 1 and names mpassid and entra as survivors', async () => {
  const { code, file, stdout } = await check('local', 5720, 'saml');
  assert.equal(code, 1, stdout);
  for (const v of file.verdicts) {
    assert.equal(v.protocol, 'saml');
    assert.equal(v.outcome, 'PARTIAL');
    assert.deepEqual(v.survivors, ['mpassid', 'entra']);
  }
  assert.match(stdout, /the next Sign in on this device lands in Testi1 Oppilas1's account without a password/i);
});

test('check --protocol saml --sample-logout mpassid exits 1 and names entra as the only survivor', async () => {
  const { code, file } = await check('mpassid', 5740, 'saml');
  assert.equal(code, 1);
  for (const v of file.verdicts) {
    assert.equal(v.protocol, 'saml');
    assert.equal(v.outcome, 'PARTIAL');
    assert.deepEqual(v.survivors, ['entra']);
  }
});

test('check --upstream oidc runs the SAML service over an OIDC hop to Entra, and the full logout is still FULL', async () => {
  const { code, file, stdout } = await check('full', 5860, 'saml', ['--upstream', 'oidc']);
  assert.equal(code, 0, stdout);
  for (const v of file.verdicts) assert.equal(v.outcome, 'FULL');
});
