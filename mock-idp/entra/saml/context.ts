import type Provider from 'oidc-provider';
import type { SessionLedger } from '../../core/ledger.js';
import type { MemoryOidcStore } from '../../core/oidc-memory-adapter.js';
import type { EntraConfig } from '../config.js';
import type { PendingSamlRequests } from './pending-requests.js';

/** What the tenant's SAML routes share: the tenant, its OIDC provider and session store, its ledger. */
export interface EntraSamlContext {
  config: EntraConfig;
  /** The tenant's OIDC provider: SAML sign-ins run through its authorize endpoint to share its session. */
  provider: Provider;
  store: MemoryOidcStore;
  ledger: SessionLedger;
  pending: PendingSamlRequests;
}
