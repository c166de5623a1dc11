import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { VerdictFile } from '../../harness/report/verdict-file.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mpassid-harness-cli-'));

async function check(strategy: string, basePort: number) {
  const json = join(dir, `${strategy}.json`);
  const result = await runCli(['check', '--sample-logout', strategy, '--json', json, '--base-port', String(basePort)]);
  const file = JSON.parse(readFileSync(json, 'utf8')) as VerdictFile;
  return { ...result, file };
}

test('check --sample-logout full exits 0 and every outcome is FULL', async () => {
  const { code, file, stdout } = await check('full', 5700);
  assert.equal(code, 0, stdout);
  assert.ok(file.verdicts.length >= 2);
  for (const v of file.verdicts) {
    assert.equal(v.outcome, 'FULL');
    assert.deepEqual(v.parties, { service: 'ended', mpassid: 'ended', entra: 'ended' });
  }
  assert.match(stdout, /Scenario\s+Service\s+MPASSid\s+Entra ID\s+Outcome/);
});

test('check --sample-logout local exits 1 and names mpassid and entra as survivors', async () => {
  const { code, file, stdout } = await check('local', 5720);
  assert.equal(code, 1, stdout);
  for (const v of file.verdicts) {
    assert.equal(v.outcome, 'PARTIAL');
    assert.deepEqual(v.survivors, ['mpassid', 'entra']);
  }
  assert.match(stdout, /the next Sign in on this device lands in Testi1 Oppilas1's account without a password/i);
});

test('check --sample-logout mpassid exits 1 and names entra as the only survivor', async () => {
  const { code, file } = await check('mpassid', 5740);
  assert.equal(code, 1);
  for (const v of file.verdicts) {
    assert.equal(v.outcome, 'PARTIAL');
    assert.deepEqual(v.survivors, ['entra']);
  }
});
