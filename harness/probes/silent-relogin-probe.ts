import type { Page } from '@playwright/test';
import { driveSignIn } from '../flows/sign-in.js';
import type { ServiceTarget } from '../flows/service-target.js';
import type { ProbeResult } from '../verdict/verdict.js';
import { causeOfLanding } from './landing-cause.js';
import type { LogoutProbe } from './probe.js';

/**
 * Presses Sign in again after the logout, as the next person at the device would, and stops at the first password
 * page. A logout that ended the sessions that matter makes the directory ask for a password; a partial one lets
 * the browser straight back into the previous account.
 */
export async function silentReloginProbe(page: Page, target: ServiceTarget): Promise<ProbeResult> {
  const trace = await driveSignIn(page, target, undefined, { stopAtPassword: true });
  const observation = trace.passwordAsked
    ? `Sign in again asked for a password${trace.schoolPickerShown ? ' (after the school picker)' : ''}`
    : `Sign in again reached ${trace.landedAs ?? 'an account'} with no password${trace.schoolPickerShown ? ' (only the school picker was shown)' : ''}`;
  const reached = trace.landedAs && !trace.passwordAsked;
  return {
    probe: 'silent-relogin',
    observation,
    passwordAsked: trace.passwordAsked,
    schoolPickerShown: trace.schoolPickerShown,
    ...(trace.landedAs ? { landedAs: trace.landedAs } : {}),
    findings: reached
      ? [{
        probe: 'silent-relogin',
        cause: causeOfLanding(trace),
        consequence: `Seen: pressing Sign in again reached ${trace.landedAs}'s account with no password asked${trace.schoolPickerShown ? ' (only the school picker was shown)' : ''}.`,
      }]
      : [],
  };
}

/** The silent re-login probe as a logout probe. It may sign the user in again, so it runs last. */
export const silentRelogin: LogoutProbe = {
  name: 'silent-relogin',
  run: ({ page, target }) => silentReloginProbe(page, target),
};
