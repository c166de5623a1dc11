/**
 * How the harness drives a service in the browser: where it lives, how sign-in and logout start, and how to see
 * that someone is signed in. The sample service's description is built in; a service of your own gets one from
 * its config.
 */
export interface ServiceTarget {
  /** Home page, where a signed-out visitor finds Sign in. */
  homeUrl: string;
  /** A page only a signed-in user sees. */
  protectedUrl: string;
  /** Selector of the control that starts sign-in on the home page. */
  signInSelector: string;
  /** Selector of the control that logs out. */
  logoutSelector: string;
  /** Selector of the element that shows the signed-in user's name. */
  signedInSelector: string;
}

/** The sample service "Oppimisalusta" as the harness drives it. */
export function sampleServiceTarget(origin: string): ServiceTarget {
  return {
    homeUrl: `${origin}/`,
    protectedUrl: `${origin}/protected`,
    signInSelector: '[data-testid="sign-in"]',
    logoutSelector: '[data-testid="logout"]',
    signedInSelector: '[data-testid="signed-in-as"]',
  };
}
