import type { PartyName } from '../topology.js';
import type { SessionState } from './verdict.js';

/**
 * What the surviving sessions mean for the pupil, in plain words, derived from the party states. What the probes
 * saw happen comes as their findings.
 */
export function consequencesOf(parties: Record<PartyName, SessionState>, userName: string): string[] {
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
  return out;
}
