import type { LedgerSession, LedgerSnapshot } from '../../mock-idp/core/ledger.js';
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

/** The named probes a scenario can run after a logout. */
export type ProbeName = 'ledger' | 'protected-page' | 'silent-relogin' | 'next-pupil' | 'browser-restart' | 'second-service';

/** Who a finding blames: one of the three parties, or the second service of the second-service probe. */
export type FindingParty = PartyName | 'service-b';

/**
 * A finding: something a probe saw happen that a pupil or teacher would care about, in plain words, with the
 * surviving session that made it happen.
 */
export interface Finding {
  probe: ProbeName;
  /** The surviving session that caused it. */
  cause?: FindingParty;
  /** E.g. "The next pupil on this device is signed in as Testi1 Oppilas1 without a password". */
  consequence: string;
}

/** One piece of evidence a probe produced after the logout. */
export interface ProbeResult {
  probe: ProbeName;
  /** What the probe saw, in words. */
  observation: string;
  /** For silent re-login: was a password asked, was the school picker shown, whose account was reached. */
  passwordAsked?: boolean;
  schoolPickerShown?: boolean;
  landedAs?: string;
  /** For the protected page: did it still show the user. */
  showsUser?: boolean;
  /** Browser restart: which cookies the reopened browser kept (persistent only, or session cookies too). */
  kept?: 'persistent' | 'persistent+session';
  /** Browser restart: the cookie names that survived the restart, per host. */
  cookiesKept?: string[];
  /** What the probe found, if anything (its consequences also appear in the verdict's `findings`). */
  findings?: Finding[];
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
  /** What the probes found, each with its consequence in plain words (also listed in `consequences`). */
  findings: Finding[];
  /** Every party's sessions just before the logout and after the probes (the session tables of the report). */
  sessions?: { before: LedgerSession[]; after: LedgerSession[] };
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
 * What a person sees outranks the ledger: a protected page that still shows the user, or a probe that found the
 * service's own session at work, means that session survived, whatever its ledger says. A service with no ledger
 * (yours) is `ended` when the protected page no longer shows the user, and stays `unknown` without that evidence.
 */
export function withProbeEvidence(parties: Record<PartyName, SessionState>, probes: ProbeResult[]): Record<PartyName, SessionState> {
  const protectedPage = probes.find((p) => p.probe === 'protected-page');
  const serviceSeen = probes.some((p) => p.findings?.some((f) => f.cause === 'service'));
  let service = parties.service;
  if (protectedPage?.showsUser || serviceSeen) service = 'survived';
  else if (service === 'unknown' && protectedPage?.showsUser === false) service = 'ended';
  return { ...parties, service };
}

/**
 * The outcome from party states, whether the flow broke, and the findings: a probe that saw one of the three
 * parties' sessions at work (a silent re-login, the next pupil in the previous account) is never FULL, even when
 * every ledger says its session ended. A second service still signed in is its own finding and leaves the outcome
 * of this service's logout alone.
 */
export function outcomeOf(parties: Record<PartyName, SessionState>, broken?: string, findings: Finding[] = []): Outcome {
  if (broken) return 'BROKEN';
  const seen = findings.some((f) => f.cause !== undefined && (PARTY_ORDER as readonly string[]).includes(f.cause));
  return !seen && PARTY_ORDER.every((p) => parties[p] === 'ended') ? 'FULL' : 'PARTIAL';
}
