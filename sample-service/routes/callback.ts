import type { RequestHandler } from 'express';
import type { ServiceContext } from '../service-context.js';

/** MPASSid's answer to a sign-in (OIDC: `GET /auth/callback`): checks it, starts the service session, returns. */
export function callbackRoute(ctx: ServiceContext): RequestHandler {
  return async (req, res) => {
    const { returnTo, ...user } = await ctx.login.finishLogin(req, res);
    ctx.sessions.create(req, res, user);
    res.set('cache-control', 'no-store').redirect(returnTo);
  };
}
