/** An AuthnRequest accepted and waiting for MPASSid's own session. */
export interface PendingSso {
  entityId: string;
  requestId: string;
  acsUrl: string;
  relayState?: string;
  expiresAt: number;
}

const TTL_MS = 10 * 60_000;

/** AuthnRequests between `/SSO` and `/SSO/resume`, keyed by the bridge's `state`. */
export class PendingSsoStore {
  private readonly pending = new Map<string, PendingSso>();

  add(key: string, entry: Omit<PendingSso, 'expiresAt'>): void {
    for (const [k, v] of this.pending) if (v.expiresAt < Date.now()) this.pending.delete(k);
    this.pending.set(key, { ...entry, expiresAt: Date.now() + TTL_MS });
  }

  /** Removes and returns the entry, if it exists and has not expired. */
  take(key: string): PendingSso | undefined {
    const entry = this.pending.get(key);
    this.pending.delete(key);
    return entry && entry.expiresAt >= Date.now() ? entry : undefined;
  }

  clear(): void {
    this.pending.clear();
  }
}
