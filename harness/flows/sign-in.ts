import type { Page } from '@playwright/test';
import { displayName, TEST_SCHOOL, type TestUser } from '../../mock-idp/users/test-users.js';
import { HarnessError } from '../errors.js';
import { errorOnPage, performAction, submitMockForm, waitForPageState } from './page-state.js';
import { whoIsSignedIn, type ServiceTarget } from './service-target.js';

/** What a sign-in went through. */
export interface SignInTrace {
  schoolPickerShown: boolean;
  passwordAsked: boolean;
  /** The name the service shows at the end, if it got that far. */
  landedAs?: string;
  /** True when the flow stopped at the directory's password page (a probe that must not sign in). */
  stoppedAtPassword: boolean;
  /** True when the service's home page already showed someone signed in (no Sign in was pressed). */
  alreadySignedIn: boolean;
}

/** Options of a sign-in. */
export interface SignInOptions {
  /** Answer to Entra's "Stay signed in?" (default no). */
  staySignedIn?: boolean;
  /** School code to pick in MPASSid's school picker (default the test school). */
  school?: string;
  /** Stop at the password page instead of signing in (silent re-login probe). */
  stopAtPassword?: boolean;
}

const MAX_STEPS = 10;

/**
 * Presses Sign in on the service and walks whatever pages come: the school picker, Entra's sign-in and
 * "Stay signed in?" pages, until the service shows someone signed in. Each page is handled as a pupil would.
 */
export async function driveSignIn(page: Page, target: ServiceTarget, user: TestUser | undefined, options: SignInOptions = {}): Promise<SignInTrace> {
  const trace: SignInTrace = { schoolPickerShown: false, passwordAsked: false, stoppedAtPassword: false, alreadySignedIn: false };
  await page.goto(target.homeUrl);
  const first = await waitForPageState(page, target, ['error', 'service-signed-in', 'service-signed-out']);
  if (first === 'service-signed-in') {
    trace.alreadySignedIn = true;
    trace.landedAs = await whoIsSignedIn(page, target);
    return trace;
  }
  if (first === 'error') throw signInFailed('the service home page shows an error', await errorOnPage(page));
  await performAction(page, target, target.signIn);
  for (let step = 0; step < MAX_STEPS; step++) {
    const state = await waitForPageState(page, target, ['error', 'service-signed-in', 'school-picker', 'entra-kmsi', 'entra-sign-in']);
    switch (state) {
      case 'service-signed-in':
        trace.landedAs = await whoIsSignedIn(page, target);
        return trace;
      case 'school-picker':
        trace.schoolPickerShown = true;
        await submitMockForm(page, `school-${options.school ?? TEST_SCHOOL.schoolCode}`);
        break;
      case 'entra-sign-in':
        trace.passwordAsked = true;
        if (options.stopAtPassword) {
          trace.stoppedAtPassword = true;
          return trace;
        }
        if (!user) throw signInFailed('the directory asked for a password but no user was given', { url: page.url() });
        await submitMockForm(page, 'entra-submit', { 'entra-username': user.username, 'entra-password': user.password });
        if (await page.getByTestId('entra-error').isVisible()) {
          throw signInFailed(`the directory rejected the password of ${user.username}`, { url: page.url() });
        }
        break;
      case 'entra-kmsi':
        await submitMockForm(page, options.staySignedIn ? 'entra-kmsi-yes' : 'entra-kmsi-no');
        break;
      case 'error':
        throw signInFailed('sign-in stopped at an error page', await errorOnPage(page));
    }
  }
  throw signInFailed(`sign-in did not reach the service within ${MAX_STEPS} pages`, { url: page.url() });
}

/** Signs `user` in and checks that the service shows their name. */
export async function signIn(page: Page, target: ServiceTarget, user: TestUser, options: Omit<SignInOptions, 'stopAtPassword'> = {}): Promise<SignInTrace> {
  const trace = await driveSignIn(page, target, user, options);
  if (trace.landedAs !== displayName(user)) {
    throw signInFailed(`expected the service to show ${displayName(user)} but it shows ${trace.landedAs ?? 'nobody'}`, { url: page.url() });
  }
  return trace;
}

function signInFailed(message: string, details: { url: string; text?: string; code?: string }): HarnessError {
  const said = details.text ? `: ${details.text}` : details.code ? ` (${details.code})` : '';
  // The page's address without its query: the parameters are in details, the reports show the page.
  return new HarnessError('HARNESS_SIGN_IN_FAILED', `${message}${said} (at ${details.url.split('?')[0]})`, details);
}
