let seq = 0;

/**
 * One counter for every hop and ledger event of this process, so that the parties' traces and ledgers merge into
 * one total order (a diagram needs "the session opened during this request", not just the same millisecond).
 */
export function nextSeq(): number {
  seq += 1;
  return seq;
}
