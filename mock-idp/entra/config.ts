import type { PartyFetch } from '../core/oidc-provider-kit.js';
import type { TestUser } from '../users/test-users.js';

/** An application registered in the mock Entra tenant (an "app registration"). */
export interface EntraAppRegistration {
  clientId: string;
  clientSecret: string;
  /** Reply URLs for the OIDC code flow, matched exactly. */
  redirectUris: string[];
  /** Addresses `/oauth2/v2.0/logout` may redirect to (`post_logout_redirect_uri`), matched exactly. */
  postLogoutRedirectUris: string[];
  /** Front-channel logout URL: Entra calls it (GET, in an iframe) when the user signs out of the tenant. */
  frontchannelLogoutUri?: string;
  /** `client_secret_post` (Entra's default for confidential clients) or `client_secret_basic`. */
  tokenEndpointAuthMethod?: 'client_secret_post' | 'client_secret_basic';
}

/** Everything the mock Entra ID needs to start. */
export interface EntraConfig {
  /** `http://127.0.0.4:5600`: every path lives under `/{tenant}/`. */
  origin: string;
  /** The tenant id (GUID); also reachable as `common`, `organizations` and {@link tenantDomain}. */
  tenantId: string;
  tenantDomain: string;
  apps: EntraAppRegistration[];
  users: readonly TestUser[];
  /** Server-side fetch (the harness passes one that resolves its own host names). */
  fetch?: PartyFetch;
}

/** The issuer of the tenant's v2.0 tokens: `<origin>/<tenantId>/v2.0`. */
export const entraIssuer = (config: Pick<EntraConfig, 'origin' | 'tenantId'>) => `${config.origin}/${config.tenantId}/v2.0`;
