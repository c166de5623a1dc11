import type { Locator, Page } from '@playwright/test';
import type { ServiceTarget } from './service-target.js';

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

function selectors(target: ServiceTarget): Record<PageState, string> {
  return {
    error: '[data-error-code]',
    'service-signed-in': target.signedInSelector,
    'school-picker': '[data-testid="school-picker"]',
    'entra-sign-in': '[data-testid="entra-sign-in"]',
    'entra-kmsi': '[data-testid="entra-kmsi"]',
    'mpassid-logged-out': '[data-testid="mpassid-logged-out"]',
    'entra-signed-out': '[data-testid="entra-signed-out"]',
    'service-signed-out': target.signInSelector,
  };
}

/**
 * Waits until the page shows one of the given states and says which (first match in the order given). Waits on
 * the page itself, never on a clock; a redirect chain in flight simply keeps it waiting.
 */
export async function waitForPageState(page: Page, target: ServiceTarget, states: PageState[], timeout = 15_000): Promise<PageState> {
  const all = selectors(target);
  const combined = states.map((s) => page.locator(all[s])).reduce((a, b) => a.or(b));
  const deadline = Date.now() + timeout;
  for (;;) {
    await combined.first().waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
    await page.waitForLoadState('load').catch(() => undefined);
    for (const state of states) {
      if (await page.locator(all[state]).first().isVisible().catch(() => false)) return state;
    }
  }
}

/** The error code and text an error page shows. */
export async function errorOnPage(page: Page): Promise<{ code: string; text: string; url: string }> {
  const error = page.locator('[data-error-code]').first();
  return {
    code: (await error.getAttribute('data-error-code').catch(() => null)) ?? 'unknown',
    text: ((await error.textContent().catch(() => null)) ?? '').replace(/\s+/g, ' ').trim(),
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
