/**
 * The assertion IDs the service has consumed, each kept until the assertion could no longer be accepted anyway
 * (its NotOnOrAfter plus the clock skew), so one assertion signs in at most once (SAML profiles §4.1.4.5).
 */
export class AssertionReplayCache {
  private readonly consumed = new Map<string, number>();

  /** Whether the assertion was already consumed (and is still remembered). */
  has(assertionId: string, now = Date.now()): boolean {
    this.prune(now);
    return this.consumed.has(assertionId);
  }

  /** Remembers a consumed assertion until `keepUntil` (ms since the epoch). */
  add(assertionId: string, keepUntil: number): void {
    this.consumed.set(assertionId, keepUntil);
  }

  /** Forgets everything (harness reset). */
  clear(): void {
    this.consumed.clear();
  }

  private prune(now: number): void {
    for (const [id, until] of this.consumed) if (until <= now) this.consumed.delete(id);
  }
}
