import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import type { RunEvidence, ScenarioEvidence } from '../../harness/report/evidence.js';
import { assetNames, renderHtmlReport, REPORT_CSP, scenarioFolder } from '../../harness/report/html-report.js';
import { writeReports } from '../../harness/report/write-reports.js';
import type { Verdict } from '../../harness/verdict/verdict.js';

const FIXTURE = new URL('../fixtures/evidence/partial-logout.json', import.meta.url);
const fixture = (): RunEvidence => JSON.parse(readFileSync(FIXTURE, 'utf8')) as RunEvidence;

/** Parses the report strictly as XML (the report is well-formed XML on purpose): any error fails the test. */
function parse(html: string): Document {
  const fail = (message: string) => {
    throw new Error(`report is not well-formed: ${message}`);
  };
  return new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(html, 'text/xml') as unknown as Document;
}

const all = (node: Document | Element): Element[] => Array.from(node.getElementsByTagName('*')) as Element[];
const byTestId = (node: Document | Element, id: string): Element[] => all(node).filter((e) => e.getAttribute('data-testid') === id);
const one = (node: Document | Element, id: string): Element => {
  const found = byTestId(node, id);
  assert.equal(found.length, 1, `exactly one [data-testid=${id}]`);
  return found[0];
};
const text = (node: Element) => (node.textContent ?? '').replace(/\s+/g, ' ');
const tbodyRows = (table: Element) => Array.from(table.getElementsByTagName('tbody')[0].getElementsByTagName('tr')) as Element[];

function verdict(overrides: Partial<Verdict> = {}): Verdict {
  return {
    scenario: 'a logout',
    protocol: 'oidc',
    user: 'Testi1 Oppilas1',
    parties: { service: 'ended', mpassid: 'ended', entra: 'ended' },
    outcome: 'FULL',
    survivors: [],
    consequences: [],
    probes: [],
    findings: [],
    ...overrides,
  };
}

function scenario(overrides: Partial<ScenarioEvidence> = {}, verdictOverrides: Partial<Verdict> = {}): ScenarioEvidence {
  return {
    id: 'abc123-oidc-logout-local',
    title: 'a logout',
    project: 'oidc · logout=local',
    protocol: 'oidc',
    status: 'passed',
    durationMs: 1200,
    verdict: verdict(verdictOverrides),
    lifelines: [
      { id: 'service', label: 'Oppimisalusta (service)', origin: 'http://127.0.0.2:6402' },
      { id: 'mpassid', label: 'MPASSid', origin: 'http://127.0.0.3:6401' },
      { id: 'entra', label: 'Entra ID', origin: 'http://127.0.0.4:6400' },
    ],
    hops: [],
    events: [],
    errors: [],
    attachments: [],
    ...overrides,
  };
}

function run(scenarios: ScenarioEvidence[]): RunEvidence {
  const summary = { FULL: 0, PARTIAL: 0, BROKEN: 0 };
  for (const s of scenarios) summary[s.verdict.outcome] += 1;
  return { version: 1, startedAt: '2026-01-01T10:00:00.000Z', finishedAt: '2026-01-01T10:00:05.000Z', scenarios, summary };
}

const partial = (id: string, title: string) => scenario({ id, title }, {
  outcome: 'PARTIAL',
  parties: { service: 'ended', mpassid: 'survived', entra: 'ended' },
  survivors: ['mpassid'],
  consequences: ['The next Sign in on this device lands in Testi1 Oppilas1\'s account without a password.'],
});

test('the fixture report: one summary row per scenario naming the outcome and the survivors', () => {
  const evidence = fixture();
  const doc = parse(renderHtmlReport(evidence));
  const rows = tbodyRows(one(doc, 'summary-table'));
  assert.equal(rows.length, evidence.scenarios.length);
  const row = text(rows[0]);
  assert.match(row, /logout ends every session/);
  assert.match(row, /saml · logout=mpassid/);
  assert.match(row, /PARTIAL/);
  assert.match(row, /Entra ID/);
  assert.match(row, /Tehtäväpankki \(service-b\)/);
  assert.doesNotMatch(row, /MPASSid|Oppimisalusta/, 'parties whose session ended are not survivors');
  assert.equal(rows[0].getAttribute('data-outcome'), 'PARTIAL');
  const link = rows[0].getElementsByTagName('a')[0];
  const section = one(doc, 'scenario-0');
  assert.equal(link.getAttribute('href'), `#${section.getAttribute('id')}`);
  assert.match(text(one(doc, 'run-header')), /0 FULL.*1 PARTIAL.*0 BROKEN/);
});

