import type { RequestHandler } from 'express';
import { safeReturnTo } from '../return-to.js';
import type { ServiceContext } from '../service-context.js';

/**
 * `GET /login[?returnTo=/path]`: starts a sign-in at MPASSid. A browser that is already signed in goes straight
 * to `returnTo`, as a real service would.
 */
export function loginRoute(ctx: ServiceContext): RequestHandler {
  return async (req, res) => {
    const returnTo = safeReturnTo(req.query.returnTo);
    if (ctx.sessions.current(req)) {
      res.set('cache-control', 'no-store').redirect(returnTo);
      return;
    }
    await ctx.login.startLogin(req, res, returnTo);
  };
}
