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
  /** SAML 2.0 single sign-on for this app (Entra's "Set up single sign-on with SAML"); absent: OIDC only. */
  saml?: EntraSamlApp;
}

/** An app's "Basic SAML Configuration" in Entra, plus its optional request verification certificate. */
export interface EntraSamlApp {
  /** "Identifier (Entity ID)": the SP's entityID, matched exactly against an AuthnRequest's Issuer. MPASSid: `<origin>/shibboleth`. */
  identifier: string;
  /** "Reply URL (Assertion Consumer Service URL)": the first one is the default when a request names none. */
  replyUrls: string[];
  /** "Logout Url": the SP's SLO endpoint (HTTP-Redirect) the LogoutResponse goes to; absent: a "You signed out" page. */
  logoutUrl?: string;
  /**
   * The SP's signing certificate (PEM or bare base64 DER): when set, a signed AuthnRequest or LogoutRequest is
   * verified with it and refused when its signature does not verify. Unsigned requests are accepted either way.
   */
  signingCertificate?: string;
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

/** The tenant's SAML entityID and Response Issuer: Entra's `https://sts.windows.net/{tid}/`, on the mock's own host. */
export const entraSamlEntityId = (config: Pick<EntraConfig, 'origin' | 'tenantId'>) => `${config.origin}/${config.tenantId}/`;

/** The tenant's SAML endpoint for sign-in (Redirect or POST) and sign-out (Redirect): `<origin>/<tid>/saml2`. */
export const entraSamlEndpoint = (config: Pick<EntraConfig, 'origin' | 'tenantId'>) => `${config.origin}/${config.tenantId}/saml2`;

/**
 * Where the tenant's own authorize endpoint returns a SAML sign-in (the redirect_uri of every SAML bridge client):
 * SAML sign-ins run through the OIDC provider so both protocols share one Entra session.
 */
export const entraSamlResumeUrl = (config: Pick<EntraConfig, 'origin' | 'tenantId'>) => `${entraSamlEndpoint(config)}/resume`;

const SAML_BRIDGE_SUFFIX = ':saml';

/**
 * The OIDC client a SAML app's sign-ins run as inside the tenant (see saml/sso.ts): a companion of the app's own
 * client, because the app's pairwise client cannot add a redirect URI on another host without a sector identifier.
 */
export const entraSamlBridgeClientId = (app: Pick<EntraAppRegistration, 'clientId'>) => `${app.clientId}${SAML_BRIDGE_SUFFIX}`;

/** The app registration's client id for a client id of the tenant's provider (a SAML bridge client → its app). */
export const entraAppClientId = (clientId: string) =>
  clientId.endsWith(SAML_BRIDGE_SUFFIX) ? clientId.slice(0, -SAML_BRIDGE_SUFFIX.length) : clientId;
