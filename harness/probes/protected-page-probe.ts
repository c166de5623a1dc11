import type { Page } from '@playwright/test';
import { displayName, type TestUser } from '../../mock-idp/users/test-users.js';
import type { ProbeResult } from '../verdict/verdict.js';
import type { ServiceTarget } from '../flows/service-target.js';

/**
 * Asks for the service's protected page from inside the browser (its cookies, its name resolution) without
 * following redirects: following them would sign the user in again through a surviving MPASSid session and hide
 * what the service itself remembers. The service's own session survived if the page still shows the user.
 */
export async function protectedPageProbe(page: Page, target: ServiceTarget, user: TestUser): Promise<ProbeResult> {
  const userName = displayName(user);
  if (new URL(page.url()).origin !== new URL(target.homeUrl).origin) await page.goto(target.homeUrl);
  const answer = await page.evaluate(async (url) => {
    const response = await fetch(url, { redirect: 'manual', credentials: 'include' });
    return { status: response.status, redirected: response.type === 'opaqueredirect', body: response.ok ? await response.text() : '' };
  }, target.protectedUrl);
  const showsUser = answer.body.includes(target.shownName(user));
  const how = answer.redirected ? 'redirects to sign-in' : `HTTP ${answer.status}`;
  return {
    probe: 'protected-page',
    showsUser,
    observation: showsUser
      ? `${target.protectedUrl} still shows ${userName} after Log out (${how})`
      : `${target.protectedUrl} no longer shows ${userName} (${how})`,
  };
}
