import { createHash } from 'node:crypto';
import '../core/quiet-runtime-warning.js';
import Provider, { type ClientMetadata, type Configuration } from 'oidc-provider';
import { runKey } from '../core/keys.js';
import type { MemoryOidcStore } from '../core/oidc-memory-adapter.js';
import { sharedProviderConfig } from '../core/oidc-provider-kit.js';
import { entraIssuer, entraSamlBridgeClientId, entraSamlResumeUrl, type EntraConfig } from './config.js';
import { SESSION_COOKIE } from './session-cookies.js';
import { entraTheme } from './theme.js';

/**
 * The client a SAML app's sign-ins run as at the authorize endpoint (saml/sso.ts). They come back to the SAML
 * bridge (saml/sso-resume.ts), which takes the code in-process: no token request, no `sub`, so `public` subjects
 * and a redirect URI on Entra's own host are fine.
 */
function samlBridgeClient(config: EntraConfig, app: EntraConfig['apps'][number]): ClientMetadata {
  return {
    client_id: entraSamlBridgeClientId(app),
    client_secret: app.clientSecret,
    redirect_uris: [entraSamlResumeUrl(config)],
    token_endpoint_auth_method: 'client_secret_post',
    subject_type: 'public',
    grant_types: ['authorization_code'],
    response_types: ['code'],
  };
}

/** The tenant's OIDC v2 provider, mounted at `/{tenantId}` with Entra's endpoint paths. */
export function createEntraProvider(config: EntraConfig, store: MemoryOidcStore): Provider {
  const base = sharedProviderConfig({ party: 'entra', theme: entraTheme, store, key: runKey('entra'), fetch: config.fetch });
  const usersByOid = new Map(config.users.map((u) => [u.oid, u]));
  const configuration: Configuration = {
    ...base,
    clients: config.apps.flatMap((app): ClientMetadata[] => [{
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uris: app.redirectUris,
      post_logout_redirect_uris: app.postLogoutRedirectUris,
      token_endpoint_auth_method: app.tokenEndpointAuthMethod ?? 'client_secret_post',
      subject_type: 'pairwise',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }, ...(app.saml ? [samlBridgeClient(config, app)] : [])]),
    clientAuthMethods: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'],
    subjectTypes: ['public', 'pairwise'],
    // Entra's `sub` is pairwise per application; `oid` is the same everywhere.
    async pairwiseIdentifier(_ctx, accountId, client) {
      return createHash('sha256').update(`${client.clientId}:${accountId}`).digest('base64url').slice(0, 43);
    },
    claims: {
      openid: ['sub', 'oid', 'tid', 'ver'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    conformIdTokenClaims: false,
    async findAccount(_ctx, oid) {
      const user = usersByOid.get(oid);
      if (!user) return undefined;
      return {
        accountId: oid,
        async claims() {
          return {
            sub: oid,
            oid,
            tid: config.tenantId,
            ver: '2.0',
            name: `${user.givenName} ${user.familyName}`,
            preferred_username: user.username,
            email: user.username,
          };
        },
      };
    },
    cookies: { names: { session: SESSION_COOKIE, interaction: 'x-ms-interaction', resume: 'x-ms-interaction-resume' } },
    interactions: { url: (_ctx, interaction) => `/${config.tenantId}/login/${interaction.uid}` },
    routes: {
      authorization: '/oauth2/v2.0/authorize',
      token: '/oauth2/v2.0/token',
      jwks: '/discovery/v2.0/keys',
      userinfo: '/oidc/userinfo',
    },
    discovery: {
      end_session_endpoint: `${config.origin}/${config.tenantId}/oauth2/v2.0/logout`,
      frontchannel_logout_supported: true,
    },
    features: {
      ...base.features,
      // Logout is Entra's own route (logout.ts): it accepts a registered post_logout_redirect_uri without
      // id_token_hint, as Entra does, which oidc-provider's end_session does not.
      rpInitiatedLogout: { enabled: false },
    },
  };
  const provider = new Provider(entraIssuer(config), configuration);
  // Entra puts `sid` in every ID token; oidc-provider only when back-channel logout asks for it.
  const clientPrototype = provider.Client.prototype as unknown as { includeSid(): boolean };
  clientPrototype.includeSid = () => true;
  return provider;
}
