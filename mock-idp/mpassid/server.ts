import type { Request, Response } from 'express';
import { PartyError } from '../core/errors.js';
import type { SessionLedger } from '../core/ledger.js';
import { listen, type ListenOn } from '../core/listen.js';
import { createMemoryOidcStore } from '../core/oidc-memory-adapter.js';
import { createPartyApp } from '../core/party-app.js';
import { providerPaths } from '../core/provider-paths.js';
import { finishLogin } from '../core/finish-login.js';
import type { MpassidConfig } from './config.js';
import { createMpassidProvider } from './provider.js';
import { logoutRoute } from './routes/logout.js';
import { schoolPickerRoutes } from './routes/school-picker.js';
import { mpassidTheme } from './theme.js';
import { createMpassidIdentityProvider, type MpassidIdentityProvider } from './saml/identity-provider.js';
import { idpMetadataRoutes } from './saml/metadata-routes.js';
import { ReplayCache } from '../core/saml/replay-cache.js';
import { PendingSsoStore } from './saml/pending-sso.js';
import { ServiceProviders } from './saml/service-providers.js';
import { ssoRoute } from './saml/sso.js';
import { ssoResumeRoute } from './saml/sso-resume.js';
import type { DirectoryUpstream, UpstreamCompletion } from './upstream/directory-upstream.js';
import { oidcUpstream } from './upstream/oidc-upstream.js';
import { samlUpstream } from './upstream/saml-upstream.js';

/** A running mock MPASSid. */
export interface StartedMockMpassid {
  origin: string;
  ledger: SessionLedger;
  close(): Promise<void>;
}

/** The upstream the config asks for: SAML (production's way) or OIDC. */
function directoryUpstream(config: MpassidConfig, ledger: SessionLedger, complete: UpstreamCompletion): DirectoryUpstream {
  const upstream = config.upstream;
  return upstream.protocol === 'saml'
    ? samlUpstream({ ...config, upstream }, ledger, complete)
    : oidcUpstream({ ...config, upstream }, ledger, complete);
}

/** Builds the mock MPASSid's request handler (no listening). */
export function createMockMpassid(config: MpassidConfig) {
  const party = createPartyApp('mpassid', mpassidTheme);
  const { app, ledger } = party;
  const store = createMemoryOidcStore((session) => {
    ledger.open({ sessionId: session.uid, subject: session.accountId, clientId: session.clientIds[0] });
  });
  ledger.onReset(() => store.clear());
  const provider = createMpassidProvider(config, store);
  provider.on('authorization.success', (ctx) => {
    ledger.event('authorization.issued', { subject: ctx.oidc.session?.accountId, detail: { clientId: ctx.oidc.client?.clientId } });
  });

  // The directory has authenticated the user: MPASSid looks up their attributes and finishes its own login.
  const complete: UpstreamCompletion = async (_req: Request, res: Response, result) => {
    const user = config.users.find((u) => u.username === result.identity.username.toLowerCase());
    if (!user) {
      throw new PartyError('unknown_directory_user', 403, `the directory signed in ${result.identity.username}, who has no MPASSid attributes`,
        'sign in with one of the harness test users, or add the user to the users list');
    }
    await finishLogin(provider, res, {
      interactionUid: result.interactionUid,
      login: {
        accountId: user.mpass['urn:mpass.id:uid'],
        acr: `urn:mpass.id:authnsource:${result.school.authnSource}`,
        // Shibboleth's IdP session cookie is a browser-session cookie.
        remember: false,
      },
      store,
      ledger,
    });
  };
  const upstream = directoryUpstream(config, ledger, complete);

  const sps = new ServiceProviders(config);
  const pendingSso = new PendingSsoStore();
  const usedAuthnRequests = new ReplayCache();
  ledger.onReset(() => {
    sps.clear();
    pendingSso.clear();
    usedAuthnRequests.clear();
  });
  let identity: Promise<MpassidIdentityProvider> | undefined;
  const samlIdentity = () => (identity ??= createMpassidIdentityProvider(config));

  app.use(schoolPickerRoutes(config, provider, upstream, ledger));
  app.use(upstream.routes);
  app.use(idpMetadataRoutes(samlIdentity, config.publishSingleLogout ?? false));
  app.use(ssoRoute(config, sps, pendingSso, ledger, usedAuthnRequests));
  app.use(ssoResumeRoute(config, provider, samlIdentity, sps, pendingSso, ledger));
  app.use(logoutRoute(config, store, ledger));
  app.use(providerPaths(provider, ['/.well-known/openid-configuration', '/idp/profile/oidc']));
  return { app: party.finish(), ledger };
}

/** Starts the mock MPASSid on host:port. */
export async function startMockMpassid(config: MpassidConfig, listenOn: ListenOn): Promise<StartedMockMpassid> {
  const { app, ledger } = createMockMpassid(config);
  const server = await listen(app, listenOn.host, listenOn.port, listenOn.tls);
  return { origin: config.origin, ledger, close: server.close };
}
