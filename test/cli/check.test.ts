import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { chromium } from '@playwright/test';
import { findChromium } from '../../harness/browser/find-chromium.js';
import type { RunEvidence } from '../../harness/report/evidence.js';
import type { VerdictFile } from '../../harness/report/verdict-file.js';
import type { Verdict } from '../../harness/verdict/verdict.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mpassid-harness-cli-'));

async function check(strategy: string, basePort: number, protocol: string, extra: string[] = []) {
  const json = join(dir, `${strategy}-${protocol}-${basePort}.json`);
  const result = await runCli(['check', '--sample-logout', strategy, '--protocol', protocol, '--json', json, '--base-port', String(basePort), '--workers', '2', ...extra]);
  const file = JSON.parse(readFileSync(json, 'utf8')) as VerdictFile;
  return { ...result, file };
}

const SCENARIOS = {
  logout: 'logout ends every session',
  relogin: 'sign in after logout asks for a password',
  nextPupil: 'the next pupil on the device gets their own account',
  restartNo: 'after a browser restart sign in asks for a password (stay signed in: no)',
  restartYes: 'after a browser restart sign in asks for a password (stay signed in: yes)',
  secondService: 'a second service signed in through MPASSid is signed out too',
} as const;

/** What each strategy must produce: survivors, and the finding (probe: cause) each scenario must report. */
const EXPECTED = {
  local: {
    outcome: 'PARTIAL', survivors: ['mpassid', 'entra'],
    findings: { logout: [], relogin: ['silent-relogin: mpassid'], nextPupil: ['next-pupil: mpassid'], restartNo: [], restartYes: ['browser-restart: entra'], secondService: ['second-service: service-b'] },
  },
  mpassid: {
    outcome: 'PARTIAL', survivors: ['entra'],
    findings: { logout: [], relogin: ['silent-relogin: entra'], nextPupil: ['next-pupil: entra'], restartNo: [], restartYes: ['browser-restart: entra'], secondService: ['second-service: service-b'] },
  },
  full: {
    outcome: 'FULL', survivors: [],
    findings: { logout: [], relogin: [], nextPupil: [], restartNo: [], restartYes: [], secondService: ['second-service: service-b'] },
  },
} as const;

const strategyOf = (v: Verdict) => /logout=(\w+)/.exec(v.project ?? '')?.[1] as keyof typeof EXPECTED;
const findingsOf = (v: Verdict) => v.findings.map((f) => `${f.probe}: ${f.cause}`);

