import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI entry point, run as a user runs it. */
export const CLI = fileURLToPath(new URL('../../bin/mpassid-harness.js', import.meta.url));

/** Runs the CLI to completion and returns its exit code and output. */
export function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
