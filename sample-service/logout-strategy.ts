import type { LogoutStrategy } from './config.js';

/** Where the logout chain goes: MPASSid, Entra ID, and the final return address. */
export interface LogoutTargets {
  /** MPASSid's issuer (its origin). */
  mpassidIssuer: string;
  /** Entra ID's `/{tenant}/oauth2/v2.0/logout` URL. */
  entraLogoutUrl: string;
  /** Where the browser finally lands. */
  returnUrl: string;
}

/** Appends one query parameter, URL-encoded, to a URL that may already have a query. */
function withParam(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}

/**
 * Where the service sends the browser after ending its own session (reference/mpassid.md §2). Each level's return
 * address is URL-encoded into the level above:
 * - `local`: `/`
 * - `mpassid`: `<mpassid>/idp/profile/Logout?return=<returnUrl>`
 * - `full`: `<mpassid>/idp/profile/Logout?return=<entraLogoutUrl?post_logout_redirect_uri=<returnUrl>>`
 */
export function logoutRedirect(strategy: LogoutStrategy, targets: LogoutTargets): string {
  const mpassidLogout = `${targets.mpassidIssuer.replace(/\/$/, '')}/idp/profile/Logout`;
  switch (strategy) {
    case 'local':
      return '/';
    case 'mpassid':
      return withParam(mpassidLogout, 'return', targets.returnUrl);
    case 'full':
      return withParam(mpassidLogout, 'return', withParam(targets.entraLogoutUrl, 'post_logout_redirect_uri', targets.returnUrl));
  }
}

/** The logout settings in force: the configured ones, until the harness switches them. */
export class LogoutSettings {
  strategy: LogoutStrategy;
  returnUrl: string;

  constructor(private readonly configured: { strategy: LogoutStrategy; returnUrl: string }) {
    this.strategy = configured.strategy;
    this.returnUrl = configured.returnUrl;
  }

  /** Switches the strategy; `returnUrl` defaults to the configured return address. */
  set(strategy: LogoutStrategy, options: { returnUrl?: string } = {}): void {
    this.strategy = strategy;
    this.returnUrl = options.returnUrl ?? this.configured.returnUrl;
  }

  /** Back to the configured settings (harness reset). */
  restore(): void {
    this.set(this.configured.strategy);
  }
}
