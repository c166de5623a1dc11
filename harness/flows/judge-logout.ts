import type { Page } from '@playwright/test';
import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import { displayName, type TestUser } from '../../mock-idp/users/test-users.js';
import { HarnessError } from '../errors.js';
import type { LogoutProbe, ProbeContext } from '../probes/probe.js';
import { protectedPage } from '../probes/protected-page-run.js';
import { silentRelogin } from '../probes/silent-relogin-probe.js';
import type { Protocol } from '../registrations.js';
import type { Stack } from '../stack/stack.js';
import type { PartyName } from '../topology.js';
import { consequencesOf } from '../verdict/consequences.js';
import { outcomeOf, partyStates, PARTY_ORDER, withProbeEvidence, type ProbeResult, type Verdict } from '../verdict/verdict.js';
import type { ServiceTarget } from './service-target.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';

/** A probe, or the name of a built-in one. */
export type ProbeSpec = LogoutProbe | 'protected-page' | 'silent-relogin';

/** Input of {@link judgeLogout}. */
export interface JudgeLogoutInput {
  page: Page;
  stack: Stack;
  target: ServiceTarget;
  user: TestUser;
  scenario: string;
  /** The protocol the service signed in with (the `protocol` fixture). */
  protocol: Protocol;
  project?: string;
  /** Run in order after the logout; default protected page, then silent re-login. */
  probes?: ProbeSpec[];
  staySignedIn?: boolean;
}

const BUILT_IN: Record<'protected-page' | 'silent-relogin', LogoutProbe> = { 'protected-page': protectedPage, 'silent-relogin': silentRelogin };

/**
 * Signs the user in, lets the probes prepare (e.g. sign in to a second service), presses Log out, and judges what
 * ended: each party's ledger before and after, then the probes in order (the ones that sign someone in last).
 */
export async function judgeLogout(input: JudgeLogoutInput): Promise<Verdict> {
  const { page, stack, target, user } = input;
  const ctx: ProbeContext = { page, stack, target, user };
  const probeRuns = (input.probes ?? ['protected-page', 'silent-relogin']).map((p) => (typeof p === 'string' ? BUILT_IN[p] : p));
  // A service without a ledger (yours) is judged in the browser: the protected page always runs, and runs first.
  if (!target.hasLedger && !probeRuns.some((p) => p.name === 'protected-page')) probeRuns.unshift(protectedPage);
  await signIn(page, target, user, { staySignedIn: input.staySignedIn });
  for (const probe of probeRuns) await probe.prepare?.(ctx);
  const before = await stack.ledgers();
  // Each party numbers its own events (parties may be separate processes): compare within a party.
  const lastSeqBefore = Object.fromEntries(PARTY_ORDER.map((p) => [p, Math.max(0, ...before[p].events.map((e) => e.seq))]));
  const signOutResult = await signOut(page, target);
  const after = await stack.ledgers();
  // Judge this user's sessions only: other devices of the same stack may be signing other pupils in meanwhile.
  const mineBefore = sessionsOf(user, before);
  const mineAfter = sessionsOf(user, after);

  const rejected = PARTY_ORDER.flatMap((p) => after[p].events.filter((e) => e.seq > lastSeqBefore[p] && e.name === 'logout.return_rejected'));
  const broken = signOutResult.broken
    ?? (rejected.length ? `${rejected[0].party} refused the logout return address ${String(rejected[0].detail?.returnTo)}` : undefined);
  const ledgerStates = partyStates(mineBefore, mineAfter);
  const name = displayName(user);
  const probes: ProbeResult[] = [ledgerProbe(ledgerStates, mineAfter, target.hasLedger)];
  for (const probe of probeRuns) probes.push(await probe.run(ctx, ledgerStates));
  const judged = withProbeEvidence(ledgerStates, probes);
  const findings = probes.flatMap((p) => p.findings ?? []);
  const outcome = outcomeOf(judged, broken, findings);
  const survivors = PARTY_ORDER.filter((p) => judged[p] === 'survived');
  const consequences = consequencesOf(judged, name);
  return {
    scenario: input.scenario,
    ...(input.project ? { project: input.project } : {}),
    protocol: input.protocol,
    user: name,
    parties: judged,
    outcome,
    survivors,
    consequences: [...consequences, ...findings.map((f) => f.consequence).filter((c) => !consequences.includes(c))],
    ...(broken ? { broken } : {}),
    probes,
    findings,
    sessions: { before: PARTY_ORDER.flatMap((p) => mineBefore[p].sessions), after: PARTY_ORDER.flatMap((p) => mineAfter[p].sessions) },
  };
}

/** Each party's ledger with only this user's sessions (by MPASSid uid, directory username or Entra object id). */
function sessionsOf(user: TestUser, ledgers: Record<PartyName, LedgerSnapshot>): Record<PartyName, LedgerSnapshot> {
  const identities = new Set([user.mpass['urn:mpass.id:uid'], user.username.toLowerCase(), user.oid]);
  const mine = (snapshot: LedgerSnapshot): LedgerSnapshot => ({ ...snapshot, sessions: snapshot.sessions.filter((s) => identities.has(s.subject.toLowerCase()) || identities.has(s.subject)) });
  return { service: mine(ledgers.service), mpassid: mine(ledgers.mpassid), entra: mine(ledgers.entra) };
}

function ledgerProbe(parties: Record<PartyName, string>, after: Record<PartyName, LedgerSnapshot>, serviceHasLedger: boolean): ProbeResult {
  const words = PARTY_ORDER.map((p) => (p === 'service' && !serviceHasLedger ? 'service has no ledger (judged in the browser)' : `${p} ${parties[p]}`)).join(', ');
  const ended = PARTY_ORDER.flatMap((p) => after[p].sessions.filter((s) => s.endedBy).map((s) => `${p}:${s.endedBy}`));
  return { probe: 'ledger', observation: `ledgers after logout: ${words}${ended.length ? ` (ended by ${ended.join(', ')})` : ''}` };
}

/** Fails with `HARNESS_SESSION_SURVIVED_LOGOUT` or `HARNESS_LOGOUT_BROKEN` unless the logout was FULL. */
export function expectFullLogout(verdict: Verdict): void {
  if (verdict.outcome === 'FULL') return;
  if (verdict.outcome === 'BROKEN') {
    throw new HarnessError('HARNESS_LOGOUT_BROKEN', `logout is BROKEN: ${verdict.broken}`, { verdict });
  }
  throw new HarnessError('HARNESS_SESSION_SURVIVED_LOGOUT',
    `logout is PARTIAL: ${verdict.survivors.join(' and ')} survived.\n${verdict.consequences.map((c) => `  - ${c}`).join('\n')}`,
    { verdict });
}

/**
 * Fails with `HARNESS_FINDING` when a probe found something, even if this service's own logout was FULL (a second
 * service still signed in is such a finding).
 */
export function expectNoFindings(verdict: Verdict): void {
  if (verdict.findings.length === 0) return;
  throw new HarnessError('HARNESS_FINDING', `the probes found:\n${verdict.findings.map((f) => `  - ${f.consequence}`).join('\n')}`, { verdict });
}
