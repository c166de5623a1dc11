import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import type { RunEvidence, ScenarioEvidence } from '../../harness/report/evidence.js';
import { renderJunitXml } from '../../harness/report/junit-report.js';
import type { Verdict } from '../../harness/verdict/verdict.js';

const FIXTURE = new URL('../fixtures/evidence/partial-logout.json', import.meta.url);
const fixture = (): RunEvidence => JSON.parse(readFileSync(FIXTURE, 'utf8')) as RunEvidence;

/** Strict XML parse: any well-formedness error fails the test. */
function parse(xml: string): Document {
  const fail = (message: string) => {
    throw new Error(`junit.xml is not well-formed: ${message}`);
  };
  return new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(xml, 'text/xml') as unknown as Document;
}

const elements = (node: Document | Element, tag: string) => Array.from(node.getElementsByTagName(tag)) as Element[];
const counts = (e: Element) => Object.fromEntries(['tests', 'failures', 'errors', 'skipped', 'time'].map((k) => [k, e.getAttribute(k)]));

function scenario(id: string, project: string | undefined, status: ScenarioEvidence['status'], durationMs: number, v: Partial<Verdict> = {}): ScenarioEvidence {
  return {
    id,
    title: `scenario ${id}`,
    ...(project ? { project } : {}),
    protocol: 'oidc',
    status,
    durationMs,
    verdict: {
      scenario: `scenario ${id}`, protocol: 'oidc', user: 'Testi1 Oppilas1',
      parties: { service: 'ended', mpassid: 'ended', entra: 'ended' }, outcome: 'FULL', survivors: [],
      consequences: [], probes: [], findings: [], ...v,
    },
    lifelines: [], hops: [], events: [], errors: [], attachments: [],
  };
}

const run = (scenarios: ScenarioEvidence[]): RunEvidence => ({
  version: 1, startedAt: '2026-01-01T10:00:00.123Z', finishedAt: '2026-01-01T10:01:00.000Z', scenarios, summary: { FULL: 0, PARTIAL: 0, BROKEN: 0 },
});

test('the fixture: one suite for its project, a PARTIAL failure naming the survivors, consequences and findings in the body', () => {
  const evidence = fixture();
  const doc = parse(renderJunitXml(evidence));
  const root = doc.documentElement as unknown as Element;
  assert.equal(root.tagName, 'testsuites');
  assert.deepEqual(counts(root), { tests: '1', failures: '1', errors: '0', skipped: '0', time: '3.225' });
  const [suite] = elements(doc, 'testsuite');
  assert.equal(suite.getAttribute('name'), 'saml · logout=mpassid');
  assert.deepEqual(counts(suite), { tests: '1', failures: '1', errors: '0', skipped: '0', time: '3.225' });
  const [testcase] = elements(suite, 'testcase');
  assert.equal(testcase.getAttribute('classname'), 'saml · logout=mpassid');
  assert.equal(testcase.getAttribute('name'), 'logout ends every session');
  assert.equal(testcase.getAttribute('time'), '3.225');
  const [failure] = elements(testcase, 'failure');
  assert.equal(failure.getAttribute('type'), 'PARTIAL');
  assert.equal(failure.getAttribute('message'), 'PARTIAL: entra, service-b survived');
  const body = failure.textContent ?? '';
  for (const c of evidence.scenarios[0].verdict.consequences) assert.ok(body.includes(c), `body has: ${c}`);
  assert.match(body, /\[silent-relogin, caused by entra\]/);
  assert.match(body, /\[second-service, caused by service-b\]/);
  assert.match(body, /entra survived/);
  assert.match(elements(testcase, 'system-err')[0].textContent ?? '', /HarnessError: logout is PARTIAL/);
  assert.match(elements(testcase, 'system-out')[0].textContent ?? '', /\[silent-relogin\] Sign in again reached Testi1 Oppilas1/);
});

