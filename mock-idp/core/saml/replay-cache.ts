/**
 * The IDs of SAML messages a party has consumed, each kept until the message could no longer be accepted anyway
 * (its validity end plus the clock skew), so one assertion signs in at most once (SAML profiles §4.1.4.5) and one
 * AuthnRequest starts at most one sign-in.
 */
export class ReplayCache {
  private readonly consumed = new Map<string, number>();

  /** Whether the message was already consumed (and is still remembered). */
  has(messageId: string, now = Date.now()): boolean {
    this.prune(now);
    return this.consumed.has(messageId);
  }

  /** Remembers a consumed message until `keepUntil` (ms since the epoch). */
  add(messageId: string, keepUntil: number): void {
    this.consumed.set(messageId, keepUntil);
  }

  /** Forgets everything (harness reset). */
  clear(): void {
    this.consumed.clear();
  }

  private prune(now: number): void {
    for (const [id, until] of this.consumed) if (until <= now) this.consumed.delete(id);
  }
}
