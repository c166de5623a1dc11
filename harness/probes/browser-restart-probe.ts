import type { Cookie } from '@playwright/test';
import { displayName } from '../../mock-idp/users/test-users.js';
import { driveSignIn } from '../flows/sign-in.js';
import type { HostedParty, Topology } from '../topology.js';
import { causeOfLanding, PARTY_WORDS } from './landing-cause.js';
import type { LogoutProbe, NewDevice } from './probe.js';
import { isSessionCookie } from './session-cookies.js';

/** Options of {@link browserRestart}. */
export interface BrowserRestartOptions {
  /**
   * Also keep browser-session cookies, as a browser that restores the previous session does ("Continue where you
   * left off"; ChromeOS restores by default). Default false: only persistent cookies survive.
   */
  restoreSession?: boolean;
}

function partyOfCookie(topology: Topology, cookie: Cookie): HostedParty | undefined {
  return Object.values(topology.parties).find((p) => p.host === cookie.domain.replace(/^\./, ''))?.party;
}

/**
 * The shared Chromebook: after the logout the browser is closed and opened again, keeping what a real browser
 * keeps (persistent cookies; session cookies too when it restores the session). Then the service is opened and
 * Sign in pressed. Flags it when that lands in the previous user's account without a password, and names the
 * session (and the cookie) that survived the restart.
 */
export function browserRestart(newDevice: NewDevice, options: BrowserRestartOptions = {}): LogoutProbe {
  const kept = options.restoreSession ? 'persistent+session' : 'persistent';
  return {
    name: 'browser-restart',
    async run({ page, stack, target, user }) {
      const now = Date.now() / 1000;
      const cookies = (await page.context().cookies())
        .filter((c) => (c.expires > 0 ? c.expires > now : options.restoreSession === true));
      const restarted = await newDevice('after-restart');
      await restarted.context.addCookies(cookies);
      const previous = displayName(user);
      const trace = await driveSignIn(restarted.page, target, undefined, { stopAtPassword: true });
      const cookiesKept = cookies.map((c) => `${partyOfCookie(stack.topology, c) ?? c.domain}:${c.name}${c.expires > 0 ? '' : ' (session)'}`);
      const inPrevious = trace.landedAs === previous && !trace.passwordAsked;
      const cause = causeOfLanding(trace);
      const survivingCookies = cookies.filter((c) => partyOfCookie(stack.topology, c) === cause && isSessionCookie(cause, c)).map((c) => c.name);
      const how = options.restoreSession ? 'opened again with the previous session restored' : 'opened again';
      return {
        probe: 'browser-restart',
        kept,
        cookiesKept,
        passwordAsked: trace.passwordAsked,
        schoolPickerShown: trace.schoolPickerShown,
        ...(trace.landedAs ? { landedAs: trace.landedAs } : {}),
        observation: `the browser was closed and ${how} (kept: ${cookiesKept.join(', ') || 'no cookies'}); ${
          inPrevious ? `Sign in reached ${previous}'s account without a password` : trace.passwordAsked ? 'Sign in asked for a password' : `Sign in reached ${trace.landedAs ?? 'no account'}`}`,
        findings: inPrevious
          ? [{
            probe: 'browser-restart',
            cause,
            consequence: `After the browser is closed and ${how}, the next Sign in lands in ${previous}'s account without a password: ${PARTY_WORDS[cause]} session survived the restart${survivingCookies.length ? ` (the browser kept its cookie${survivingCookies.length > 1 ? 's' : ''} ${survivingCookies.join(', ')})` : ''}.`,
          }]
          : [],
      };
    },
  };
}
