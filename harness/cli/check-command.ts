import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from '../browser/ensure-chromium.js';
import { HarnessError } from '../errors.js';
import { renderVerdictTable } from '../report/terminal-table.js';
import type { VerdictFile } from '../report/verdict-file.js';
import { ENV } from '../run-settings.js';
import { loadConfig } from '../config/load-config.js';
import { runCa } from '../tls/run-ca.js';
import type { CliOptions } from './cli-options.js';

// TypeScript in the repository, JavaScript (dist/) in the npm package.
const CATALOGUE_CONFIG = fileURLToPath(new URL(`../playwright/catalogue.config${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

/** Creates the report folder (and its parents); refuses a path that is a file. Returns its absolute path. */
function prepareReportDir(dir: string): string {
  const absolute = resolve(dir);
  if (existsSync(absolute) && !statSync(absolute).isDirectory()) {
    throw new HarnessError('HARNESS_USAGE', `--report ${dir}: ${absolute} is a file, not a folder; choose a folder name`);
  }
  mkdirSync(absolute, { recursive: true });
  return absolute;
}

/**
 * `mpassid-harness check`: runs the scenario catalogue with Playwright (one stack per worker), prints the verdict
 * table, writes `--json` and the `--report` folder, and returns 0 when every logout was FULL, 1 otherwise.
 */
export async function checkCommand(options: CliOptions): Promise<number> {
  if (options.json && !existsSync(dirname(resolve(options.json)))) {
    throw new HarnessError('HARNESS_USAGE', `--json ${options.json}: folder ${dirname(resolve(options.json))} does not exist; create it or choose another path`);
  }
  // A bad config fails here, before any browser or server starts, with every problem named.
  const config = options.config ? await loadConfig(options.config) : undefined;
  const reportDir = options.report ? prepareReportDir(options.report) : undefined;
  ensureChromium((line) => console.error(line));
  const work = mkdtempSync(join(tmpdir(), 'mpassid-harness-'));
  const verdictPath = join(work, 'verdicts.json');
  try {
    const tls = options.tls || config?.config.mocks.tls ? await runCa(join(work, 'tls')) : undefined;
    if (tls) {
      const kept = reportDir ? join(reportDir, 'mpassid-harness-ca.crt.pem') : undefined;
      if (kept) copyFileSync(tls.certificatePath, kept);
      console.error(`HTTPS: every mock serves a certificate of the run CA ${kept ?? tls.certificatePath}; trust it in your service (Node: NODE_EXTRA_CA_CERTS).`);
    }
    const playwrightCli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const code = await new Promise<number>((resolve, reject) => {
      const extra = [...(options.shard ? [`--shard=${options.shard}`] : []), ...(options.repeatEach ? [`--repeat-each=${options.repeatEach}`] : [])];
      const child = spawn(process.execPath, [playwrightCli, 'test', '--config', CATALOGUE_CONFIG, ...extra], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          [ENV.sampleLogout]: options.sampleLogouts.join(','),
          [ENV.protocol]: options.protocols.join(','),
          [ENV.upstream]: options.upstream,
          ...(options.publishSingleLogout ? { [ENV.publishSingleLogout]: '1' } : {}),
          [ENV.basePort]: String(options.basePort),
          [ENV.workers]: String(options.workers),
          [ENV.hostMode]: options.hostMode,
          ...(options.addressesArg ? { [ENV.addresses]: options.addressesArg } : {}),
          [ENV.json]: verdictPath,
          ...(reportDir ? { [ENV.report]: reportDir } : {}),
          ...(config ? { [ENV.config]: config.path } : {}),
          ...(options.scenarios ? { [ENV.scenarios]: options.scenarios.join(',') } : {}),
          ...(tls ? { [ENV.tls]: '1', [ENV.tlsDir]: tls.dir } : {}),
          [ENV.mode]: options.mode,
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
    if (reportDir) {
      writeFileSync(join(reportDir, 'verdicts.json'), `${JSON.stringify(file, null, 2)}\n`);
      console.log(`Report written to ${join(options.report!, 'report.html')} (also junit.xml, verdicts.json, evidence.json)`);
    }
    return file.verdicts.every((v) => v.outcome === 'FULL') ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
