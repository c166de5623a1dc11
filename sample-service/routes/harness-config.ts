import express, { type Router } from 'express';
import { invalidRequest } from '../../mock-idp/core/errors.js';
import { LOGOUT_STRATEGIES, SIGN_IN_PROTOCOLS, isLogoutStrategy, isSignInProtocol } from '../config.js';
import type { LogoutSettings } from '../logout-strategy.js';
import type { ProtocolSetting } from '../protocol-setting.js';

const ALLOWED = LOGOUT_STRATEGIES.map((s) => `"${s}"`).join(', ');
const ALLOWED_PROTOCOLS = SIGN_IN_PROTOCOLS.map((p) => `"${p}"`).join(', ');

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * `GET /__harness/config`: the settings in force (`logout`, `returnUrl`, `protocol`). `POST /__harness/config` with
 * JSON `{ "logout"?: "local"|"mpassid"|"full", "returnUrl"?: "http…", "protocol"?: "oidc"|"saml" }` switches them:
 * at least one of `logout` and `protocol`; `returnUrl` goes with `logout` (omitted means the configured one).
 * A harness reset restores the configured settings.
 */
export function harnessConfigRoutes(party: string, settings: LogoutSettings, protocol: ProtocolSetting): (router: Router) => void {
  const current = () => ({ party, logout: settings.strategy, returnUrl: settings.returnUrl, protocol: protocol.current });
  return (router) => {
    router.get('/__harness/config', (_req, res) => {
      res.set('cache-control', 'no-store').json(current());
    });
    router.post('/__harness/config', express.json({ limit: '16kb' }), (req, res) => {
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw invalidRequest(`expected a JSON object body {"logout": ${ALLOWED}} and/or {"protocol": ${ALLOWED_PROTOCOLS}}`, 'send Content-Type: application/json');
      }
      const { logout, returnUrl, protocol: requested } = body as { logout?: unknown; returnUrl?: unknown; protocol?: unknown };
      if (logout === undefined && requested === undefined) {
        throw invalidRequest(`expected "logout" (one of ${ALLOWED}) and/or "protocol" (one of ${ALLOWED_PROTOCOLS}); got neither`);
      }
      if (logout !== undefined && !isLogoutStrategy(logout)) {
        throw invalidRequest(`"logout" must be one of ${ALLOWED}; got ${JSON.stringify(logout)}`);
      }
      if (requested !== undefined && !isSignInProtocol(requested)) {
        throw invalidRequest(`"protocol" must be one of ${ALLOWED_PROTOCOLS}; got ${JSON.stringify(requested)}`);
      }
      if (returnUrl !== undefined && logout === undefined) {
        throw invalidRequest(`"returnUrl" goes with "logout" (one of ${ALLOWED}); send both`);
      }
      if (returnUrl !== undefined && (typeof returnUrl !== 'string' || !isHttpUrl(returnUrl))) {
        throw invalidRequest(`"returnUrl" must be an absolute http(s) URL; got ${JSON.stringify(returnUrl)}`);
      }
      // Check everything before changing anything.
      if (requested !== undefined) protocol.check(requested, 400);
      if (requested !== undefined) protocol.set(requested);
      if (logout !== undefined) settings.set(logout, { returnUrl });
      res.json(current());
    });
  };
}
