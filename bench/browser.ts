/**
 * Browser floor: a warm full-logout scenario (sign in through service → MPASSid → Entra ID, Log out through all
 * three, judged by ledgers and the protected-page probe) against a floor script that makes the browser do the same
 * navigations, redirects and form submissions against static pages on the same hosts — what any harness must pay
 * for in Chromium. Interleaved, one browser, a new context per run. Prints scenario_ms, browser_floor_ms and
 * scenario_ratio_vs_browser_floor (goal ≤ 1.5).
 */
import http from 'node:http';
import { chromium, type Page } from '@playwright/test';
import { ensureChromium } from '../harness/browser/ensure-chromium.js';
import { launchOptions } from '../harness/browser/launch-options.js';
import { judgeLogout } from '../harness/flows/judge-logout.js';
import { InProcessStack } from '../harness/stack/in-process-stack.js';
import { createTopology } from '../harness/topology.js';
import type { Hop } from '../mock-idp/core/hop-trace.js';
import { figure, spread, stats } from './lib/figures.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const protocol = (process.env.BENCH_PROTOCOL ?? 'saml') as 'oidc' | 'saml';
const stack = await InProcessStack.start({ basePort: 6900, sampleLogout: 'full', sampleProtocol: protocol });
// The floor's static pages live on the same hosts, on ports of their own.
const floorTopology = createTopology({ basePort: 6920 });
const browser = await chromium.launch(launchOptions(ensureChromium().executablePath, createTopology({ basePort: 6900, addresses: {} })));

async function scenario(): Promise<{ ms: number; hops: Hop[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await stack.reset();
  const started = performance.now();
  const verdict = await judgeLogout({ page, stack, target: stack.serviceUnderTest, user: stack.people.signIn, protocol, scenario: 'bench', probes: ['protected-page'] });
  const ms = performance.now() - started;
  if (verdict.outcome !== 'FULL') throw new Error(`the scenario was ${verdict.outcome}: ${verdict.consequences.join(' ')}`);
  const hops = (await stack.hops()).filter((h) => h.channel === 'browser');
  await context.close();
  return { ms, hops };
}

/** What the browser did in one hop, as the floor replays it. */
type Step = { kind: 'redirect' } | { kind: 'fetch' } | { kind: 'page'; next: 'form' | 'auto-post' | 'link' | 'goto' | 'fetch' | 'end' };

/** The recorded browser hops as floor steps: redirects stay redirects; each page leads on the way the next hop came. */
function stepsOf(hops: Hop[]): Step[] {
  // The protected-page probe is a fetch from the page (no navigation), the scenario's last request.
  const isProbe = (i: number) => i === hops.length - 1 && hops[i].path.startsWith('/protected');
  return hops.map((hop, i) => {
    if (isProbe(i)) return { kind: 'fetch' };
    if (hop.status >= 300 && hop.status < 400) return { kind: 'redirect' };
    const next = hops[i + 1];
    if (!next) return { kind: 'page', next: 'end' };
    if (isProbe(i + 1)) return { kind: 'page', next: 'fetch' };
    if (next.method === 'POST') return { kind: 'page', next: /SAMLResponse|SAML2\/POST|saml\/acs/.test(next.path) ? 'auto-post' : 'form' };
    return { kind: 'page', next: next.path === '/' || next.path.startsWith('/protected') ? 'goto' : 'link' };
  });
}

// The floor: step i is served at /step/<i> on the host the real hop i went to.
const hosts = Object.values(floorTopology.parties).slice(0, 3);
let steps: Step[] = [];
let hostOf: number[] = [];
const stepUrl = (i: number) => `${hosts[hostOf[i] ?? 0].origin}/step/${i}`;
const servers = hosts.map((h) => http.createServer((req, res) => {
  const i = Number(/\/step\/(\d+)/.exec(req.url ?? '')?.[1]);
  const step = steps[i];
  if (!step) {
    res.writeHead(404).end();
    return;
  }
  if (step.kind === 'redirect' || step.kind === 'fetch') {
    res.writeHead(step.kind === 'fetch' ? 302 : 303, { location: stepUrl(i + 1) }).end();
    return;
  }
  const next = stepUrl(i + 1);
  const body = step.next === 'form' ? `<form method="post" action="${next}"><input name="a" value="b"><button id="go">Go</button></form>`
    : step.next === 'auto-post' ? `<form method="post" action="${next}"><input type="hidden" name="SAMLResponse" value="x"></form><script>document.forms[0].submit()</script>`
      : step.next === 'link' ? `<a id="go" href="${next}">Go</a>` : '<p id="end">done</p>';
  res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><body>${body}</body></html>`);
})).map((server, i) => new Promise<http.Server>((resolve) => server.listen(hosts[i].port, hosts[i].bindAddress, () => resolve(server))));
const listening = await Promise.all(servers);

async function floor(): Promise<number> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const started = performance.now();
  await page.goto(stepUrl(0));
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.kind !== 'page') continue;
    // An auto-posting page leads on by itself.
    if (step.next === 'auto-post') continue;
    // Wait for the page the redirects led to, then lead on as the harness does (one look, one action).
    await page.waitForURL((url) => url.pathname === `/step/${i}`);
    if (step.next === 'end') break;
    if (step.next === 'fetch') {
      await page.evaluate((url) => fetch(url, { redirect: 'manual', credentials: 'include' }).then((r) => r.status), stepUrl(i + 1));
      break;
    }
    const loaded = page.waitForEvent('load');
    if (step.next === 'goto') await page.goto(stepUrl(i + 1));
    else if (step.next === 'link') await page.click('#go');
    else await page.evaluate(() => (document.querySelector('form') as HTMLFormElement).requestSubmit());
    if (step.next !== 'goto') await loaded;
  }
  const ms = performance.now() - started;
  await context.close();
  return ms;
}

const first = await scenario();
steps = stepsOf(first.hops);
const partyIndex: Record<string, number> = { service: 0, mpassid: 1, entra: 2 };
hostOf = first.hops.map((h) => partyIndex[h.party] ?? 0);
await floor();
const scenarioRuns: number[] = [];
const floorRuns: number[] = [];
for (let i = 0; i < RUNS; i++) {
  scenarioRuns.push((await scenario()).ms);
  floorRuns.push(await floor());
}
const s = stats(scenarioRuns);
const f = stats(floorRuns);
const counts = `${first.hops.length} browser hops: ${steps.filter((x) => x.kind === 'redirect').length} redirects, ${first.hops.filter((h) => h.method === 'POST').length} form posts`;
figure('scenario_ms', s.median, 'ms', `${protocol} full-logout scenario, warm, ${spread(s, 'ms')}`);
figure('browser_floor_ms', f.median, 'ms', `${counts}; ${spread(f, 'ms')}`);
figure('scenario_ratio_vs_browser_floor', s.median / f.median, 'x', 'goal ≤ 1.5');
await browser.close();
await stack.stop();
listening.forEach((server) => server.close());
