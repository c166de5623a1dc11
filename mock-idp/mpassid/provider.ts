import '../core/quiet-runtime-warning.js';
import Provider, { type Configuration } from 'oidc-provider';
import { runKey, runSecret } from '../core/keys.js';
import type { MemoryOidcStore } from '../core/oidc-memory-adapter.js';
import { sharedProviderConfig } from '../core/oidc-provider-kit.js';
import { MPASSID_PROFILE_CLAIMS, mpassidClaims } from './claims.js';
import type { MpassidConfig } from './config.js';
import { SAML_PATHS } from './saml/paths.js';
import { mpassidTheme } from './theme.js';

/** MPASSid's IdP session cookie (Shibboleth IdP's name). */
export const IDP_SESSION_COOKIE = 'shib_idp_session';

/** The OpenID provider toward services: issuer = origin, MPASSid's `/idp/profile/oidc/*` paths. */
export function createMpassidProvider(config: MpassidConfig, store: MemoryOidcStore): Provider {
  const base = sharedProviderConfig({ party: 'mpassid', theme: mpassidTheme, store, key: runKey('mpassid'), fetch: config.fetch });
  const usersByUid = new Map(config.users.map((u) => [u.mpass['urn:mpass.id:uid'], u]));
  const configuration: Configuration = {
    ...base,
    clients: config.services.map((service) => (service.protocol === 'oidc'
      ? {
        client_id: service.clientId,
        client_secret: service.clientSecret,
        client_name: service.name,
        redirect_uris: service.redirectUris,
        token_endpoint_auth_method: service.tokenEndpointAuthMethod ?? 'client_secret_basic',
        id_token_signed_response_alg: service.idTokenSignedResponseAlg ?? 'RS256',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      }
      // A SAML service signs in through the same authorization endpoint (see saml/sso.ts), as an internal client
      // whose code never leaves MPASSid: its secret is made for the run and never shown.
      : {
        client_id: service.entityId,
        client_secret: runSecret(),
        client_name: service.name,
        redirect_uris: [`${config.origin}${SAML_PATHS.ssoResume}`],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256', 'HS256'] },
    claims: { openid: ['sub'], profile: [...MPASSID_PROFILE_CLAIMS] },
    conformIdTokenClaims: false,
    acrValues: config.schools.map((s) => `urn:mpass.id:authnsource:${s.authnSource}`),
    extraParams: ['lang'],
    async findAccount(_ctx, uid) {
      const user = usersByUid.get(uid);
      if (!user) return undefined;
      return { accountId: uid, async claims() { return mpassidClaims(user) as { sub: string } } };
    },
    cookies: { names: { session: IDP_SESSION_COOKIE, interaction: 'shib_idp_interaction', resume: 'shib_idp_resume' } },
    interactions: { url: (_ctx, interaction) => `/idp/profile/interaction/${interaction.uid}` },
    routes: {
      authorization: '/idp/profile/oidc/authorize',
      token: '/idp/profile/oidc/token',
      userinfo: '/idp/profile/oidc/userinfo',
      jwks: '/idp/profile/oidc/keyset',
    },
    features: {
      ...base.features,
      // MPASSid's end_session_endpoint is unverified and off in production; `/idp/profile/Logout` is the logout.
      rpInitiatedLogout: { enabled: false },
    },
  };
  return new Provider(config.origin, configuration);
}
