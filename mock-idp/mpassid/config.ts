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

/**
 * A learning service registered with MPASSid for SAML 2.0, by its SP metadata as on MPASSid's registration form:
 * entityID, ACS URL(s) and signing certificate come from the metadata.
 */
export interface SamlServiceRegistration {
  protocol: 'saml';
  name: string;
  /** The SP's entityID; the AuthnRequest's Issuer must be exactly this. */
  entityId: string;
  /**
   * The SP metadata: fetched from `url` on the first AuthnRequest (and again after a failure), or given inline.
   * Its entityID must equal {@link entityId}.
   */
  metadata: { url: string } | { xml: string };
  /** Signs the Assertion too (besides the Response). Default: what the metadata's `WantAssertionsSigned` says. */
  wantAssertionsSigned?: boolean;
  /** Addresses `/idp/profile/Logout?return=` may redirect to, matched exactly. */
  logoutReturnUrls: string[];
}

/** A service registered with MPASSid, by OIDC or SAML. */
export type ServiceRegistration = OidcServiceRegistration | SamlServiceRegistration;

/** The identifier a service is known by in ledgers and events: OIDC `client_id` or SAML entityID. */
export const serviceId = (service: ServiceRegistration) => (service.protocol === 'oidc' ? service.clientId : service.entityId);

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

/**
 * How MPASSid reaches the school's directory by SAML 2.0, as production does: MPASSid is a Shibboleth SP
 * (entityID `<origin>/shibboleth`, ACS `<origin>/Shibboleth.sso/SAML2/POST`) of the Entra tenant.
 */
export interface SamlUpstreamConfig {
  protocol: 'saml';
  /** The tenant's federation metadata, `<entra>/<tenant>/FederationMetadata/2007-06/FederationMetadata.xml`. */
  idpMetadataUrl: string;
}

/** How MPASSid reaches the school's directory (Entra ID) by OpenID Connect (the alternative to SAML). */
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
  services: ServiceRegistration[];
  schools: School[];
  upstream: SamlUpstreamConfig | OidcUpstreamConfig;
  /**
   * Publishes a SingleLogoutService in the IdP metadata (what-if runs). Production publishes none, and MPASSid
   * implements no SAML single logout, so the default is false.
   */
  publishSingleLogout?: boolean;
  users: readonly TestUser[];
  fetch?: PartyFetch;
  /** How long an AuthnRequest may be used after its IssueInstant (besides 3 minutes of clock skew). Default 5 minutes. */
  authnRequestLifetimeMs?: number;
}
