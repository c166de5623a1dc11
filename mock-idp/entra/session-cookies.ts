import type { NextFunction, Request, Response } from 'express';

/** Entra's session cookie for a browser session ("Stay signed in?" = no). */
export const SESSION_COOKIE = 'ESTSAUTH';
/** Entra's persistent session cookie ("Stay signed in?" = yes): it survives a browser restart. */
export const PERSISTENT_COOKIE = 'ESTSAUTHPERSISTENT';

const CLEARED = /expires=Thu, 01 Jan 1970/i;

/**
 * oidc-provider has one session cookie name; Entra has two. The provider uses `ESTSAUTH`; this middleware renames
 * a persistent one (it carries Expires) to `ESTSAUTHPERSISTENT` on the way out, and maps it back on the way in.
 */
export function entraSessionCookies(req: Request, res: Response, next: NextFunction): void {
  const cookie = req.headers.cookie ?? '';
  const persistent = new RegExp(`(?:^|;\\s*)${PERSISTENT_COOKIE}=([^;]*)`).exec(cookie);
  const session = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`).test(cookie);
  if (persistent && !session) req.headers.cookie = `${cookie}; ${SESSION_COOKIE}=${persistent[1]}`;

  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase() !== 'set-cookie') return setHeader(name, value);
    // Express appends cookies by re-setting the whole list, so this must be idempotent.
    const out = new Set<string>();
    const headers = Array.isArray(value) ? value : [String(value)];
    const clearsPersistent = headers.some((h) => h.startsWith(`${PERSISTENT_COOKIE}=`) && CLEARED.test(h));
    for (const header of headers) {
      if (!header.startsWith(`${SESSION_COOKIE}=`)) {
        out.add(header);
      } else if (CLEARED.test(header)) {
        out.add(header);
        if (!clearsPersistent) out.add(header.replace(`${SESSION_COOKIE}=`, `${PERSISTENT_COOKIE}=`));
      } else if (/;\s*(expires|max-age)=/i.test(header)) {
        out.add(header.replace(`${SESSION_COOKIE}=`, `${PERSISTENT_COOKIE}=`));
      } else {
        out.add(header);
      }
    }
    return setHeader(name, [...out]);
  };
  next();
}
