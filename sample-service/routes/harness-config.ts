import express, { type Router } from 'express';
import { invalidRequest } from '../../mock-idp/core/errors.js';
import { LOGOUT_STRATEGIES, isLogoutStrategy } from '../config.js';
import type { LogoutSettings } from '../logout-strategy.js';

const ALLOWED = LOGOUT_STRATEGIES.map((s) => `"${s}"`).join(', ');

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * `GET /__harness/config`: the logout settings in force. `POST /__harness/config` with JSON
 * `{ "logout": "local"|"mpassid"|"full", "returnUrl"?: "http…" }` switches them (an omitted `returnUrl` means the
 * configured one). A harness reset restores the configured settings.
 */
export function harnessConfigRoutes(party: string, settings: LogoutSettings): (router: Router) => void {
  const current = () => ({ party, logout: settings.strategy, returnUrl: settings.returnUrl });
  return (router) => {
    router.get('/__harness/config', (_req, res) => {
      res.set('cache-control', 'no-store').json(current());
    });
    router.post('/__harness/config', express.json({ limit: '16kb' }), (req, res) => {
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw invalidRequest(`expected a JSON object body {"logout": ${ALLOWED}}`, 'send Content-Type: application/json');
      }
      const { logout, returnUrl } = body as { logout?: unknown; returnUrl?: unknown };
      if (!isLogoutStrategy(logout)) {
        throw invalidRequest(`"logout" must be one of ${ALLOWED}; got ${JSON.stringify(logout) ?? 'nothing'}`);
      }
      if (returnUrl !== undefined && (typeof returnUrl !== 'string' || !isHttpUrl(returnUrl))) {
        throw invalidRequest(`"returnUrl" must be an absolute http(s) URL; got ${JSON.stringify(returnUrl)}`);
      }
      settings.set(logout, { returnUrl });
      res.json(current());
    });
  };
}
