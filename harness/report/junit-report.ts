import { PARTY_ORDER } from '../verdict/verdict.js';
import type { RunEvidence, ScenarioEvidence } from './evidence.js';
import { escapeXml as esc, truncate } from './markup.js';
import { survivingParties } from './sequence-diagram.js';

type CaseKind = 'passed' | 'failure' | 'error' | 'skipped';

interface Case {
  scenario: ScenarioEvidence;
  kind: CaseKind;
  type?: string;
  message?: string;
  body?: string;
}

const MAX_MESSAGE = 500;

/** A one-line attribute value: whitespace runs (newlines too) become one space. */
const oneLine = (text: string) => truncate(text.replace(/\s+/g, ' ').trim(), MAX_MESSAGE);

const suiteName = (scenario: ScenarioEvidence) => scenario.project ?? scenario.verdict.project ?? scenario.protocol;

/** Whole milliseconds as JUnit seconds (`3.225`). */
const secondsOf = (ms: number) => (Math.max(0, Math.round(Number.isFinite(ms) ? ms : 0)) / 1000).toFixed(3);

const durationOf = (scenario: ScenarioEvidence) => Math.max(0, Math.round(Number.isFinite(scenario.durationMs) ? scenario.durationMs : 0));

/** What the verdict says, as the body of a failure or error: consequences, findings, party states. */
function verdictBody(scenario: ScenarioEvidence, headline: string): string {
  const v = scenario.verdict;
  const lines = [headline];
  if (v.broken) lines.push(`Broken: ${v.broken}`);
  if (v.consequences?.length) lines.push('', 'Consequences:', ...v.consequences.map((c) => `  - ${c}`));
  if (v.findings?.length) {
    lines.push('', 'Findings:', ...v.findings.map((f) => `  - [${f.probe}${f.cause ? `, caused by ${f.cause}` : ''}] ${f.consequence}`));
  }
  lines.push('', `Sessions after Log out: ${PARTY_ORDER.map((p) => `${p} ${v.parties?.[p] ?? 'unknown'}`).join(', ')}`);
  if (v.user) lines.push(`User: ${v.user}`);
  return lines.join('\n');
}

function classify(scenario: ScenarioEvidence): Case {
  const v = scenario.verdict;
  if (scenario.status === 'skipped') return { scenario, kind: 'skipped' };
  if (v.outcome === 'BROKEN') {
    const message = `BROKEN: ${v.broken ?? 'the logout flow failed'}`;
    return { scenario, kind: 'error', type: 'BROKEN', message, body: verdictBody(scenario, message) };
  }
  if (v.outcome === 'PARTIAL') {
    const survivors = survivingParties(scenario);
    const message = survivors.length
      ? `PARTIAL: ${survivors.join(', ')} survived`
      : `PARTIAL: ${v.findings?.[0]?.consequence ?? 'a session was still at work after the logout'}`;
    return { scenario, kind: 'failure', type: 'PARTIAL', message, body: verdictBody(scenario, message) };
  }
  if (scenario.status !== 'passed') {
    // Every session ended, but Playwright failed the test (a timeout, a crash in a probe): not a pass.
    const first = scenario.errors[0]?.split('\n')[0] ?? 'no error message';
    const message = `FULL verdict, but the test ${scenario.status}: ${first}`;
    return { scenario, kind: 'error', type: scenario.status, message, body: verdictBody(scenario, message) };
  }
  return { scenario, kind: 'passed' };
}

function testcase(c: Case): string {
  const s = c.scenario;
  const open = `    <testcase classname="${esc(suiteName(s))}" name="${esc(s.title)}" time="${secondsOf(durationOf(s))}"`;
  const inner: string[] = [];
  if (c.kind === 'skipped') inner.push('      <skipped/>');
  if (c.kind === 'failure' || c.kind === 'error') {
    inner.push(`      <${c.kind} message="${esc(oneLine(c.message ?? ''))}" type="${esc(c.type)}">${esc(c.body)}</${c.kind}>`);
  }
  const observations = (s.verdict.probes ?? []).map((p) => `[${p.probe}] ${p.observation}`);
  if (observations.length) inner.push(`      <system-out>${esc(observations.join('\n'))}</system-out>`);
  if (s.errors.length) inner.push(`      <system-err>${esc(s.errors.join('\n\n'))}</system-err>`);
  return inner.length ? `${open}>\n${inner.join('\n')}\n    </testcase>` : `${open}/>`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function countsOf(cases: Case[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.kind === 'failure').length,
    errors: cases.filter((c) => c.kind === 'error').length,
    skipped: cases.filter((c) => c.kind === 'skipped').length,
    ms: cases.reduce((sum, c) => sum + durationOf(c.scenario), 0),
  };
}

const countAttrs = (c: Counts) =>
  `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${secondsOf(c.ms)}"`;

/**
 * Renders a run as JUnit XML for CI: `<testsuites>` holding one `<testsuite>` per Playwright project (protocol and
 * logout strategy; the protocol when a scenario has no project), one `<testcase>` per scenario (classname = the
 * project, name = the title, time in seconds).
 *
 * - FULL (and the test passed): a passing testcase.
 * - PARTIAL: `<failure type="PARTIAL" message="PARTIAL: <survivors> survived">` with the consequences and findings
 *   in its body.
 * - BROKEN: `<error type="BROKEN" message="BROKEN: <reason>">`.
 * - FULL but Playwright failed the test (timeout, crash): `<error type="<status>">`, never a pass.
 * - Skipped: `<skipped/>`.
 *
 * The probes' observations go to `<system-out>`, Playwright's errors to `<system-err>`. Counts and times (the sum of
 * the testcases' times) are given on every level. Every value is escaped with ANSI codes and characters XML cannot
 * carry removed, so the document is well-formed whatever the messages contain.
 *
 * @param run - The run's evidence.
 * @returns The JUnit XML document.
 */
export function renderJunitXml(run: RunEvidence): string {
  const cases = run.scenarios.map(classify);
  const suites = new Map<string, Case[]>();
  for (const c of cases) {
    const name = suiteName(c.scenario);
    suites.set(name, [...(suites.get(name) ?? []), c]);
  }
  const timestamp = esc(run.startedAt.replace(/(\.\d+)?Z$/, ''));
  const suiteXml = [...suites].map(([name, members]) => [
    `  <testsuite name="${esc(name)}" ${countAttrs(countsOf(members))} timestamp="${timestamp}">`,
    ...members.map(testcase),
    '  </testsuite>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mpassid-harness" ${countAttrs(countsOf(cases))}>`,
    ...suiteXml,
    '</testsuites>',
    '',
  ].join('\n');
}
