import { writeFileSync } from 'node:fs';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { VERDICT_ATTACHMENT } from '../fixtures.js';
import { ENV } from '../run-settings.js';
import { summarise, type VerdictFile } from '../report/verdict-file.js';
import type { Protocol } from '../registrations.js';
import type { Verdict } from '../verdict/verdict.js';

const START_FAILED = /HARNESS_START_FAILED|ListenError|HARNESS_BROWSER_NOT_FOUND/;

/**
 * Collects the verdict every catalogue scenario attaches and writes them as one JSON file for the CLI. A scenario
 * that failed before it could judge (sign-in failed, a timeout) becomes a BROKEN verdict with the error as reason.
 * Prints one progress line per scenario to stderr.
 */
export default class VerdictReporter implements Reporter {
  private verdicts: Verdict[] = [];
  private startupError?: string;
  private startedAt = new Date().toISOString();
  private total = 0;

  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.total = suite.allTests().length;
    process.stderr.write(`Running ${this.total} scenario${this.total === 1 ? '' : 's'}…\n`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const project = test.parent.project()?.name;
    const attachment = result.attachments.find((a) => a.name === VERDICT_ATTACHMENT && a.body);
    let verdict: Verdict;
    if (attachment?.body) {
      verdict = JSON.parse(attachment.body.toString('utf8')) as Verdict;
    } else {
      const message = (result.errors[0]?.message ?? `scenario ${result.status} without a verdict`).split('\n')[0].replace(/\x1b\[[0-9;]*m/g, '');
      if (START_FAILED.test(message)) this.startupError ??= message;
      verdict = {
        scenario: test.title,
        ...(project ? { project } : {}),
        protocol: (test.parent.project()?.use as { protocol?: Protocol } | undefined)?.protocol ?? 'oidc',
        user: '',
        parties: { service: 'unknown', mpassid: 'unknown', entra: 'unknown' },
        outcome: 'BROKEN',
        survivors: [],
        consequences: [],
        broken: message,
        probes: [],
      };
    }
    this.verdicts.push(verdict);
    const survivors = verdict.survivors.length ? ` (${verdict.survivors.join(', ')} survived)` : '';
    process.stderr.write(`  [${this.verdicts.length}/${this.total}] ${verdict.outcome.padEnd(7)} ${test.title}${project ? ` [${project}]` : ''}${survivors}\n`);
  }

  onEnd(): void {
    const path = process.env[ENV.json];
    if (!path) return;
    const file: VerdictFile = {
      version: 1,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      verdicts: this.verdicts,
      summary: summarise(this.verdicts),
      ...(this.startupError ? { startupError: this.startupError } : {}),
    };
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  }
}
