import express, { type Router } from 'express';
import type Provider from 'oidc-provider';
import type { SessionLedger } from '../../core/ledger.js';
import type { MemoryOidcStore } from '../../core/oidc-memory-adapter.js';
import type { EntraConfig } from '../config.js';
import { federationMetadataRoute } from './federation-metadata.js';
import { PendingSamlRequests } from './pending-requests.js';
import { saml2Route } from './saml2-endpoint.js';
import { ssoResumeRoute } from './sso-resume.js';

/**
 * The tenant's SAML 2.0 IdP: federation metadata, `/{tenant}/saml2` (sign-in and sign-out) and the sign-in bridge
 * back from the tenant's authorize endpoint. Mount after the tenant-alias rewrite and the session-cookie middleware.
 */
export function entraSamlRoutes(config: EntraConfig, provider: Provider, store: MemoryOidcStore, ledger: SessionLedger): Router {
  const pending = new PendingSamlRequests();
  ledger.onReset(() => pending.clear());
  const ctx = { config, provider, store, ledger, pending };
  const router = express.Router();
  router.use(federationMetadataRoute(config));
  router.use(ssoResumeRoute(ctx));
  router.use(saml2Route(ctx));
  return router;
}
