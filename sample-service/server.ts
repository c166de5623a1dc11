import type { AddressInfo } from 'node:net';
import type { SessionLedger } from '../mock-idp/core/ledger.js';
import { listen } from '../mock-idp/core/listen.js';
import { createPartyApp } from '../mock-idp/core/party-app.js';
import type { PageTheme } from '../mock-idp/core/views.js';
import type { LogoutStrategy, SampleServiceConfig } from './config.js';
import { LogoutSettings } from './logout-strategy.js';
import { OidcLogin } from './oidc-login.js';
import { callbackRoute } from './routes/callback.js';
import { harnessConfigRoutes } from './routes/harness-config.js';
import { homeRoute } from './routes/home.js';
import { loginRoute } from './routes/login.js';
import { logoutRoute } from './routes/logout.js';
import { protectedRoute } from './routes/protected.js';
import type { ServiceContext } from './service-context.js';
import { ServiceSessions } from './service-sessions.js';
import { ACCENT } from './views.js';

export type { LogoutStrategy, SampleServiceConfig } from './config.js';

/** A running sample service. */
export interface StartedSampleService {
  /** The origin from the config (what the browser uses), no trailing slash. */
  origin: string;
  /** The address and port the server is bound to (differs from `origin` when listening on port 0). */
  address: AddressInfo;
  /** The service's session ledger (also served at `/__harness/sessions`). */
  ledger: SessionLedger;
  /** Switches the logout strategy, as `POST /__harness/config` does; `returnUrl` defaults to the configured one. */
  setLogout(strategy: LogoutStrategy, options?: { returnUrl?: string }): void;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the sample learning service "Oppimisalusta", signing users in through MPASSid over OpenID Connect.
 * MPASSid is discovered on the first sign-in, so it may start after the service.
 *
 * @param config the service's configuration
 * @param listenOn the address to bind (port 0 picks a free port; the origin in `config` is still what pages use)
 */
export async function startSampleService(config: SampleServiceConfig, listenOn: { host: string; port: number }): Promise<StartedSampleService> {
  const origin = config.origin.replace(/\/$/, '');
  const party = config.party ?? 'service';
  const theme: PageTheme = { brand: config.name ?? 'Oppimisalusta', accent: ACCENT };
  const logout = new LogoutSettings({ strategy: config.logout, returnUrl: config.logoutReturnUrl ?? `${origin}/` });

  const { app, ledger, finish } = createPartyApp(party, theme, harnessConfigRoutes(party, logout));
  const sessions = new ServiceSessions(ledger, config.mpassid.clientId);
  const login = new OidcLogin({ origin, mpassid: config.mpassid, fetch: config.fetch });
  const ctx: ServiceContext = {
    theme, ledger, sessions, login, logout,
    mpassidIssuer: config.mpassid.issuer,
    entraLogoutUrl: config.entraLogoutUrl,
  };
  ledger.onReset(() => {
    sessions.clear();
    login.reset();
    logout.restore();
  });

  app.get('/', homeRoute(ctx));
  app.get('/protected', protectedRoute(ctx));
  app.get('/login', loginRoute(ctx));
  app[login.callback.method](login.callback.path, callbackRoute(ctx));
  app.post('/logout', logoutRoute(ctx));
  app.get('/logout', logoutRoute(ctx));
  finish();

  const server = await listen(app, listenOn.host, listenOn.port);
  return {
    origin,
    address: server.address,
    ledger,
    setLogout: (strategy, options) => logout.set(strategy, options),
    close: () => server.close(),
  };
}
