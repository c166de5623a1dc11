import type { PartyFetch } from '../core/oidc-provider-kit.js';
import type { TestUser } from '../users/test-users.js';

/**
 * A learning service registered with MPASSid for OpenID Connect, with the fields of MPASSid's registration form
 * (MPASSid-hallintapalvelu).
 */
export interface OidcServiceRegistration {
  protocol: 'oidc';
  /** A name shown in pages and reports. */
  name: string;
  clientId: string;
  clientSecret: string;
  /** Matched exactly, as MPASSid does. */
  redirectUris: string[];
  /** `client_secret_basic` (MPASSid's default) or `client_secret_post`. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** ID token signing: RS256 (default) or HS256 with the client secret. */
  idTokenSignedResponseAlg?: 'RS256' | 'HS256';
  /**
   * Addresses `/idp/profile/Logout?return=` may redirect to, matched exactly (registered with OPH in production).
   * To chain the directory logout, register the chained URL too.
   */
  logoutReturnUrls: string[];
}

/** A school (authentication source) in the school picker. */
export interface School {
  /** School code, e.g. `30076`. */
  code: string;
  name: string;
  /** The `urn:mpass.id:authnsource:<authnSource>` value that selects this school without the picker. */
  authnSource: string;
  /** The directory behind it: only the mock Entra tenant in this harness. */
  directory: 'entra';
}

/** How MPASSid reaches the school's directory (Entra ID). OIDC in this release; SAML comes next. */
export interface OidcUpstreamConfig {
  protocol: 'oidc';
  /** The tenant's issuer, `<entra>/<tenant>/v2.0`; discovery is read from it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Everything the mock MPASSid needs to start. */
export interface MpassidConfig {
  /** `http://127.0.0.3:5601`: the OIDC issuer (no path) and the base of every MPASSid path. */
  origin: string;
  services: OidcServiceRegistration[];
  schools: School[];
  upstream: OidcUpstreamConfig;
  users: readonly TestUser[];
  fetch?: PartyFetch;
}
