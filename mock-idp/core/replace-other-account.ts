import { endStoredSession } from './end-session.js';
import type { SessionLedger } from './ledger.js';
import type { MemoryOidcStore } from './oidc-memory-adapter.js';

/**
 * When someone else signs in over an existing session in the same browser, the old session ends (`replaced`)
 * before the new login is finished. oidc-provider would otherwise ask to log the old account out through its
 * end-session confirmation, which neither MPASSid nor Entra shows.
 */
export function replaceOtherAccount(
  existing: { accountId?: string; cookie?: string } | undefined,
  newAccountId: string,
  store: MemoryOidcStore,
  ledger: SessionLedger,
): void {
  if (!existing?.accountId || existing.accountId === newAccountId) return;
  if (existing.cookie) endStoredSession(store, ledger, existing.cookie, 'replaced');
}