test('the fixture section: consequences, findings, survivors, sessions and the diagram', () => {
  const evidence = fixture();
  const v = evidence.scenarios[0].verdict;
  const section = one(parse(renderHtmlReport(evidence)), 'scenario-0');
  const consequences = Array.from(one(section, 'consequences').getElementsByTagName('li')).map((li) => text(li as Element));
  assert.deepEqual(consequences, v.consequences.map((c) => c.replace(/\s+/g, ' ')));

  const findings = Array.from(one(section, 'findings').getElementsByTagName('li')) as Element[];
  assert.deepEqual(findings.map((f) => [f.getAttribute('data-probe'), f.getAttribute('data-cause')]),
    [['second-service', 'service-b'], ['silent-relogin', 'entra']]);
  assert.match(text(findings[0]), /Tehtäväpankki, opened through the same MPASSid sign-in/);

  assert.match(text(one(section, 'survivor-entra')), /survived/);
  assert.match(text(one(section, 'survivor-service-b')), /survived/);
  assert.equal(byTestId(section, 'survivor-service').length, 0);
  assert.equal(byTestId(section, 'survivor-mpassid').length, 0);
  assert.match(text(one(section, 'party-service')), /ended/);
  assert.match(text(one(section, 'party-mpassid')), /ended/);

  const before = tbodyRows(one(section, 'sessions-before'));
  assert.equal(before.length, v.sessions!.before.length);
  const afterTable = one(section, 'sessions-after');
  const stillOpen = tbodyRows(afterTable).filter((r) => r.getAttribute('data-still-open') === 'true');
  assert.deepEqual(stillOpen.map((r) => r.getAttribute('data-party')).sort(), ['entra', 'mpassid', 'service', 'service-b']);
  assert.equal((text(afterTable).match(/still open/g) ?? []).length, 4);
  const entraRow = stillOpen.find((r) => r.getAttribute('data-party') === 'entra')!;
  assert.match(text(entraRow), /survived Log out/);
  assert.match(text(afterTable), /8amQnHJUCG…/, 'session ids are shortened');
  assert.doesNotMatch(text(afterTable), /8amQnHJUCGfvTdgnd9y2RxzW0kyJxpv5M3TFZcHmlYy/);

  const diagram = one(section, 'sequence-diagram');
  assert.equal(diagram.getElementsByTagName('svg').length, 1);
  assert.match(text(one(section, 'errors')), /HarnessError: logout is PARTIAL/);
  assert.match(text(section.getElementsByTagName('details')[0] as Element), /.+/);
  assert.equal((section.getElementsByTagName('details')[0] as Element).getAttribute('open'), 'open', 'a PARTIAL scenario starts expanded');
});

const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster', 'data', 'background', 'cite', 'ping', 'manifest', 'codebase']);

