import express, { type Request, type Response, type Router } from 'express';
import { endSessionOfRequest } from '../../core/end-session.js';
import type { SessionLedger } from '../../core/ledger.js';
import type { MemoryOidcStore } from '../../core/oidc-memory-adapter.js';
import { html } from '../../core/views.js';
import type { EntraConfig } from '../config.js';
import { PERSISTENT_COOKIE, SESSION_COOKIE } from '../session-cookies.js';
import { signedOutPage } from '../views.js';

/**
 * `GET|POST /{tenant}/oauth2/v2.0/logout`: ends the tenant session, loads the front-channel logout URL of every app
 * signed in during it, and redirects to `post_logout_redirect_uri` only when an app of the tenant registered it
 * (the one named by `client_id`, when given). Otherwise Entra shows its generic "you signed out" page.
 */
export function logoutRoute(config: EntraConfig, store: MemoryOidcStore, ledger: SessionLedger): Router {
  const router = express.Router();
  const path = `/${config.tenantId}/oauth2/v2.0/logout`;
  const handler = (req: Request, res: Response) => {
    const params = { ...(req.query as Record<string, unknown>), ...(req.body as Record<string, unknown> | undefined) };
    const returnTo = typeof params.post_logout_redirect_uri === 'string' ? params.post_logout_redirect_uri : undefined;
    const clientId = typeof params.client_id === 'string' ? params.client_id : undefined;
    const state = typeof params.state === 'string' ? params.state : undefined;

    const session = endSessionOfRequest(req, [SESSION_COOKIE, PERSISTENT_COOKIE], store, ledger);
    const frontchannelUris: string[] = [];
    for (const signedInClient of Object.keys((session?.authorizations as object) ?? {})) {
      const app = config.apps.find((a) => a.clientId === signedInClient);
      if (app?.frontchannelLogoutUri) {
        frontchannelUris.push(app.frontchannelLogoutUri);
        ledger.event('frontchannel.sent', { detail: { clientId: app.clientId, uri: app.frontchannelLogoutUri } });
      }
    }
    for (const name of [SESSION_COOKIE, PERSISTENT_COOKIE]) res.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax' });

    const candidates = clientId ? config.apps.filter((a) => a.clientId === clientId) : config.apps;
    const allowed = returnTo !== undefined && candidates.some((a) => a.postLogoutRedirectUris.includes(returnTo));
    if (returnTo !== undefined && !allowed) {
      ledger.event('logout.return_rejected', { detail: { returnTo, clientId } });
    }
    let redirectTo: string | undefined;
    if (allowed && returnTo) {
      const url = new URL(returnTo);
      if (state) url.searchParams.set('state', state);
      redirectTo = url.toString();
    }
    res.set('cache-control', 'no-store');
    if (redirectTo && frontchannelUris.length === 0) {
      res.redirect(302, redirectTo);
      return;
    }
    const note = returnTo !== undefined && !allowed
      ? html`<p class="error" data-error-code="unregistered_return">post_logout_redirect_uri <code>${returnTo}</code> is not registered
${clientId ? html`for app <code>${clientId}</code>` : html`for any app of this tenant`}; add it to the app's postLogoutRedirectUris.</p>`
      : undefined;
    res.type('html').send(signedOutPage({ frontchannelUris, redirectTo, note }));
  };
  router.get(path, handler);
  router.post(path, express.urlencoded({ extended: false, limit: '16kb' }), handler);
  return router;
}
