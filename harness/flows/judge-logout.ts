import type { Page } from '@playwright/test';
import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import { displayName, type TestUser } from '../../mock-idp/users/test-users.js';
import { HarnessError } from '../errors.js';
import { protectedPageProbe } from '../probes/protected-page-probe.js';
import { silentReloginProbe } from '../probes/silent-relogin-probe.js';
import type { Protocol } from '../registrations.js';
import type { Stack } from '../stack/stack.js';
import type { PartyName } from '../topology.js';
import { consequencesOf } from '../verdict/consequences.js';
import { outcomeOf, partyStates, PARTY_ORDER, withProbeEvidence, type ProbeResult, type Verdict } from '../verdict/verdict.js';
import type { ServiceTarget } from './service-target.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';

/** The probes a logout judgement can run after the ledgers are read. */
export type LogoutProbe = 'protected-page' | 'silent-relogin';

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
  probes?: LogoutProbe[];
  staySignedIn?: boolean;
}

/**
 * Signs the user in, presses Log out, and judges what ended: each party's ledger before and after, then the
 * probes in order (the silent re-login probe last, because it may sign the user in again).
 */
export async function judgeLogout(input: JudgeLogoutInput): Promise<Verdict> {
  const { page, stack, target, user } = input;
  await signIn(page, target, user, { staySignedIn: input.staySignedIn });
  const before = await stack.ledgers();
  const lastSeqBefore = Math.max(0, ...Object.values(before).flatMap((l) => l.events.map((e) => e.seq)));
  const signOutResult = await signOut(page, target);
  const after = await stack.ledgers();

  const rejected = Object.values(after).flatMap((l) => l.events.filter((e) => e.seq > lastSeqBefore && e.name === 'logout.return_rejected'));
  const broken = signOutResult.broken
    ?? (rejected.length ? `${rejected[0].party} refused the logout return address ${String(rejected[0].detail?.returnTo)}` : undefined);
  const ledgerStates = partyStates(before, after);
  const name = displayName(user);
  const probes: ProbeResult[] = [ledgerProbe(ledgerStates, after)];
  for (const probe of input.probes ?? ['protected-page', 'silent-relogin']) {
    if (probe === 'protected-page') probes.push(await protectedPageProbe(page, target, name));
    if (probe === 'silent-relogin') probes.push(await silentReloginProbe(page, target));
  }
  const judged = withProbeEvidence(ledgerStates, probes);
  const outcome = outcomeOf(judged, broken, probes);
  const survivors = PARTY_ORDER.filter((p) => judged[p] === 'survived');
  return {
    scenario: input.scenario,
    ...(input.project ? { project: input.project } : {}),
    protocol: input.protocol,
    user: name,
    parties: judged,
    outcome,
    survivors,
    consequences: consequencesOf(judged, name, probes),
    ...(broken ? { broken } : {}),
    probes,
  };
}

function ledgerProbe(parties: Record<PartyName, string>, after: Record<PartyName, LedgerSnapshot>): ProbeResult {
  const words = PARTY_ORDER.map((p) => `${p} ${parties[p]}`).join(', ');
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
