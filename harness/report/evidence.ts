import type { Hop } from '../../mock-idp/core/hop-trace.js';
import type { LedgerEvent } from '../../mock-idp/core/ledger.js';
import type { Protocol } from '../registrations.js';
import type { Verdict } from '../verdict/verdict.js';

/** A party drawn as a lifeline (browsers are added per device from the hops' `context`). */
export interface Lifeline {
  /** The party name as hops and ledger events carry it: `service`, `mpassid`, `entra`, `service-b`. */
  id: string;
  /** E.g. "Oppimisalusta (service)", "MPASSid", "Entra ID". */
  label: string;
  origin: string;
}

/** A file Playwright kept for a scenario (trace, screenshot), copied into the report's assets. */
export interface EvidenceAttachment {
  name: string;
  path: string;
  contentType: string;
}

/** Everything the reports show about one scenario run. */
export interface ScenarioEvidence {
  /** Unique and safe in file names: Playwright's test id plus the project. */
  id: string;
  title: string;
  project?: string;
  protocol: Protocol;
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  durationMs: number;
  verdict: Verdict;
  /** The parties in diagram order (left to right after the browser lifelines). */
  lifelines: Lifeline[];
  /**
   * Every request any party served during the scenario, ordered by `seq` (one counter per process, so hops and
   * ledger events interleave exactly). Browser hops carry `context` = `<test id>/<device>`; back-channel hops
   * carry none (the caller is the party upstream of the callee: service → MPASSid → Entra; MPASSid → service for
   * SAML metadata).
   */
  hops: Hop[];
  /** Every ledger event of the scenario (`session.created`, `session.ended`, …), all parties, ordered by `seq`. */
  events: LedgerEvent[];
  /** Playwright's error messages, ANSI codes removed. */
  errors: string[];
  attachments: EvidenceAttachment[];
}

/** One `check` run as the reports see it. */
export interface RunEvidence {
  version: 1;
  startedAt: string;
  finishedAt: string;
  scenarios: ScenarioEvidence[];
  summary: { FULL: number; PARTIAL: number; BROKEN: number };
}
