/**
 * Orders hops and ledger events in time: by their timestamp, then by sequence number. In one process (the in-process
 * stack) every hop and event shares one counter, so this is their exact order; parties in separate processes
 * (containers) have their own counters, and the millisecond timestamps of one clock order them.
 */
export function inTimeOrder(a: { at: string; seq: number }, b: { at: string; seq: number }): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq;
}
