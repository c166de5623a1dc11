/**
 * `npm run bench`: every benchmark, one after another, each in its own process on an otherwise quiet machine, one
 * line per figure (`name: value unit`). Anchors are measured in the same run, side by side, and reported as ratios.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

console.log(`# mpassid-harness bench, ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
// The stack runs from the built package (dist/), as the npm package and the image run it.
if (spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'ignore' }).status !== 0) throw new Error('npm run build failed');
for (const script of ['stack-ready.ts', 'browser.ts', 'catalogue.ts', 'http.ts']) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench/${script} failed (exit ${result.status})`);
    process.exitCode = 1;
  }
}
