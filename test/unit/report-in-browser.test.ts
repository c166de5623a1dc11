import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, expect, type Browser, type BrowserContext } from '@playwright/test';
import { findChromium } from '../../harness/browser/find-chromium.js';
import type { RunEvidence } from '../../harness/report/evidence.js';
import { writeReports } from '../../harness/report/write-reports.js';

const FIXTURE = new URL('../fixtures/evidence/partial-logout.json', import.meta.url);
const fixture = (): RunEvidence => JSON.parse(readFileSync(FIXTURE, 'utf8')) as RunEvidence;

/** A 1×1 red PNG. */
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

const found = findChromium();
const dir = mkdtempSync(join(tmpdir(), 'report-in-browser-'));
let browser: Browser | undefined;

before(async () => {
  if (!found) return;
  browser = await chromium.launch({
    executablePath: found.executablePath,
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu',
      ...(typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [])],
  });
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A context that records every request and refuses (aborts) any that is not a local file. */
async function recordingContext(): Promise<{ context: BrowserContext; requests: string[] }> {
  const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  await context.route('**', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  return { context, requests };
}

test('the fixture report opens from disk, loads nothing else, and shows the partial logout', { skip: !found && 'no Chromium found' }, async () => {
  const out = await writeReports(join(dir, 'fixture'), fixture());
  const { context, requests } = await recordingContext();
  try {
    const page = await context.newPage();
    const reportUrl = pathToFileURL(out.html).href;
    await page.goto(reportUrl);

    await expect(page.locator('[data-testid=summary-table]')).toBeVisible();
    await expect(page.locator('[data-testid=summary-table] tbody tr')).toHaveCount(1);
    await expect(page.locator('[data-testid=summary-table]')).toContainText('PARTIAL');
    await expect(page.locator('[data-testid=sequence-diagram] svg')).toBeVisible();
    const survivor = page.locator('[data-testid=survivor-entra]');
    await expect(survivor).toBeVisible();
    await expect(survivor).toContainText('survived');
    await expect(page.locator('[data-testid=survivor-service]')).toHaveCount(0);
    await expect(page.locator('[data-testid=sessions-after]')).toContainText('still open');
    await expect(page.locator('[data-testid=findings]')).toContainText(/Tehtäväpankki|service-b/);
    await expect(page.locator('[data-testid=sequence-diagram] [data-survivor=entra]')).toBeVisible();

    // The survivor's state is painted red, the ended ones green: the colour carries the meaning too.
    const colour = await survivor.locator('.state').evaluate((e) => getComputedStyle(e).color);
    assert.equal(colour, 'rgb(185, 28, 28)');

    const shot = join(dir, 'fixture-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    assert.ok(png.length > 10_000, `screenshot has ${png.length} bytes`);
    assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);

    assert.deepEqual(requests, [reportUrl], 'only the report itself was requested');
  } finally {
    await context.close();
  }
});

test('kept screenshots load from the assets folder, missing files are named as not kept', { skip: !found && 'no Chromium found' }, async () => {
  const shot = join(dir, 'test-failed-1.png');
  writeFileSync(shot, PIXEL_PNG);
  const evidence = fixture();
  evidence.scenarios[0].attachments = [
    { name: 'screenshot', path: shot, contentType: 'image/png' },
    { name: 'trace', path: join(dir, 'missing', 'trace.zip'), contentType: 'application/zip' },
  ];
  const out = await writeReports(join(dir, 'with-assets'), evidence);
  assert.equal(out.assets.length, 1);
  const { context, requests } = await recordingContext();
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(out.html).href);
    const img = page.locator('[data-testid=attachments] img');
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth)).toBe(1);
    await expect(page.locator('[data-testid=attachments] [data-kept=false]')).toContainText('not kept');
    assert.deepEqual(requests, [pathToFileURL(out.html).href, pathToFileURL(out.assets[0]).href]);
  } finally {
    await context.close();
  }
});
