import type { Locator, Page } from '@playwright/test';
import { displayName, TEST_USERS, type TestUser } from '../../mock-idp/users/test-users.js';

/** How a flow starts something on the service: open a URL, or click a control on the home page. */
export type ServiceAction = { url: string } | { selector: string };

/**
 * How the harness drives a service in the browser: where it lives, how sign-in and logout start, and how to see
 * who is signed in. The sample service's description is built in ({@link sampleServiceTarget}); a service of your
 * own gets one from its config ({@link configuredServiceTarget}).
 */
export interface ServiceTarget {
  /** A name for reports ("Oppimisalusta"). */
  name: string;
  /** Home page, where a signed-out visitor finds Sign in. */
  homeUrl: string;
  /** A page only a signed-in user sees. */
  protectedUrl: string;
  signIn: ServiceAction;
  logout: ServiceAction;
  /** Does the service keep a session ledger at `/__harness/sessions`? Otherwise it is judged in the browser only. */
  hasLedger: boolean;
  /** What is visible only while someone is signed in. */
  signedInLocator(page: Page): Locator;
  /** What is visible only while nobody is signed in, when the service has such a thing (its Sign in control). */
  signedOutLocator(page: Page): Locator | undefined;
  /** The text the service shows for this user when signed in (on the page or in the protected page's HTML). */
  shownName(user: TestUser): string;
  /** The users who may be signed in (to tell whose account a page shows). */
  knownUsers: readonly TestUser[];
  /**
   * Plain CSS selectors equal to {@link signedInLocator} and {@link signedOutLocator}, when the service has them
   * (the sample service): page states are then found in one look inside the page.
   */
  css?: { signedIn: string; signedOut: string };
}

/** The sample service "Oppimisalusta" (or a second instance of it) as the harness drives it. */
export function sampleServiceTarget(origin: string, name = 'Oppimisalusta', users: readonly TestUser[] = TEST_USERS): ServiceTarget {
  return {
    name,
    homeUrl: `${origin}/`,
    protectedUrl: `${origin}/protected`,
    signIn: { selector: '[data-testid="sign-in"]' },
    logout: { selector: '[data-testid="logout"]' },
    hasLedger: true,
    signedInLocator: (page) => page.locator('[data-testid="signed-in-as"]'),
    signedOutLocator: (page) => page.locator('[data-testid="sign-in"]'),
    shownName: displayName,
    knownUsers: users,
    css: { signedIn: '[data-testid="signed-in-as"]', signedOut: '[data-testid="sign-in"]' },
  };
}

/** What a config file says about the service under test (`service.*`), URLs already absolute. */
export interface ConfiguredTargetInput {
  name: string;
  homeUrl: string;
  protectedUrl: string;
  signIn: ServiceAction;
  logout: ServiceAction;
  signedIn: { selector?: string; text?: string };
  /** Every user the harness may sign in: a text-only `signedIn` looks for one of their names. */
  users: readonly TestUser[];
}

/**
 * A service of your own, judged black-box: signed in when `signedIn.selector` is visible or the page shows one of
 * the users' `signedIn.text` (placeholders `{name}`, `{givenName}`, `{familyName}`, `{username}`, `{uid}`).
 */
export function configuredServiceTarget(input: ConfiguredTargetInput): ServiceTarget {
  const template = input.signedIn.text ?? '{name}';
  const shownName = (user: TestUser) => renderUserText(template, user);
  const names = new RegExp(input.users.map((u) => escapeRegExp(shownName(u))).join('|'));
  return {
    name: input.name,
    homeUrl: input.homeUrl,
    protectedUrl: input.protectedUrl,
    signIn: input.signIn,
    logout: input.logout,
    hasLedger: false,
    signedInLocator: (page) => (input.signedIn.selector
      ? page.locator(input.signedIn.selector)
      : page.getByText(names)),
    signedOutLocator: (page) => ('selector' in input.signIn ? page.locator(input.signIn.selector) : undefined),
    shownName,
    knownUsers: input.users,
  };
}

/** Fills `{name}`, `{givenName}`, `{familyName}`, `{username}`, `{uid}` with the user's values. */
export function renderUserText(template: string, user: TestUser): string {
  const values: Record<string, string> = {
    name: displayName(user),
    givenName: user.givenName,
    familyName: user.familyName,
    username: user.username,
    uid: user.mpass['urn:mpass.id:uid'],
  };
  return template.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
}

/**
 * Who the page shows as signed in: the display name of the user whose shown name appears in the signed-in element,
 * or that element's text when it names nobody the harness knows.
 */
export async function whoIsSignedIn(page: Page, target: ServiceTarget): Promise<string> {
  const text = ((await target.signedInLocator(page).first().textContent().catch(() => null)) ?? '').replace(/\s+/g, ' ').trim();
  const user = [...target.knownUsers].sort((a, b) => target.shownName(b).length - target.shownName(a).length).find((u) => text.includes(target.shownName(u)));
  return user ? displayName(user) : text.replace(/^Signed in as\s+/i, '') || 'someone the harness does not know';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
