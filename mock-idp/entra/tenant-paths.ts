import type { NextFunction, Request, Response } from 'express';
import { PartyError } from '../core/errors.js';
import type { EntraConfig } from './config.js';

/**
 * Entra accepts a tenant as a GUID, a verified domain, `common` or `organizations`. This middleware rewrites every
 * alias to the tenant id, and Entra's discovery path (`/{tenant}/v2.0/.well-known/openid-configuration`) to where
 * the provider mounted at `/{tenantId}` serves it. Unknown tenants get Entra's AADSTS90002 error.
 */
export function tenantPaths(config: EntraConfig) {
  const aliases = new Set(['common', 'organizations', config.tenantId, config.tenantDomain].map((a) => a.toLowerCase()));
  return (req: Request, _res: Response, next: NextFunction): void => {
    const match = /^\/([^/?]+)(\/[^?]*)?(\?.*)?$/.exec(req.url);
    if (!match || match[1] === '__harness') return next();
    const [, tenant, rest = '', query = ''] = match;
    let name: string;
    try {
      name = decodeURIComponent(tenant).toLowerCase();
    } catch {
      name = tenant;
    }
    if (!aliases.has(name)) {
      return next(new PartyError('invalid_tenant', 400, `AADSTS90002: Tenant '${tenant}' not found.`,
        `use the tenant id ${config.tenantId}, ${config.tenantDomain}, common or organizations`));
    }
    const path = rest === '/v2.0/.well-known/openid-configuration' ? '/.well-known/openid-configuration' : rest;
    req.url = `/${config.tenantId}${path}${query}`;
    req.originalUrl = req.url;
    next();
  };
}
