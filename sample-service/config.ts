/**
 * Configuration of the sample learning service "Oppimisalusta": where it lives, how it is registered at MPASSid,
 * and how it logs out.
 */

/**
 * How the service logs a user out (see reference/mpassid.md §1–2):
 * - `local`: ends only the service's own session; MPASSid and Entra ID sessions survive (a partial logout).
 * - `mpassid`: also sends the browser to MPASSid's `/idp/profile/Logout?return=…`, which ends the MPASSid
 *   session but not the directory session (still partial).
 * - `full`: chains MPASSid's logout through Entra ID's `/oauth2/v2.0/logout`, so all three sessions end.
 */
export type LogoutStrategy = 'local' | 'mpassid' | 'full';

/** Every {@link LogoutStrategy}, for validation and error messages. */
export const LOGOUT_STRATEGIES: readonly LogoutStrategy[] = ['local', 'mpassid', 'full'];

/** Whether a value is one of the {@link LOGOUT_STRATEGIES}. */
export function isLogoutStrategy(value: unknown): value is LogoutStrategy {
  return typeof value === 'string' && (LOGOUT_STRATEGIES as readonly string[]).includes(value);
}

/**
 * The protocol the service signs in with at MPASSid: OpenID Connect (`GET /auth/callback`) or SAML 2.0 (an SP whose
 * ACS is `POST /saml/acs`). Both are available in one running service; the harness may switch at runtime.
 */
export type SignInProtocol = 'oidc' | 'saml';

/** Every {@link SignInProtocol}, for validation and error messages. */
export const SIGN_IN_PROTOCOLS: readonly SignInProtocol[] = ['oidc', 'saml'];

/** Whether a value is one of the {@link SIGN_IN_PROTOCOLS}. */
export function isSignInProtocol(value: unknown): value is SignInProtocol {
  return typeof value === 'string' && (SIGN_IN_PROTOCOLS as readonly string[]).includes(value);
}

/** How the service is registered as a SAML 2.0 service provider of MPASSid (reference/mpassid.md §2). */
export interface SampleSamlConfig {
  /**
   * MPASSid's IdP metadata URL, which is also its entityID: `<mpassid origin>/idp/shibboleth`. Fetched on the first
   * SAML sign-in (MPASSid may start after the service) and again after a harness reset.
   */
  idpMetadataUrl: string;
  /** Whether AuthnRequests are signed (HTTP-Redirect `SigAlg` + `Signature`); the SP metadata says so. Default `true`. */
  signAuthnRequests?: boolean;
  /**
   * An authentication source to ask for, e.g. `mansikkala-entra`: sent as `RequestedAuthnContext` with
   * `urn:mpass.id:authnsource:<source>` (Comparison `exact`), which makes MPASSid skip its school picker.
   */
  requestedAuthnSource?: string;
}

/** The service's SAML endpoints under its origin. */
export const SAML_SP_PATHS = {
  /** The SP metadata; its URL is the SP's entityID. */
  metadata: '/saml/metadata',
  /** The AssertionConsumerService (HTTP-POST binding). */
  acs: '/saml/acs',
} as const;

/** The service's SAML identity: what MPASSid registers it by. */
export interface SamlSpUrls {
  /** The SP entityID, which is also the metadata URL: `<origin>/saml/metadata`. */
  entityId: string;
  /** Same as `entityId`: where the SP metadata is served. */
  metadataUrl: string;
  /** The AssertionConsumerService URL (HTTP-POST): `<origin>/saml/acs`. */
  acsUrl: string;
}

/** The sample service's SAML entityID, metadata URL and ACS URL for an origin (a trailing slash is ignored). */
export function samlSpUrls(origin: string): SamlSpUrls {
  const base = origin.replace(/\/$/, '');
  const metadataUrl = `${base}${SAML_SP_PATHS.metadata}`;
  return { entityId: metadataUrl, metadataUrl, acsUrl: `${base}${SAML_SP_PATHS.acs}` };
}

/** How the service is registered as an OpenID Connect client of MPASSid. */
export interface MpassidClientConfig {
  /** The MPASSid issuer: its origin, no path, no trailing slash (e.g. `http://127.0.0.3:5601`). */
  issuer: string;
  /** The client id MPASSid registered for the service. */
  clientId: string;
  /** The client secret MPASSid registered for the service. */
  clientSecret: string;
  /**
   * How the service authenticates at MPASSid's token endpoint. Default `client_secret_basic`, MPASSid's default.
   * @see https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication
   */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

/** Configuration of one sample service instance. */
export interface SampleServiceConfig {
  /** The service's own origin as the browser sees it, no trailing slash (e.g. `http://127.0.0.2:5602`). */
  origin: string;
  /** Service name shown in the page header. Default `Oppimisalusta`. */
  name?: string;
  /** Party name in the session ledger. Default `service`. */
  party?: string;
  /** The service's OIDC client registration at MPASSid. The redirect URI is `<origin>/auth/callback`. */
  mpassid: MpassidClientConfig;
  /** Which protocol `/login` uses at start (and after a harness reset). Default `oidc`. `saml` needs {@link saml}. */
  protocol?: SignInProtocol;
  /** The service's SAML SP registration at MPASSid (see {@link samlSpUrls}); required for `protocol: 'saml'`. */
  saml?: SampleSamlConfig;
  /** The logout strategy the service starts with; the harness may switch it at runtime. */
  logout: LogoutStrategy;
  /** Entra ID's logout endpoint, e.g. `http://127.0.0.4:5600/<tenant>/oauth2/v2.0/logout` (used by `full`). */
  entraLogoutUrl: string;
  /** Where a logout finally returns the browser. Default `<origin>/`. Must be registered at MPASSid (and Entra). */
  logoutReturnUrl?: string;
  /**
   * A custom fetch for the service's server-to-server calls to MPASSid (discovery, token, userinfo, keys, SAML IdP
   * metadata), e.g. to resolve `*.localhost` names. Handed to openid-client through its `customFetch` symbol.
   */
  fetch?: typeof fetch;
}

/** The path MPASSid redirects back to after sign-in. */
export const CALLBACK_PATH = '/auth/callback';
