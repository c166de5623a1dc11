/**
 * Across machines: the catalogue shards with `check --shard i/n` (each shard starts its own stack), and two shards
 * together run exactly the whole catalogue, each scenario once, with the same verdicts as one run.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCENARIO_IDS } from '../../harness/catalogue-ids.js';
import type { VerdictFile } from '../../harness/report/verdict-file.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mpassid-harness-shard-'));

test('check --shard 1/2 and 2/2 together run every catalogue scenario exactly once per protocol', async () => {
  const shards = await Promise.all(['1/2', '2/2'].map(async (shard, i) => {
    const json = join(dir, `shard-${i + 1}.json`);
    const result = await runCli(['check', '--shard', shard, '--sample-logout', 'local', '--protocol', 'both', '--workers', '1', '--base-port', String(6660 + 20 * i), '--json', json]);
    assert.equal(result.code, 1, `${shard}: ${result.stdout}\n${result.stderr}`);
    return (JSON.parse(readFileSync(json, 'utf8')) as VerdictFile).verdicts;
  }));
  const keys = shards.map((verdicts) => verdicts.map((v) => `${v.protocol} ${v.scenario}`));
  assert.ok(keys[0].length > 0 && keys[1].length > 0, 'both shards ran something');
  assert.deepEqual(keys[0].filter((k) => keys[1].includes(k)), [], 'no scenario runs in both shards');
  assert.equal(new Set([...keys[0], ...keys[1]]).size, keys[0].length + keys[1].length, 'no scenario twice in a shard');
  assert.equal(keys[0].length + keys[1].length, SCENARIO_IDS.length * 2, 'together: every scenario of the catalogue, once per protocol');
  for (const v of shards.flat()) {
    assert.equal(v.outcome, 'PARTIAL', v.scenario);
    assert.deepEqual(v.survivors, ['mpassid', 'entra'], v.scenario);
  }
});

test('--shard and --repeat-each say what they take', async () => {
  for (const [args, message] of [
    [['check', '--shard', '3/2'], /--shard 3\/2 is not i\/n with 1 ≤ i ≤ n/],
    [['check', '--shard', 'half'], /--shard half is not i\/n/],
    [['check', '--repeat-each', '0'], /--repeat-each 0 is not a whole number from 1 to 1000/],
    [['up', '--shard', '1/2'], /--shard and --repeat-each belong to check/],
  ] as const) {
    const { code, stderr } = await runCli([...args]);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, message);
  }
});
