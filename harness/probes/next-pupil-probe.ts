import { displayName, type TestUser } from '../../mock-idp/users/test-users.js';
import { driveSignIn } from '../flows/sign-in.js';
import { causeOfLanding, PARTY_WORDS } from './landing-cause.js';
import type { LogoutProbe } from './probe.js';

/**
 * The next pupil on the same device: after pupil A's logout, pupil B opens the service in the same browser
 * profile and presses Sign in (entering B's own password if asked). Flags it when B lands in A's account or is
 * never asked for a password, and names the surviving session that let it happen.
 */
export function nextPupil(next: TestUser): LogoutProbe {
  return {
    name: 'next-pupil',
    async run({ page, target, user }) {
      const previous = displayName(user);
      const nextName = displayName(next);
      const trace = await driveSignIn(page, target, next);
      const inPrevious = trace.landedAs === previous;
      const asked = trace.passwordAsked ? 'was asked for a password' : 'was not asked for a password';
      const observation = `${nextName} pressed Sign in on the same device, ${asked}${trace.schoolPickerShown ? ' (after the school picker)' : ''}, and landed in ${trace.landedAs ?? 'no account'}'s account`;
      const cause = causeOfLanding(trace);
      return {
        probe: 'next-pupil',
        observation,
        passwordAsked: trace.passwordAsked,
        schoolPickerShown: trace.schoolPickerShown,
        ...(trace.landedAs ? { landedAs: trace.landedAs } : {}),
        findings: inPrevious
          ? [{
            probe: 'next-pupil',
            cause,
            consequence: trace.alreadySignedIn
              ? `The next pupil on this device (${nextName}) opens the service and is already in ${previous}'s account: ${PARTY_WORDS.service} session survived the logout.`
              : `The next pupil on this device (${nextName}) presses Sign in and lands in ${previous}'s account without a password: ${PARTY_WORDS[cause]} session signed them in.`,
          }]
          : trace.landedAs && !trace.passwordAsked
            ? [{
              probe: 'next-pupil',
              cause,
              consequence: `The next pupil on this device (${nextName}) was signed in as ${trace.landedAs} without being asked for a password: ${PARTY_WORDS[cause]} session from before the logout answered for them.`,
            }]
            : [],
      };
    },
  };
}
