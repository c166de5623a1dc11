import type { AddressInfo } from 'node:net';
import express from 'express';
import type { SessionLedger } from '../mock-idp/core/ledger.js';
import { listen, type ListenOn } from '../mock-idp/core/listen.js';
import { createPartyApp } from '../mock-idp/core/party-app.js';
import type { PageTheme } from '../mock-idp/core/views.js';
import { SAML_SP_PATHS, type LogoutStrategy, type SampleServiceConfig, type SignInProtocol } from './config.js';
import type { LoginProtocol } from './login-protocol.js';
import { LogoutSettings } from './logout-strategy.js';
import { OidcLogin } from './oidc-login.js';
import { ProtocolSetting } from './protocol-setting.js';
import { callbackRoute } from './routes/callback.js';
import { harnessConfigRoutes } from './routes/harness-config.js';
import { homeRoute } from './routes/home.js';
import { loginRoute } from './routes/login.js';
import { logoutRoute } from './routes/logout.js';
import { protectedRoute } from './routes/protected.js';
import { samlMetadataRoute } from './routes/saml-metadata.js';
import { SamlLogin } from './saml-login.js';
import type { ServiceContext } from './service-context.js';
import { ServiceSessions } from './service-sessions.js';
import { ACCENT } from './views.js';

export type { LogoutStrategy, SampleSamlConfig, SampleServiceConfig, SignInProtocol } from './config.js';
export { samlSpUrls } from './config.js';

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
  /**
   * Switches the protocol `/login` uses, as `POST /__harness/config` with `protocol` does. A sign-in already started
   * finishes with the protocol it started with.
   * @throws PartyError `saml_not_configured` for `saml` when the config has no `saml.idpMetadataUrl`
   */
  setProtocol(protocol: SignInProtocol): void;
  /** The protocol `/login` uses now. */
  readonly protocol: SignInProtocol;
  /** The SAML sign-in: SP URLs and metadata, and `expectResponse` for posting prepared Responses in tests. */
  saml: SamlLogin;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the sample learning service "Oppimisalusta", signing users in through MPASSid over OpenID Connect
 * (`GET /auth/callback`) or SAML 2.0 (`GET /saml/metadata`, `POST /saml/acs`); `config.protocol` picks which one
 * `/login` uses, and the harness may switch it. MPASSid is discovered (OIDC) or its metadata read (SAML) on the
 * first sign-in, so it may start after the service.
 *
 * @throws PartyError `saml_not_configured` when `config.protocol` is `saml` but `config.saml` is missing
 * @param config the service's configuration
 * @param listenOn the address to bind (port 0 picks a free port; the origin in `config` is still what pages use)
 */
export async function startSampleService(config: SampleServiceConfig, listenOn: ListenOn): Promise<StartedSampleService> {
  const origin = config.origin.replace(/\/$/, '');
  const party = config.party ?? 'service';
  const theme: PageTheme = { brand: config.name ?? 'Oppimisalusta', accent: ACCENT };
  const logout = new LogoutSettings({ strategy: config.logout, returnUrl: config.logoutReturnUrl ?? `${origin}/` });

  const saml = new SamlLogin({ origin, saml: config.saml, fetch: config.fetch });
  const protocol = new ProtocolSetting(config.protocol ?? 'oidc', saml.configured);

  const { app, ledger, finish } = createPartyApp(party, theme, harnessConfigRoutes(party, logout, protocol));
  const sessions = new ServiceSessions(ledger, config.mpassid.clientId);
  const oidc = new OidcLogin({ origin, mpassid: config.mpassid, fetch: config.fetch });
  const logins: Record<SignInProtocol, LoginProtocol> = { oidc, saml };
  const ctx: ServiceContext = {
    theme, ledger, sessions, logout,
    get login() {
      return logins[protocol.current];
    },
    mpassidIssuer: config.mpassid.issuer,
    entraLogoutUrl: config.entraLogoutUrl,
  };
  ledger.onReset(() => {
    sessions.clear();
    oidc.reset();
    saml.reset();
    logout.restore();
    protocol.restore();
  });

  app.get('/', homeRoute(ctx));
  app.get('/protected', protectedRoute(ctx));
  app.get('/login', loginRoute(ctx));
  // Both callbacks stay open whichever protocol /login uses, so a sign-in finishes with the protocol it started with.
  app.get(oidc.callback.path, callbackRoute({ ...ctx, login: oidc }));
  app.get(SAML_SP_PATHS.metadata, samlMetadataRoute(saml));
  app.post(saml.callback.path, express.urlencoded({ extended: false, limit: '512kb' }), callbackRoute({ ...ctx, login: saml }));
  app.post('/logout', logoutRoute(ctx));
  app.get('/logout', logoutRoute(ctx));
  finish();

  const server = await listen(app, listenOn.host, listenOn.port, listenOn.tls);
  return {
    origin,
    address: server.address,
    ledger,
    setLogout: (strategy, options) => logout.set(strategy, options),
    setProtocol: (next) => protocol.set(next),
    get protocol() {
      return protocol.current;
    },
    saml,
    close: () => server.close(),
  };
}
