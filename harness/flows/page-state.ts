import type { Locator, Page } from '@playwright/test';
import type { ServiceAction, ServiceTarget } from './service-target.js';
import { redactUrl } from '../../mock-idp/core/hop-trace.js';
import { HarnessError } from '../errors.js';

/** The pages a sign-in or logout can stop at, recognised by what they show. */
export type PageState =
  | 'error'
  | 'service-signed-in'
  | 'school-picker'
  | 'entra-sign-in'
  | 'entra-kmsi'
  | 'mpassid-logged-out'
  | 'entra-signed-out'
  | 'service-signed-out';

const MOCK_PAGES: Record<Exclude<PageState, 'service-signed-in' | 'service-signed-out'>, string> = {
  error: '[data-error-code]',
  'school-picker': '[data-testid="school-picker"]',
  'entra-sign-in': '[data-testid="entra-sign-in"]',
  'entra-kmsi': '[data-testid="entra-kmsi"]',
  'mpassid-logged-out': '[data-testid="mpassid-logged-out"]',
  'entra-signed-out': '[data-testid="entra-signed-out"]',
};

function locatorOf(page: Page, target: ServiceTarget, state: PageState): Locator | undefined {
  if (state === 'service-signed-in') return target.signedInLocator(page);
  if (state === 'service-signed-out') return target.signedOutLocator(page);
  return page.locator(MOCK_PAGES[state]);
}

function onService(page: Page, target: ServiceTarget): boolean {
  try {
    return new URL(page.url()).origin === new URL(target.homeUrl).origin;
  } catch {
    return false;
  }
}

/**
 * Waits until the page shows one of the given states and says which (first match in the order given). Waits on
 * the page itself, never on a clock; a redirect chain in flight simply keeps it waiting. A service with no
 * signed-out marker (sign-in starts at a URL) counts as signed out on any loaded page of its own that shows nobody
 * signed in.
 */
export async function waitForPageState(page: Page, target: ServiceTarget, states: PageState[], timeout = 15_000): Promise<PageState> {
  try {
    return await (target.css ? waitForCssState(page, states.map((s) => [s, cssOf(target.css!, s)]), timeout) : waitForLocatedState(page, target, states, timeout));
  } catch (err) {
    if ((err as Error).name !== 'TimeoutError') throw err;
    // Codes and tokens in the address are replaced by … as in the hop trace.
    const at = redactUrl(page.url());
    throw new HarnessError('HARNESS_UNEXPECTED_PAGE', `waited ${Math.round(timeout / 1000)} s for ${states.join(' or ')}, but the page at ${at} shows none of them`, { url: at, states }, { cause: err });
  }
}

async function waitForLocatedState(page: Page, target: ServiceTarget, states: PageState[], timeout: number): Promise<PageState> {
  const located = states.map((s) => locatorOf(page, target, s)).filter((l): l is Locator => l !== undefined);
  const combined = located.reduce((a, b) => a.or(b));
  const unmarkedSignedOut = states.includes('service-signed-out') && !target.signedOutLocator(page);
  // One round of visibility checks, all in flight together; the first state in the given order wins.
  const firstVisible = async () => {
    const visible = await Promise.all(states.map(async (state) => {
      const locator = locatorOf(page, target, state);
      if (locator) return locator.first().isVisible().catch(() => false);
      return state === 'service-signed-out' && onService(page, target)
        && !(await target.signedInLocator(page).first().isVisible().catch(() => false));
    }));
    return states.find((_, i) => visible[i]);
  };
  const deadline = Date.now() + timeout;
  // Most calls come right after a page has loaded: look first, wait only when nothing is there yet.
  let found = await firstVisible();
  while (!found) {
    const remaining = Math.max(1, deadline - Date.now());
    // A loaded page of the service that is none of the states: wait for the next page rather than look again.
    const waits: Promise<unknown>[] = [combined.first().waitFor({ state: 'visible', timeout: remaining })];
    if (unmarkedSignedOut) {
      waits.push(onService(page, target)
        ? page.waitForEvent('load', { timeout: remaining })
        : page.waitForURL((url) => url.origin === new URL(target.homeUrl).origin, { waitUntil: 'load', timeout: remaining }));
    }
    // The loser of the race may fail later (page closed, timeout): that must not surface as an unhandled rejection.
    waits.forEach((w) => w.catch(() => undefined));
    await Promise.any(waits).catch((err: AggregateError) => { throw err.errors[0]; });
    await page.waitForLoadState('load').catch(() => undefined);
    found = await firstVisible();
  }
  return found;
}

