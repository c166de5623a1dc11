import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from '../browser/ensure-chromium.js';
import { HarnessError } from '../errors.js';
import { renderVerdictTable } from '../report/terminal-table.js';
import type { VerdictFile } from '../report/verdict-file.js';
import { ENV } from '../run-settings.js';
import type { CliOptions } from './cli-options.js';

const CATALOGUE_CONFIG = fileURLToPath(new URL('../playwright/catalogue.config.ts', import.meta.url));

/**
 * `mpassid-harness check`: runs the scenario catalogue with Playwright (one stack per worker), prints the verdict
 * table, writes `--json`, and returns 0 when every logout was FULL, 1 otherwise.
 */
export async function checkCommand(options: CliOptions): Promise<number> {
  if (options.json && !existsSync(dirname(resolve(options.json)))) {
    throw new HarnessError('HARNESS_USAGE', `--json ${options.json}: folder ${dirname(resolve(options.json))} does not exist; create it or choose another path`);
  }
  ensureChromium((line) => console.error(line));
  const work = mkdtempSync(join(tmpdir(), 'mpassid-harness-'));
  const verdictPath = join(work, 'verdicts.json');
  try {
    const playwrightCli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [playwrightCli, 'test', '--config', CATALOGUE_CONFIG], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          [ENV.sampleLogout]: options.sampleLogouts.join(','),
          [ENV.protocol]: options.protocols.join(','),
          [ENV.upstream]: options.upstream,
          [ENV.basePort]: String(options.basePort),
          [ENV.hostMode]: options.hostMode,
          ...(options.addressesArg ? { [ENV.addresses]: options.addressesArg } : {}),
          [ENV.json]: verdictPath,
          MPASSID_HARNESS_OUTPUT_DIR: join(work, 'test-results'),
        },
      });
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve(exitCode ?? 2));
    });
    if (!existsSync(verdictPath)) {
      throw new HarnessError('HARNESS_START_FAILED', `the scenario catalogue did not run (Playwright exited ${code}); see the output above`);
    }
    const file = JSON.parse(readFileSync(verdictPath, 'utf8')) as VerdictFile;
    if (file.startupError) throw new HarnessError('HARNESS_START_FAILED', file.startupError.replace(/^.*HARNESS_START_FAILED: /, ''));
    if (file.verdicts.length === 0) throw new HarnessError('HARNESS_START_FAILED', 'the scenario catalogue ran no scenario');
    console.log(`\n${renderVerdictTable(file.verdicts, { colour: process.stdout.isTTY === true })}`);
    if (options.json) {
      writeFileSync(options.json, `${JSON.stringify(file, null, 2)}\n`);
      console.log(`Verdicts written to ${options.json}`);
    }
    return file.verdicts.every((v) => v.outcome === 'FULL') ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
