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

  // oidc-provider sets cookies through the `cookies` package, which bypasses an overridden res.setHeader, so
  // the rename happens when the headers are written.
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((...args: unknown[]) => {
    const value = res.getHeader('set-cookie');
    if (value !== undefined) res.setHeader('set-cookie', renameSessionCookies(Array.isArray(value) ? value : [String(value)]));
    return writeHead(...args);
  }) as Response['writeHead'];
  next();
}

/** Renames a persistent `ESTSAUTH` to `ESTSAUTHPERSISTENT`; clearing `ESTSAUTH` clears both. */
export function renameSessionCookies(headers: string[]): string[] {
  const out = new Set<string>();
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
  return [...out];
}