test('nothing in the report points outside it: no scripts, no external src/href, a CSP that forbids loading', () => {
  const html = renderHtmlReport(fixture());
  const doc = parse(html);
  const elements = all(doc);
  const tags = new Set(elements.map((e) => e.tagName.toLowerCase()));
  for (const tag of ['script', 'link', 'iframe', 'object', 'embed', 'base', 'frame', 'audio', 'video', 'source', 'foreignobject']) assert.ok(!tags.has(tag), `no <${tag}>`);
  const csp = elements.find((e) => e.tagName === 'meta' && e.getAttribute('http-equiv') === 'Content-Security-Policy');
  assert.equal(csp?.getAttribute('content'), REPORT_CSP);
  assert.match(REPORT_CSP, /default-src 'none'/);
  let checked = 0;
  for (const element of elements) {
    for (const attr of Array.from(element.attributes)) {
      const name = attr.name.toLowerCase();
      if (name === 'xmlns') {
        assert.equal(attr.value, 'http://www.w3.org/2000/svg', 'the only namespace is the SVG one');
        continue;
      }
      assert.doesNotMatch(attr.value, /https?:\/\//i, `no URL in ${element.tagName} ${name}`);
      assert.ok(!/^on/.test(name), `no event handler attribute ${name}`);
      if (/url\(/i.test(attr.value)) assert.match(attr.value, /^url\(#[^)]+\)$/, 'only in-document url() references');
      if (URL_ATTRIBUTES.has(name)) {
        checked++;
        assert.doesNotMatch(attr.value, /^\s*([a-z][a-z0-9+.-]*:|\/\/)/i, `${name}="${attr.value}" is relative`);
      }
    }
  }
  assert.ok(checked >= 2, 'the summary links were checked');
  const style = elements.filter((e) => e.tagName === 'style').map((e) => e.textContent ?? '').join('');
  assert.doesNotMatch(style, /@import|url\(|@font-face/i);
  assert.doesNotMatch(html, /(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  // The origins are shown, as text.
  assert.match(text(one(doc, 'survivor-entra')), /http:\/\/127\.0\.0\.4:6400/);
});

test('a hostile title, user, consequence and error are escaped, and control characters dropped', () => {
  const hostile = scenario({
    title: '<script>alert(1)</script>',
    errors: ['\u001b[31mError:\u001b[39m expected <b>bold</b> & "quoted"\u0007'],
  }, {
    outcome: 'PARTIAL',
    parties: { service: 'survived', mpassid: 'ended', entra: 'ended' },
    survivors: ['service'],
    user: '"><img src=x onerror=alert(1)>',
    consequences: ['Ends with ]]> and \u0000 and <!-- a comment'],
  });
  const html = renderHtmlReport(run([hostile]));
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img src=x/i);
  assert.doesNotMatch(html, /<b>bold/);
  assert.doesNotMatch(html, /\u001b|\u0007|\u0000/);
  const doc = parse(html);
  assert.match(text(tbodyRows(one(doc, 'summary-table'))[0]), /<script>alert\(1\)<\/script>/);
  assert.match(text(one(doc, 'errors')), /Error: expected <b>bold<\/b> & "quoted"/);
  assert.equal(one(doc, 'errors').tagName, 'pre');
  assert.match(text(one(doc, 'consequences')), /Ends with \]\]> and and <!-- a comment/);
  assert.match(text(one(doc, 'survivor-service')), /survived/);
});

test('no scenarios: a well-formed page that says so', () => {
  const doc = parse(renderHtmlReport(run([])));
  assert.match(text(one(doc, 'summary-table')), /No scenarios ran/);
  assert.equal(all(doc).filter((e) => /^scenario-\d+$/.test(e.getAttribute('data-testid') ?? '')).length, 0);
  assert.match(text(one(doc, 'headline')), /No scenarios ran/);
});

test('a hundred scenarios: a row and a section each, only the non-FULL ones expanded', () => {
  const scenarios = Array.from({ length: 100 }, (_, i) => (i % 10 === 3 ? partial(`id-${i}`, `scenario ${i}`) : scenario({ id: `id-${i}`, title: `scenario ${i}` })));
  const started = performance.now();
  const doc = parse(renderHtmlReport(run(scenarios)));
  assert.ok(performance.now() - started < 3000, 'renders quickly');
  assert.equal(tbodyRows(one(doc, 'summary-table')).length, 100);
  const sections = all(doc).filter((e) => /^scenario-\d+$/.test(e.getAttribute('data-testid') ?? ''));
  assert.equal(sections.length, 100);
  assert.equal(new Set(sections.map((s) => s.getAttribute('id'))).size, 100, 'unique anchors');
  const open = sections.filter((s) => (s.getElementsByTagName('details')[0] as Element).getAttribute('open') === 'open');
  assert.deepEqual(open.map((s) => s.getAttribute('data-testid')), [3, 13, 23, 33, 43, 53, 63, 73, 83, 93].map((i) => `scenario-${i}`));
  assert.match(text(one(doc, 'headline')), /10 of 100 logouts did not end every session/);
});

test('a FULL scenario without findings says "No findings" and names no survivor', () => {
  const doc = parse(renderHtmlReport(run([scenario()])));
  assert.match(text(one(doc, 'findings')), /^\s*No findings\s*$/);
  assert.equal(all(doc).filter((e) => (e.getAttribute('data-testid') ?? '').startsWith('survivor-')).length, 0);
  assert.match(text(tbodyRows(one(doc, 'summary-table'))[0]), /FULL.*none/);
});

test('a BROKEN scenario shows why it broke', () => {
  const broken = scenario({}, { outcome: 'BROKEN', broken: 'the logout return address http://evil.example/ is not registered' });
  const doc = parse(renderHtmlReport(run([broken])));
  assert.match(text(one(doc, 'broken-reason')), /The logout flow broke: the logout return address .* is not registered/);
  assert.equal(tbodyRows(one(doc, 'summary-table'))[0].getAttribute('data-outcome'), 'BROKEN');
});

test('attachments are linked under assets/<scenario>/, screenshots shown, traces with their show-trace command', () => {
  const withFiles = scenario({
    id: 'spec-1a2b-oidc',
    attachments: [
      { name: 'trace', path: '/tmp/pw/output/trace.zip', contentType: 'application/zip' },
      { name: 'screenshot', path: '/tmp/pw/output/test-failed-1.png', contentType: 'image/png' },
    ],
  });
  const doc = parse(renderHtmlReport(run([withFiles])));
  const list = one(doc, 'attachments');
  const hrefs = Array.from(list.getElementsByTagName('a')).map((a) => (a as Element).getAttribute('href'));
  assert.deepEqual(hrefs, ['assets/spec-1a2b-oidc/trace.zip', 'assets/spec-1a2b-oidc/test-failed-1.png']);
  const img = list.getElementsByTagName('img')[0] as Element;
  assert.equal(img.getAttribute('src'), 'assets/spec-1a2b-oidc/test-failed-1.png');
  assert.match(text(list), /npx playwright show-trace assets\/spec-1a2b-oidc\/trace\.zip/);

  const custom = parse(renderHtmlReport(run([withFiles]), {
    assetHref: (s, a) => `files/${s.title}/${a.name}`,
    assetKept: (_s, a) => a.name === 'trace',
  }));
  const customList = one(custom, 'attachments');
  assert.deepEqual(Array.from(customList.getElementsByTagName('a')).map((a) => (a as Element).getAttribute('href')), ['files/a logout/trace']);
  assert.equal(customList.getElementsByTagName('img').length, 0, 'a screenshot that was not kept is not shown');
  assert.match(text(customList), /test-failed-1\.png.*not kept/);
  assert.match(text(customList), /npx playwright show-trace 'files\/a logout\/trace'/);
});

test('asset folders and names are safe and distinct', () => {
  assert.equal(scenarioFolder('spec-1a2b-oidc'), 'spec-1a2b-oidc');
  for (const id of ['../../etc', 'a/b', 'a\\b', '..', '.hidden', 'x'.repeat(300), 'ä ö', '']) {
    const folder = scenarioFolder(id);
    assert.match(folder, /^[A-Za-z0-9][A-Za-z0-9._-]*$/, `${JSON.stringify(id)} → ${folder}`);
    assert.ok(!folder.includes('..') && folder.length <= 96);
  }
  assert.notEqual(scenarioFolder('a/b'), scenarioFolder('a_b'));
  const names = assetNames(scenario({
    attachments: [
      { name: 'screenshot', path: '/one/shot.png', contentType: 'image/png' },
      { name: 'screenshot', path: '/two/shot.png', contentType: 'image/png' },
      { name: 'trace', path: '', contentType: 'application/zip' },
    ],
  }));
  assert.deepEqual(names, ['shot.png', '2-shot.png', 'trace']);
});

const temp: string[] = [];
after(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

test('writeReports writes the three files, copies the attachments that exist and notes the missing ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-html-'));
  temp.push(dir);
  const source = join(dir, 'source.png');
  writeFileSync(source, Buffer.from('89504e470d0a1a0a', 'hex'));
  const evidence = run([scenario({
    id: 'unsafe/../id with spaces',
    attachments: [
      { name: 'screenshot', path: source, contentType: 'image/png' },
      { name: 'trace', path: join(dir, 'gone', 'trace.zip'), contentType: 'application/zip' },
    ],
  })]);
  const out = await writeReports(join(dir, 'report'), evidence);
  const folder = scenarioFolder('unsafe/../id with spaces');
  assert.deepEqual(out.assets, [join(dir, 'report', 'assets', folder, 'source.png')]);
  assert.ok(existsSync(out.assets[0]));
  assert.deepEqual(JSON.parse(readFileSync(out.json, 'utf8')), evidence);
  assert.ok(readFileSync(out.junit, 'utf8').startsWith('<?xml'));
  const doc = parse(readFileSync(out.html, 'utf8'));
  const items = Array.from(one(doc, 'attachments').getElementsByTagName('li')) as Element[];
  assert.equal(items[0].getAttribute('data-kept'), 'true');
  assert.equal((items[0].getElementsByTagName('a')[0] as Element).getAttribute('href'), `assets/${folder}/source.png`);
  assert.equal(items[1].getAttribute('data-kept'), 'false');
  assert.match(text(items[1]), /not kept/);
  assert.equal(items[1].getElementsByTagName('a').length, 0);
});
