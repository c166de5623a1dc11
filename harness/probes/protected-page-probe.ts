import type { Page } from '@playwright/test';
import type { ProbeResult } from '../verdict/verdict.js';
import type { ServiceTarget } from '../flows/service-target.js';

/**
 * Asks for the service's protected page with the browser's cookies, without following redirects (following them
 * would sign the user in again through a surviving MPASSid session and hide what the service itself remembers).
 * The service's own session survived if the page still shows the user.
 */
export async function protectedPageProbe(page: Page, target: ServiceTarget, userName: string): Promise<ProbeResult> {
  const response = await page.request.get(target.protectedUrl, { maxRedirects: 0, failOnStatusCode: false });
  const body = response.status() < 300 ? await response.text() : '';
  const showsUser = body.includes(userName);
  return {
    probe: 'protected-page',
    showsUser,
    observation: showsUser
      ? `${target.protectedUrl} still shows ${userName} after Log out (HTTP ${response.status()})`
      : `${target.protectedUrl} no longer shows ${userName} (HTTP ${response.status()}${response.headers().location ? ` → ${response.headers().location}` : ''})`,
  };
}
