import type { Verdict } from '../verdict/verdict.js';

/** The JSON the `check` command writes with `--json` (and the reporter hands to the CLI). */
export interface VerdictFile {
  version: 1;
  startedAt: string;
  finishedAt: string;
  verdicts: Verdict[];
  summary: { FULL: number; PARTIAL: number; BROKEN: number };
  /** Set when the stack or browser could not start; the CLI exits 2 with it. */
  startupError?: string;
}

/** Counts outcomes. */
export function summarise(verdicts: Verdict[]): VerdictFile['summary'] {
  const summary = { FULL: 0, PARTIAL: 0, BROKEN: 0 };
  for (const v of verdicts) summary[v.outcome] += 1;
  return summary;
}
