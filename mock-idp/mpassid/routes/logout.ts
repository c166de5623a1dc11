import express, { type Router } from 'express';
import { endSessionOfRequest } from '../../core/end-session.js';
import { unregisteredReturn } from '../../core/errors.js';
import type { SessionLedger } from '../../core/ledger.js';
import type { MemoryOidcStore } from '../../core/oidc-memory-adapter.js';
import { serviceId, type MpassidConfig } from '../config.js';
import { IDP_SESSION_COOKIE } from '../provider.js';
import { langOf, loggedOutPage } from '../views.js';

/**
 * `GET /idp/profile/Logout[?return=URL]`: ends the MPASSid IdP session and nothing else, as production does. It
 * neither ends the directory session nor tells any service (MPASSid keeps no list of them). `return` is MPASSid's
 * own extension to Shibboleth: it redirects only to an address registered for a service (exact match); any other
 * address gets an error page that names it, after the session has ended.
 */
export function logoutRoute(config: MpassidConfig, store: MemoryOidcStore, ledger: SessionLedger): Router {
  const router = express.Router();
  router.get('/idp/profile/Logout', (req, res) => {
    endSessionOfRequest(req, [IDP_SESSION_COOKIE], store, ledger);
    res.clearCookie(IDP_SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax' });
    res.set('cache-control', 'no-store');

    const returnTo = typeof req.query.return === 'string' ? req.query.return : undefined;
    if (returnTo === undefined) {
      res.type('html').send(loggedOutPage(langOf(req.query.lang)));
      return;
    }
    const service = config.services.find((s) => s.logoutReturnUrls.includes(returnTo));
    if (!service) {
      ledger.event('logout.return_rejected', { detail: { returnTo } });
      throw unregisteredReturn(
        `logout return address ${returnTo} is not registered for any service`,
        `add it to the logoutReturnUrls of the service's MPASSid registration (matched exactly)`,
      );
    }
    ledger.event('logout.returned', { detail: { returnTo, clientId: serviceId(service) } });
    res.redirect(302, returnTo);
  });
  return router;
}
