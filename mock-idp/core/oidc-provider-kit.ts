import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { SigningKey } from './keys.js';
import type { MemoryOidcStore } from './oidc-memory-adapter.js';
import { html, page, type PageTheme } from './views.js';

/** A fetch for server-side calls; the harness passes one that resolves its own host names. */
export type PartyFetch = typeof fetch;

/**
 * The oidc-provider settings both mocks share: our storage adapter, a signing key made for the run, our own
 * error page (the library's default pages load a web font from the internet), no development interactions,
 * consent granted automatically (neither MPASSid nor Entra asks pupils for consent), and short-lived artefacts.
 */
export function sharedProviderConfig(input: {
  /** Whose provider: the fixes its error pages suggest differ (services register with MPASSid, not the directory). */
  party: 'mpassid' | 'entra';
  theme: PageTheme;
  store: MemoryOidcStore;
  key: SigningKey;
  fetch?: PartyFetch;
}): Configuration {
  const serverFetch = input.fetch ?? fetch;
  return {
    adapter: input.store.adapterClass as Configuration['adapter'],
    jwks: { keys: [input.key.privateJwk as never] },
    // oidc-provider refuses its own outgoing requests to loopback addresses; the harness lives on loopback.
    fetch: ((url: URL | string, options: RequestInit & { dispatcher?: unknown }) => {
      delete options.dispatcher;
      return serverFetch(url, options);
    }) as never,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      pushedAuthorizationRequests: { enabled: false },
    },
    responseTypes: ['code'],
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Grant: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { provider, client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      const fix = fixOf(input.party, out.error, ctx.oidc?.params ?? {});
      ctx.body = page(input.theme, 'Sign-in error', html`<div class="error" data-error-code="${out.error}">
<p><strong>${out.error}</strong>: ${(out.error_description ?? '').replace(/([^.])$/, '$1.')}${fix ? ` Fix: ${fix}` : ''}</p></div>`);
    },
  };
}

/**
 * The fix for the authorization errors a misregistered service meets first, naming the values it sent (oidc-provider
 * names only the problem).
 */
function fixOf(party: 'mpassid' | 'entra', error: string, params: Record<string, unknown>): string | undefined {
  const clientId = typeof params.client_id === 'string' ? params.client_id : undefined;
  const redirectUri = typeof params.redirect_uri === 'string' ? params.redirect_uri : undefined;
  if (party === 'entra') {
    return error === 'invalid_client' && clientId
      ? `client ${clientId} is not an app of this Entra ID tenant: learning services sign in with MPASSid, which signs in at the school's directory; point the service at MPASSid's issuer (mpassid-harness up prints it).`
      : undefined;
  }
  if (error === 'invalid_redirect_uri' && redirectUri) {
    return `register ${redirectUri} as a redirect URI of client ${clientId ?? '(none given)'} (exact match; for a service of your own: registration.oidc.redirect_uris in its config file), or send one that is registered.`;
  }
  if (error === 'invalid_client' && clientId) {
    return `client ${clientId} is not registered here; register it (for a service of your own: registration.oidc.client_id in its config file) or send the client_id that is.`;
  }
  return undefined;
}
