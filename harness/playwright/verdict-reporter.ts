import { writeFileSync } from 'node:fs';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { EVIDENCE_ATTACHMENT, VERDICT_ATTACHMENT } from '../fixtures.js';
import { ENV } from '../run-settings.js';
import type { CollectedEvidence } from '../report/collect-evidence.js';
import type { ScenarioEvidence } from '../report/evidence.js';
import { scenarioEvidenceOf } from '../report/scenario-evidence.js';
import { summarise, type VerdictFile } from '../report/verdict-file.js';
import { writeReports } from '../report/write-reports.js';
import type { Protocol } from '../registrations.js';
import type { Verdict } from '../verdict/verdict.js';

const START_FAILED = /HARNESS_START_FAILED|ListenError|HARNESS_BROWSER_NOT_FOUND|BrowserNotFoundError/;
const ANSI = /\x1b\[[0-9;]*m/g;

function attachmentJson<T>(result: TestResult, name: string): T | undefined {
  const body = result.attachments.find((a) => a.name === name && a.body)?.body;
  return body ? (JSON.parse(body.toString('utf8')) as T) : undefined;
}

/**
 * Collects the verdict every catalogue scenario attaches and writes them as one JSON file for the CLI; with a
 * report folder set, also writes the HTML and JUnit reports with each scenario's evidence. A scenario that failed
 * before it could judge (sign-in failed, a timeout) becomes a BROKEN verdict with the error as reason. Prints one
 * progress line per scenario to stderr.
 */
export default class VerdictReporter implements Reporter {
  private verdicts: Verdict[] = [];
  private scenarios: ScenarioEvidence[] = [];
  private startupError?: string;
  private startedAt = new Date().toISOString();
  private total = 0;
  /** Each test's place in Playwright's listing (project, then file, then line), so reports keep one order. */
  private order = new Map<string, number>();
  private places = new Map<Verdict, number>();

  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    const tests = suite.allTests();
    this.total = tests.length;
    tests.forEach((t, i) => this.order.set(`${t.parent.project()?.name}\u0000${t.id}`, i));
    process.stderr.write(`Running ${this.total} scenario${this.total === 1 ? '' : 's'}…\n`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const project = test.parent.project()?.name;
    let verdict = attachmentJson<Verdict>(result, VERDICT_ATTACHMENT);
    let notRun = false;
    if (!verdict) {
      const full = (result.errors[0]?.message ?? `scenario ${result.status} without a verdict`).replace(ANSI, '');
      const message = full.split('\n')[0];
      // A start-up failure keeps every line up to the stack trace: it may carry your service's own output.
      if (START_FAILED.test(message)) {
        this.startupError ??= full.split(/\n\s+at /)[0].trimEnd();
        notRun = true;
      }
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
        findings: [],
      };
    }
    const place = this.order.get(`${project}\u0000${test.id}`) ?? this.total;
    this.places.set(verdict, place);
    this.verdicts.push(verdict);
    this.scenarios.push(scenarioEvidenceOf(test, result, verdict, attachmentJson<CollectedEvidence>(result, EVIDENCE_ATTACHMENT)));
    const survivors = verdict.survivors.length ? ` (${verdict.survivors.join(', ')} survived)` : '';
    const findings = verdict.findings.length ? ` [${verdict.findings.length} finding${verdict.findings.length === 1 ? '' : 's'}]` : '';
    const shown = notRun ? 'NOT RUN' : verdict.outcome.padEnd(7);
    const why = notRun ? ' (the stack did not start; the reason follows)' : '';
    process.stderr.write(`  [${this.verdicts.length}/${this.total}] ${shown} ${test.title}${project ? ` [${project}]` : ''}${survivors}${findings}${why}\n`);
  }

  async onEnd(): Promise<void> {
    // Workers finish in any order; the files list scenarios in the catalogue's order.
    const placeOf = (v: Verdict) => this.places.get(v) ?? this.total;
    this.verdicts.sort((a, b) => placeOf(a) - placeOf(b));
    this.scenarios.sort((a, b) => placeOf(a.verdict) - placeOf(b.verdict));
    const finishedAt = new Date().toISOString();
    const summary = summarise(this.verdicts);
    const path = process.env[ENV.json];
    if (path) {
      const file: VerdictFile = {
        version: 1,
        startedAt: this.startedAt,
        finishedAt,
        verdicts: this.verdicts,
        summary,
        ...(this.startupError ? { startupError: this.startupError } : {}),
      };
      writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
    }
    const reportDir = process.env[ENV.report];
    if (reportDir && this.scenarios.length) {
      await writeReports(reportDir, { version: 1, startedAt: this.startedAt, finishedAt, scenarios: this.scenarios, summary });
    }
  }
}
