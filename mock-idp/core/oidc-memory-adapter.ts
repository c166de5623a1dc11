/**
 * An in-memory storage adapter for oidc-provider that lets the party's ledger see its `Session` records.
 * oidc-provider rotates a session's storage id at login (`resetIdentifier`), so the ledger keys sessions by the
 * stable `uid` instead.
 */

/** A record as oidc-provider stores it (a Session has `uid`, `accountId`, `authorizations`, …). */
export type Payload = Record<string, unknown> & { uid?: string; grantId?: string; userCode?: string; accountId?: string };

interface Stored {
  payload: Payload;
  expiresAt?: number;
}

/** Called whenever oidc-provider saves a session that has a signed-in account. */
export type SessionSavedHook = (session: { uid: string; accountId: string; transient: boolean; clientIds: string[] }) => void;

/** The storage behind one provider: `adapterClass` goes into the provider configuration as `adapter`. */
export interface MemoryOidcStore {
  adapterClass: new (model: string) => object;
  /** The live stored session with this storage id (the value of the provider's session cookie), if any. */
  findSession(id: string): Payload | undefined;
  /** Removes a stored session (ends it server-side). */
  destroySession(id: string): void;
  /** Forgets everything (harness reset). */
  clear(): void;
}

/** Creates the storage for one oidc-provider instance. */
export function createMemoryOidcStore(onSessionSaved: SessionSavedHook): MemoryOidcStore {
  const models = new Map<string, Map<string, Stored>>();
  // Indexes, so lookups by uid and revocation by grant stay cheap however many records a long run leaves.
  const byUid = new Map<string, Map<string, string>>();
  const byGrant = new Map<string, Set<[string, string]>>();
  let writes = 0;
  const table = (model: string) => {
    let t = models.get(model);
    if (!t) models.set(model, (t = new Map()));
    return t;
  };
  const uidIndex = (model: string) => {
    let t = byUid.get(model);
    if (!t) byUid.set(model, (t = new Map()));
    return t;
  };
  const live = (stored: Stored | undefined): Payload | undefined =>
    stored && (!stored.expiresAt || stored.expiresAt > Date.now()) ? stored.payload : undefined;
  const remove = (model: string, id: string) => {
    const stored = table(model).get(id);
    if (!stored) return;
    table(model).delete(id);
    if (stored.payload.uid && uidIndex(model).get(stored.payload.uid) === id) uidIndex(model).delete(stored.payload.uid);
  };
  /** Expired records are dropped every so many writes: memory stays flat in a long run. */
  const sweep = () => {
    const now = Date.now();
    for (const [model, t] of models) for (const [id, stored] of t) if (stored.expiresAt && stored.expiresAt <= now) remove(model, id);
    for (const [grantId, refs] of byGrant) {
      for (const ref of refs) if (!models.get(ref[0])?.has(ref[1])) refs.delete(ref);
      if (refs.size === 0) byGrant.delete(grantId);
    }
  };

  class MemoryAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      table(this.model).set(id, { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
      if (payload.uid) uidIndex(this.model).set(payload.uid, id);
      if (payload.grantId) {
        const refs = byGrant.get(payload.grantId) ?? new Set();
        refs.add([this.model, id]);
        byGrant.set(payload.grantId, refs);
      }
      if (++writes % 500 === 0) sweep();
      if (this.model === 'Session' && payload.accountId && payload.uid) {
        onSessionSaved({
          uid: payload.uid,
          accountId: payload.accountId,
          transient: payload.transient === true,
          clientIds: Object.keys((payload.authorizations as Record<string, unknown>) ?? {}),
        });
      }
    }

    async find(id: string): Promise<Payload | undefined> {
      return live(table(this.model).get(id));
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const id = uidIndex(this.model).get(uid);
      return id === undefined ? undefined : live(table(this.model).get(id));
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      for (const stored of table(this.model).values()) if (stored.payload.userCode === userCode) return live(stored);
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const stored = table(this.model).get(id);
      if (stored) stored.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      remove(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [model, id] of byGrant.get(grantId) ?? []) remove(model, id);
      byGrant.delete(grantId);
    }
  }

  return {
    adapterClass: MemoryAdapter,
    findSession(id) {
      return live(table('Session').get(id));
    },
    destroySession(id) {
      remove('Session', id);
    },
    clear() {
      models.clear();
      byUid.clear();
      byGrant.clear();
    },
  };
}
