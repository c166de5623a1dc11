import type { Page } from '@playwright/test';
import { errorOnPage, performAction, waitForPageState, type PageState } from './page-state.js';
import type { ServiceTarget } from './service-target.js';

/** Where a logout ended, and why it counts as broken if it does. */
export interface SignOutResult {
  landedAt: string;
  state?: PageState;
  /** Set when the logout flow itself failed: an error page, a redirect loop, a page that never settled. */
  broken?: string;
}

/**
 * Presses the service's Log out and follows the browser wherever the service sends it, until a page settles: the
 * service signed out, MPASSid's or Entra's "logged out" page, or an error page.
 */
export async function signOut(page: Page, target: ServiceTarget): Promise<SignOutResult> {
  const failures: string[] = [];
  const onFailed = (request: { url(): string; failure(): { errorText: string } | null; isNavigationRequest(): boolean }) => {
    if (request.isNavigationRequest()) failures.push(`${request.failure()?.errorText ?? 'failed'} at ${request.url()}`);
  };
  page.on('requestfailed', onFailed);
  try {
    let state: PageState;
    try {
      await performAction(page, target, target.logout);
      state = await waitForPageState(page, target, ['error', 'service-signed-out', 'mpassid-logged-out', 'entra-signed-out', 'service-signed-in']);
      // Entra's signed-out page moves on by itself once its front-channel logout frames have loaded.
      if (state === 'entra-signed-out' && (await page.getByTestId('entra-continue').count()) > 0) {
        const at = page.url();
        await page.waitForURL((url) => url.href !== at);
        state = await waitForPageState(page, target, ['error', 'service-signed-out', 'mpassid-logged-out', 'entra-signed-out', 'service-signed-in']);
      }
    } catch {
      const reason = failures[0] ?? `the logout ended at ${page.url()}, which is none of the pages a logout can end at`;
      return { landedAt: page.url(), broken: reason };
    }
    if (state === 'error') {
      const error = await errorOnPage(page);
      return { landedAt: error.url, state, broken: `the logout stopped at an error page: ${error.text}` };
    }
    return { landedAt: page.url(), state };
  } finally {
    page.off('requestfailed', onFailed);
  }
}
