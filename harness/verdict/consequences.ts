import type { PartyName } from '../topology.js';
import type { ProbeResult, SessionState } from './verdict.js';

/**
 * What the surviving sessions mean for the pupil, in plain words. Derived from the party states; a probe that saw
 * the consequence happen adds what it saw.
 */
export function consequencesOf(parties: Record<PartyName, SessionState>, userName: string, probes: ProbeResult[] = []): string[] {
  const out: string[] = [];
  if (parties.service === 'survived') {
    out.push(`The service still shows ${userName}'s pages after Log out: whoever uses this device next continues in ${userName}'s account.`);
  }
  if (parties.service !== 'survived' && parties.mpassid === 'survived') {
    out.push(`The next Sign in on this device lands in ${userName}'s account without a password: the surviving MPASSid session signs them in silently.`);
  }
  if (parties.mpassid === 'ended' && parties.entra === 'survived') {
    out.push(`The next Sign in on this device shows the school picker but asks no password: choosing the school lands in ${userName}'s account, because the Entra ID session signs them in.`);
  }
  if (parties.entra === 'survived') {
    out.push(`${userName} stays signed in to the school's directory (Entra ID), and so to every other service that uses it.`);
  }
  const unknown = (['service', 'mpassid', 'entra'] as const).filter((p) => parties[p] === 'unknown');
  if (unknown.length) out.push(`No evidence about the ${unknown.join(' and ')} session${unknown.length > 1 ? 's' : ''}: reported unknown, not ended.`);
  const relogin = probes.find((p) => p.probe === 'silent-relogin');
  if (relogin?.landedAs && !relogin.passwordAsked) {
    out.push(`Seen: pressing Sign in again reached ${relogin.landedAs}'s account with no password asked${relogin.schoolPickerShown ? ' (only the school picker was shown)' : ''}.`);
  }
  return out;
}
