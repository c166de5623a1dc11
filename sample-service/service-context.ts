import type { SessionLedger } from '../mock-idp/core/ledger.js';
import type { PageTheme } from '../mock-idp/core/views.js';
import type { LoginProtocol } from './login-protocol.js';
import type { LogoutSettings } from './logout-strategy.js';
import type { ServiceSessions } from './service-sessions.js';

/** What every route of the service works with. */
export interface ServiceContext {
  theme: PageTheme;
  ledger: SessionLedger;
  sessions: ServiceSessions;
  login: LoginProtocol;
  logout: LogoutSettings;
  mpassidIssuer: string;
  entraLogoutUrl: string;
}
