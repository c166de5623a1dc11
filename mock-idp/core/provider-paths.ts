import type { NextFunction, Request, Response } from 'express';
import type Provider from 'oidc-provider';

/**
 * Hands only the provider's own paths to oidc-provider, so every other path gets the party's HTML 404 page
 * instead of the library's plain-text one.
 */
export function providerPaths(provider: Provider, prefixes: string[]) {
  const callback = provider.callback();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (prefixes.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) {
      callback(req, res);
      return;
    }
    next();
  };
}
