import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookies } from '../mock-idp/core/cookies.js';
import type { SessionLedger } from '../mock-idp/core/ledger.js';
import type { SignedInUser } from './login-protocol.js';
import { SESSION_COOKIE, sessionCookieOptions } from './service-cookies.js';

/** A signed-in browser, as the service remembers it. */
export interface ServiceSession extends SignedInUser {
  sessionId: string;
  createdAt: string;
}

/**
 * The service's own sessions: in memory, keyed by the random id in the `oppimisalusta_session` cookie, each one
 * recorded in the ledger so the harness can tell whether a logout ended it.
 */
export class ServiceSessions {
  private readonly sessions = new Map<string, ServiceSession>();

  constructor(private readonly ledger: SessionLedger, private readonly clientId: string) {}

  /** The session of the requesting browser, if it has a live one. */
  current(req: Request): ServiceSession | undefined {
    const id = readCookies(req)[SESSION_COOKIE];
    return id ? this.sessions.get(id) : undefined;
  }

  /**
   * Starts a session for a freshly signed-in user under a new id (never reusing the browser's old id, so a planted
   * cookie cannot be fixed onto someone's sign-in). A session the browser still had ends as `replaced`.
   */
  create(req: Request, res: Response, user: SignedInUser): ServiceSession {
    const previous = this.current(req);
    if (previous) {
      this.sessions.delete(previous.sessionId);
      this.ledger.end(previous.sessionId, 'replaced');
    }
    const session: ServiceSession = { ...user, sessionId: randomBytes(24).toString('base64url'), createdAt: new Date().toISOString() };
    this.sessions.set(session.sessionId, session);
    this.ledger.open({ sessionId: session.sessionId, subject: user.subject, clientId: this.clientId });
    res.cookie(SESSION_COOKIE, session.sessionId, sessionCookieOptions);
    return session;
  }

  /** Ends the requesting browser's session (if any) and clears its cookie. Returns the ended session. */
  end(req: Request, res: Response): ServiceSession | undefined {
    const id = readCookies(req)[SESSION_COOKIE];
    if (!id) return undefined;
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions);
    const session = this.sessions.get(id);
    if (!session) return undefined;
    this.sessions.delete(id);
    this.ledger.end(id, 'logout');
    return session;
  }

  /** Forgets every session (harness reset; the ledger forgets its records itself). */
  clear(): void {
    this.sessions.clear();
  }
}
