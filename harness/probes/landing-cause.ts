import type { SignInTrace } from '../flows/sign-in.js';
import type { FindingParty } from '../verdict/verdict.js';

/** How the three judged parties are named in findings. */
export const PARTY_WORDS: Record<FindingParty, string> = {
  service: "the service's own",
  mpassid: 'the MPASSid',
  entra: 'the Entra ID',
  'service-b': "the second service's",
};

/**
 * Which surviving session let a Sign in reach an account without a password: the service's own when its home page
 * was already signed in, MPASSid's when not even the school picker appeared, the directory's (Entra ID) when the
 * picker appeared but no password page.
 */
export function causeOfLanding(trace: SignInTrace): FindingParty {
  if (trace.alreadySignedIn) return 'service';
  return trace.schoolPickerShown ? 'entra' : 'mpassid';
}