test('counts and times are right on every level, one suite per project', () => {
  const xml = renderJunitXml(run([
    scenario('full', 'oidc · logout=all', 'passed', 1500),
    scenario('partial', 'oidc · logout=all', 'failed', 250, {
      outcome: 'PARTIAL', parties: { service: 'ended', mpassid: 'survived', entra: 'survived' }, survivors: ['mpassid', 'entra'],
      consequences: ['The next Sign in lands in the account.'],
    }),
    scenario('broken', 'saml · logout=mpassid', 'failed', 1001, { outcome: 'BROKEN', broken: 'return address not registered' }),
    scenario('skipped', 'saml · logout=mpassid', 'skipped', 0),
    scenario('timeout', 'saml · logout=mpassid', 'timedOut', 30000),
    scenario('noproject', undefined, 'passed', 7),
  ]));
  const doc = parse(xml);
  const root = doc.documentElement as unknown as Element;
  assert.deepEqual(counts(root), { tests: '6', failures: '1', errors: '2', skipped: '1', time: '32.758' });
  const suites = elements(doc, 'testsuite');
  assert.deepEqual(suites.map((s) => s.getAttribute('name')), ['oidc · logout=all', 'saml · logout=mpassid', 'oidc']);
  assert.deepEqual(suites.map(counts), [
    { tests: '2', failures: '1', errors: '0', skipped: '0', time: '1.750' },
    { tests: '3', failures: '0', errors: '2', skipped: '1', time: '31.001' },
    { tests: '1', failures: '0', errors: '0', skipped: '0', time: '0.007' },
  ]);
  for (const suite of suites) {
    const cases = elements(suite, 'testcase');
    assert.equal(String(cases.length), suite.getAttribute('tests'));
    assert.equal(String(cases.filter((c) => elements(c, 'failure').length).length), suite.getAttribute('failures'));
    assert.equal(String(cases.filter((c) => elements(c, 'error').length).length), suite.getAttribute('errors'));
    assert.equal(String(cases.filter((c) => elements(c, 'skipped').length).length), suite.getAttribute('skipped'));
    for (const c of cases) assert.equal(c.getAttribute('classname'), suite.getAttribute('name'));
  }
  const byName = new Map(elements(doc, 'testcase').map((c) => [c.getAttribute('name'), c]));
  const passed = byName.get('scenario full')!;
  assert.equal(passed.childNodes.length, 0, 'a FULL verdict passes');
  assert.equal(elements(byName.get('scenario partial')!, 'failure')[0].getAttribute('message'), 'PARTIAL: mpassid, entra survived');
  const broken = elements(byName.get('scenario broken')!, 'error')[0];
  assert.equal(broken.getAttribute('type'), 'BROKEN');
  assert.match(broken.getAttribute('message') ?? '', /^BROKEN: return address not registered$/);
  assert.equal(elements(byName.get('scenario skipped')!, 'skipped').length, 1);
  assert.equal(elements(byName.get('scenario timeout')!, 'error')[0].getAttribute('type'), 'timedOut', 'a FULL verdict on a failed test is not a pass');
});

test('control characters, ANSI codes, lone surrogates and markup in messages keep the XML well-formed', () => {
  const nasty = scenario('nasty', 'oidc · <logout>', 'failed', 10, {
    outcome: 'PARTIAL', parties: { service: 'survived', mpassid: 'ended', entra: 'ended' }, survivors: ['service'],
    consequences: ['\u001b[31mred\u001b[0m \u0000nul \u0008bs \uD800 lone ]]> & <tag attr="x">'],
    findings: [{ probe: 'protected-page', cause: 'service', consequence: 'still shows "<b>" \u000b\u000c' }],
  });
  nasty.title = 'title with \u0001 and \u001b[1mbold\u001b[22m & "quotes" \'apos\'';
  nasty.errors = ['\u001b[2mexpect(\u001b[22mreceived\u001b[2m).toBe\u001b[22m\n\u0007bell </system-err>'];
  const xml = renderJunitXml(run([nasty]));
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  const doc = parse(xml);
  const testcase = elements(doc, 'testcase')[0];
  assert.equal(testcase.getAttribute('name'), 'title with  and bold & "quotes" \'apos\'');
  assert.equal(testcase.getAttribute('classname'), 'oidc · <logout>');
  const failure = elements(testcase, 'failure')[0];
  assert.match(failure.textContent ?? '', /red nul bs {2}lone \]\]> & <tag attr="x">/);
  assert.match(failure.textContent ?? '', /still shows "<b>"/);
  assert.equal(elements(testcase, 'system-err')[0].textContent, 'expect(received).toBe\nbell </system-err>');
});

test('no scenarios: an empty, well-formed testsuites', () => {
  const doc = parse(renderJunitXml(run([])));
  assert.deepEqual(counts(doc.documentElement as unknown as Element), { tests: '0', failures: '0', errors: '0', skipped: '0', time: '0.000' });
  assert.equal(elements(doc, 'testsuite').length, 0);
});
