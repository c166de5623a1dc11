import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import type { Protocol } from '../registrations.js';
import type { PartyName } from '../topology.js';

/** What became of one party's session after a logout. `unknown`: no evidence either way (never guessed). */
export type SessionState = 'ended' | 'survived' | 'unknown';

/**
 * - `FULL`: every session ended.
 * - `PARTIAL`: at least one session survived; the survivors and the consequence are named.
 * - `BROKEN`: the logout flow itself failed (unregistered return address, error page, redirect loop).
 */
export type Outcome = 'FULL' | 'PARTIAL' | 'BROKEN';

/** The parties in the order every report lists them. */
export const PARTY_ORDER: readonly PartyName[] = ['service', 'mpassid', 'entra'];

/** One piece of evidence a probe produced after the logout. */
export interface ProbeResult {
  probe: 'ledger' | 'protected-page' | 'silent-relogin';
  /** What the probe saw, in words. */
  observation: string;
  /** For silent re-login: was a password asked, was the school picker shown, whose account was reached. */
  passwordAsked?: boolean;
  schoolPickerShown?: boolean;
  landedAs?: string;
  /** For the protected page: did it still show the user. */
  showsUser?: boolean;
}

/** The verdict on one logout. */
export interface Verdict {
  scenario: string;
  /** Playwright project: protocol and sample logout strategy, e.g. `oidc · logout=local`. */
  project?: string;
  /** The protocol the service signed in with. */
  protocol: Protocol;
  user: string;
  parties: Record<PartyName, SessionState>;
  outcome: Outcome;
  survivors: PartyName[];
  /** Plain-words consequences of the survivors for a pupil on a shared device. */
  consequences: string[];
  /** Why the flow counts as BROKEN. */
  broken?: string;
  probes: ProbeResult[];
}

/** The ids of the sessions open in a ledger snapshot. */
export function openSessionIds(snapshot: LedgerSnapshot): string[] {
  return snapshot.sessions.filter((s) => !s.endedAt).map((s) => s.sessionId);
}

/**
 * Judges each party from its ledger: the sessions that were open after sign-in are `ended` when every one of them
 * has ended since, `survived` when any is still open, `unknown` when the party had none to judge.
 */
export function partyStates(
  before: Partial<Record<PartyName, LedgerSnapshot>>,
  after: Partial<Record<PartyName, LedgerSnapshot>>,
): Record<PartyName, SessionState> {
  const state = (party: PartyName): SessionState => {
    const b = before[party];
    const a = after[party];
    if (!b || !a) return 'unknown';
    const ids = openSessionIds(b);
    if (ids.length === 0) return 'unknown';
    const stillOpen = new Set(openSessionIds(a));
    return ids.some((id) => stillOpen.has(id)) ? 'survived' : 'ended';
  };
  return { service: state('service'), mpassid: state('mpassid'), entra: state('entra') };
}

/**
 * What a person sees outranks the ledger: a protected page that still shows the user means the service's own
 * session survived, whatever its ledger says.
 */
export function withProbeEvidence(parties: Record<PartyName, SessionState>, probes: ProbeResult[]): Record<PartyName, SessionState> {
  const showsUser = probes.some((p) => p.probe === 'protected-page' && p.showsUser);
  return showsUser ? { ...parties, service: 'survived' } : { ...parties };
}

/**
 * The outcome from party states, whether the flow broke, and the probes: a silent re-login (no password asked,
 * someone's account reached) is never FULL, even when every ledger says its session ended.
 */
export function outcomeOf(parties: Record<PartyName, SessionState>, broken?: string, probes: ProbeResult[] = []): Outcome {
  if (broken) return 'BROKEN';
  const silentRelogin = probes.some((p) => p.probe === 'silent-relogin' && p.landedAs && !p.passwordAsked);
  return !silentRelogin && PARTY_ORDER.every((p) => parties[p] === 'ended') ? 'FULL' : 'PARTIAL';
}
