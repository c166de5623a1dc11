/**
 * The whole catalogue's wall time as a user runs it: `mpassid-harness check` with its defaults (both protocols, the
 * sample service's default logout, default workers), browser launch and stack start included. Prints catalogue_s.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { figure } from './lib/figures.js';

const cli = fileURLToPath(new URL('../bin/mpassid-harness.js', import.meta.url));
const started = performance.now();
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, [cli, 'check', '--base-port', '6900'], { stdio: 'ignore' });
  child.on('exit', (c) => resolve(c ?? -1));
});
const seconds = (performance.now() - started) / 1000;
if (code > 1) throw new Error(`check failed to run (exit ${code})`);
figure('catalogue_s', seconds, 's', `12 scenarios (6 × oidc, saml), default workers on ${availableParallelism()} cores; goal ≤ 20`);
