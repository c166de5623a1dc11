import type { Request } from 'express';
import { readCookies } from './cookies.js';
import type { EndedBy, SessionLedger } from './ledger.js';
import type { MemoryOidcStore, Payload } from './oidc-memory-adapter.js';

/** Ends the provider session stored under `storageId`: removed from storage and ended in the ledger. */
export function endStoredSession(store: MemoryOidcStore, ledger: SessionLedger, storageId: string, endedBy: EndedBy): Payload | undefined {
  const session = store.findSession(storageId);
  if (!session) return undefined;
  store.destroySession(storageId);
  if (session.uid) ledger.end(session.uid, endedBy);
  return session;
}

/**
 * Ends the session the request's first present session cookie points at (a logout). Emits `logout.no_session`
 * when there is none; returns the ended session's stored record otherwise.
 */
export function endSessionOfRequest(req: Request, cookieNames: string[], store: MemoryOidcStore, ledger: SessionLedger): Payload | undefined {
  const cookies = readCookies(req);
  const storageId = cookieNames.map((name) => cookies[name]).find(Boolean);
  const session = storageId ? endStoredSession(store, ledger, storageId, 'logout') : undefined;
  if (!session) ledger.event('logout.no_session');
  return session;
}