function cssOf(css: NonNullable<ServiceTarget['css']>, state: PageState): string {
  if (state === 'service-signed-in') return css.signedIn;
  if (state === 'service-signed-out') return css.signedOut;
  return MOCK_PAGES[state];
}

/**
 * The same wait when every state has a plain CSS selector: one function in the page, looked at every animation frame
 * once the document has loaded, answers which state shows first — one round trip instead of one per state. It
 * survives the navigations of a redirect chain, as Playwright re-runs it in each new document.
 */
async function waitForCssState(page: Page, states: [PageState, string][], timeout: number): Promise<PageState> {
  const found = await page.waitForFunction((entries) => {
    if (document.readyState !== 'complete') return null;
    for (const [state, css] of entries) {
      const element = document.querySelector(css);
      if (element && (element.checkVisibility ? element.checkVisibility() : element.getClientRects().length > 0)) return state;
    }
    return null;
  }, states, { timeout, polling: 'raf' });
  return (await found.jsonValue()) as PageState;
}

/** The error code and text an error page shows. */
export async function errorOnPage(page: Page): Promise<{ code: string; text: string; url: string }> {
  const error = page.locator('[data-error-code]').first();
  return {
    code: (await error.getAttribute('data-error-code').catch(() => null)) ?? 'unknown',
    // Paragraphs (the problem, then "Fix: …") become sentences of one line.
    text: ((await error.innerText().catch(() => null)) ?? '').split(/\n+/).map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean)
      .map((l) => (/[.!?:]$/.test(l) ? l : `${l}.`)).join(' '),
    url: page.url(),
  };
}

/**
 * Clicks something that navigates and resolves when the next document has loaded, so the old page can never be
 * mistaken for the new one (a form posting to its own URL looks the same until the answer arrives).
 */
export async function clickAndWaitForLoad(page: Page, target: Locator): Promise<void> {
  const loaded = page.waitForEvent('load');
  await target.click();
  await loaded;
}

/**
 * Starts sign-in or logout as the service's config says: opens the URL, or clicks the control (on the current page
 * when it is there, else on the home page).
 */
export async function performAction(page: Page, target: ServiceTarget, action: ServiceAction): Promise<void> {
  if ('url' in action) {
    await page.goto(action.url);
    return;
  }
  const control = page.locator(action.selector).first();
  if (!(await control.isVisible().catch(() => false))) await page.goto(target.homeUrl);
  await clickAndWaitForLoad(page, control);
}

/**
 * Submits one of the mocks' own forms (school picker, Entra ID sign-in, "Stay signed in?") as the browser does when
 * its button is pressed: fields filled, `requestSubmit(button)` so the button's name and value go along, and the next
 * document loaded. The mocks' pages have no scripts, so this is what a click does, without Playwright's
 * actionability waits; a service's own pages are always clicked for real.
 */
export async function submitMockForm(page: Page, submitterTestId: string, fields: Record<string, string> = {}): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.evaluate(({ submitter, values }) => {
    const button = document.querySelector<HTMLButtonElement>(`[data-testid="${submitter}"]`);
    if (!button?.form) throw new Error(`no form button ${submitter} on ${location.href}`);
    for (const [testId, value] of Object.entries(values)) {
      const input = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
      if (!input) throw new Error(`no field ${testId} on ${location.href}`);
      input.value = value;
    }
    button.form.requestSubmit(button);
  }, { submitter: submitterTestId, values: fields });
  await loaded;
}
