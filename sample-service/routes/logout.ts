import type { RequestHandler } from 'express';
import { logoutRedirect } from '../logout-strategy.js';
import type { ServiceContext } from '../service-context.js';

/**
 * `POST /logout` (and `GET /logout`): ends the service session, then sends the browser on along the logout
 * strategy in force (`local`, `mpassid` or `full`). Works without a session too, so a stale tab still logs out of
 * MPASSid and Entra ID.
 */
export function logoutRoute(ctx: ServiceContext): RequestHandler {
  return (req, res) => {
    const strategy = ctx.logout.strategy;
    const redirect = logoutRedirect(strategy, {
      mpassidIssuer: ctx.mpassidIssuer,
      entraLogoutUrl: ctx.entraLogoutUrl,
      returnUrl: ctx.logout.returnUrl,
    });
    const session = ctx.sessions.current(req);
    ctx.ledger.event('logout.started', { sessionId: session?.sessionId, subject: session?.subject, detail: { strategy, redirect } });
    ctx.sessions.end(req, res);
    // 303 turns the POST into a GET at the next hop.
    res.set('cache-control', 'no-store').redirect(req.method === 'POST' ? 303 : 302, redirect);
  };
}
