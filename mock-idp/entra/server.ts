import { listen, type ListenOn } from '../core/listen.js';
import { createMemoryOidcStore } from '../core/oidc-memory-adapter.js';
import { createPartyApp } from '../core/party-app.js';
import { providerPaths } from '../core/provider-paths.js';
import type { SessionLedger } from '../core/ledger.js';
import { entraAppClientId, type EntraConfig } from './config.js';
import { createEntraProvider } from './provider.js';
import { logoutRoute } from './routes/logout.js';
import { signInRoutes } from './routes/sign-in.js';
import { entraSamlRoutes } from './saml/routes.js';
import { entraSessionCookies } from './session-cookies.js';
import { tenantPaths } from './tenant-paths.js';
import { entraTheme } from './theme.js';

/** A running mock Entra ID. */
export interface StartedMockEntra {
  origin: string;
  ledger: SessionLedger;
  close(): Promise<void>;
}

/** Builds the mock Entra ID's request handler (no listening). */
export function createMockEntra(config: EntraConfig) {
  const party = createPartyApp('entra', entraTheme);
  const { app, ledger } = party;
  const usersByOid = new Map(config.users.map((u) => [u.oid, u]));
  const store = createMemoryOidcStore((session) => {
    ledger.open({
      sessionId: session.uid,
      subject: usersByOid.get(session.accountId)?.username ?? session.accountId,
      clientId: session.clientIds[0] && entraAppClientId(session.clientIds[0]),
      detail: { persistent: !session.transient },
    });
  });
  ledger.onReset(() => store.clear());
  const provider = createEntraProvider(config, store);
  app.use(tenantPaths(config));
  app.use(entraSessionCookies);
  app.use(signInRoutes(config, provider, store, ledger));
  app.use(logoutRoute(config, store, ledger));
  app.use(entraSamlRoutes(config, provider, store, ledger));
  const tenant = `/${config.tenantId}`;
  app.use(tenant, providerPaths(provider, ['/.well-known/openid-configuration', '/oauth2/v2.0/authorize', '/oauth2/v2.0/token', '/discovery/v2.0/keys', '/oidc/userinfo']));
  return { app: party.finish(), ledger };
}

/** Starts the mock Entra ID on host:port. */
export async function startMockEntra(config: EntraConfig, listenOn: ListenOn): Promise<StartedMockEntra> {
  const { app, ledger } = createMockEntra(config);
  const server = await listen(app, listenOn.host, listenOn.port, listenOn.tls);
  return { origin: config.origin, ledger, close: server.close };
}