test('check --sample-logout all --protocol both --report: every probe\'s verdict for each strategy and protocol, and reports a person can read', async (t) => {
  const report = join(dir, 'report');
  const { code, file, stdout, stderr } = await check('all', 5700, 'both', ['--report', report]);
  assert.equal(code, 1, `${stdout}\n${stderr}`);

  await t.test('every scenario ran once per protocol and strategy', () => {
    const keys = Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[];
    const expected = ['oidc', 'saml'].flatMap((p) => Object.keys(EXPECTED).flatMap((s) => keys.map((k) => `${p} ${s} ${SCENARIOS[k]}`)));
    assert.deepEqual(file.verdicts.map((v) => `${v.protocol} ${strategyOf(v)} ${v.scenario}`).sort(), expected.sort());
  });

  await t.test('outcomes, survivors and findings (with the session that caused them) match each logout strategy', () => {
    for (const v of file.verdicts) {
      const expected = EXPECTED[strategyOf(v)];
      const key = (Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[]).find((k) => SCENARIOS[k] === v.scenario)!;
      const where = `${v.protocol} ${v.project} ${v.scenario}`;
      assert.equal(v.outcome, expected.outcome, where);
      assert.deepEqual(v.survivors, expected.survivors, where);
      assert.deepEqual(findingsOf(v), expected.findings[key], where);
      for (const f of v.findings) assert.ok(v.consequences.includes(f.consequence), `${where}: the finding's consequence is among the consequences`);
    }
  });

  await t.test('findings say the consequence in plain words', () => {
    const find = (strategy: string, key: keyof typeof SCENARIOS) => file.verdicts.find((v) => strategyOf(v) === strategy && v.scenario === SCENARIOS[key] && v.protocol === 'saml')!;
    assert.match(find('local', 'nextPupil').findings[0].consequence, /next pupil on this device \(Testi2 Oppilas2\) presses Sign in and lands in Testi1 Oppilas1's account without a password/);
    assert.match(find('full', 'secondService').findings[0].consequence, /Tehtäväpankki is still signed in as Testi1 Oppilas1/);
    assert.match(find('mpassid', 'restartYes').findings[0].consequence, /Entra ID/);
    const restartNo = find('mpassid', 'restartNo').probes.find((p) => p.probe === 'browser-restart')!;
    assert.equal(restartNo.passwordAsked, true);
    assert.equal(restartNo.kept, 'persistent');
  });

  await t.test('the terminal table has the protocol and findings columns and explains every finding', () => {
    assert.match(stdout, /Scenario\s+Protocol\s+Service\s+MPASSid\s+Entra ID\s+Outcome\s+Findings/);
    assert.match(stdout, /a second service signed in through MPASSid is signed out too \[logout=full\]\s+saml\s+ended\s+ended\s+ended\s+FULL\s+second-service: service-b/);
    assert.match(stdout, /What it means:/);
    assert.match(stdout, /Tehtäväpankki is still signed in as Testi1 Oppilas1/);
    assert.match(stderr, /\[36\/36\]/);
    assert.match(stdout, /36 scenarios: 12 FULL, 24 PARTIAL, 0 BROKEN/);
  });

  await t.test('--report writes HTML, JUnit, the JSON verdicts and the evidence', () => {
    for (const name of ['report.html', 'junit.xml', 'verdicts.json', 'evidence.json']) assert.ok(existsSync(join(report, name)), name);
    const verdicts = JSON.parse(readFileSync(join(report, 'verdicts.json'), 'utf8')) as VerdictFile;
    assert.equal(verdicts.verdicts.length, 36);
    const evidence = JSON.parse(readFileSync(join(report, 'evidence.json'), 'utf8')) as RunEvidence;
    assert.equal(evidence.scenarios.length, 36);
    for (const s of evidence.scenarios) {
      assert.ok(s.hops.some((h) => h.party === 'entra'), `${s.title}: the hops reach Entra ID`);
      assert.ok(s.events.some((e) => e.name === 'session.created'), `${s.title}: the ledger events are there`);
    }
    const junit = new DOMParser().parseFromString(readFileSync(join(report, 'junit.xml'), 'utf8'), 'text/xml');
    const suites = junit.getElementsByTagName('testsuites')[0];
    assert.equal(suites.getAttribute('tests'), '36');
    assert.equal(suites.getAttribute('failures'), '24');
  });

  await t.test('the HTML report opened in Chromium shows the diagram, the session tables and the survivors', async () => {
    const browser = await chromium.launch({ executablePath: findChromium()!.executablePath });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const external: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith('file://')) external.push(r.url()); });
      await page.goto(`file://${join(report, 'report.html')}`);
      await page.getByTestId('summary-table').waitFor();
      const rows = await page.getByTestId('summary-table').locator('tbody tr').count();
      assert.equal(rows, 36);
      const partial = page.locator('section', { hasText: 'logout=local' }).filter({ hasText: SCENARIOS.logout }).first();
      await partial.scrollIntoViewIfNeeded();
      assert.ok(await partial.getByTestId('sequence-diagram').locator('svg').isVisible());
      assert.equal(await partial.locator('[data-survivor="mpassid"]').count() > 0, true);
      assert.equal(await partial.locator('[data-survivor="entra"]').count() > 0, true);
      assert.equal(await partial.locator('[data-survivor="service"]').count(), 0);
      assert.match(await partial.getByTestId('survivor-mpassid').innerText(), /survived/);
      assert.match(await partial.getByTestId('sessions-after').innerText(), /still open/);
      assert.ok(await partial.getByTestId('sessions-before').isVisible());
      const shot = join(report, 'screenshot.png');
      await partial.screenshot({ path: shot });
      assert.ok(statSync(shot).size > 10_000);
      assert.deepEqual(external, [], 'the report loads nothing from outside');
    } finally {
      await browser.close();
    }
  });
});

test('check --protocol saml --sample-logout full exits 0: every outcome FULL (service B\'s finding does not change it)', async () => {
  const { code, file, stdout } = await check('full', 5780, 'saml');
  assert.equal(code, 0, stdout);
  for (const v of file.verdicts) {
    assert.equal(v.outcome, 'FULL');
    assert.deepEqual(v.parties, { service: 'ended', mpassid: 'ended', entra: 'ended' });
  }
});

test('check --upstream oidc runs the SAML service over an OIDC hop to Entra, and the full logout is still FULL', async () => {
  const { code, file, stdout } = await check('full', 5860, 'saml', ['--upstream', 'oidc']);
  assert.equal(code, 0, stdout);
  for (const v of file.verdicts) assert.equal(v.outcome, 'FULL');
});
