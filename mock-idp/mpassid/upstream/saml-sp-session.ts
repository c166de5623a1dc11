import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** One Shibboleth SP session: MPASSid's session toward the directory, beside its IdP session. */
export interface SpSession {
  id: string;
  username: string;
  sessionIndex?: string;
  createdAt: number;
}

/**
 * The Shibboleth SP's session cookie, `_shibsession_<hash of the SP entityID>`: a browser-session cookie set when
 * the directory's assertion is accepted. It does not sign anyone in to a service by itself: MPASSid's IdP asks
 * the directory again whenever it has no IdP session, as the proxy's external authentication does.
 */
export class SpSessions {
  readonly cookieName: string;
  private readonly sessions = new Map<string, SpSession>();

  constructor(spEntityId: string) {
    this.cookieName = `_shibsession_${createHash('sha256').update(spEntityId).digest('hex').slice(0, 40)}`;
  }

  open(res: Response, input: { username: string; sessionIndex?: string }): SpSession {
    const session = { id: `_${randomBytes(16).toString('hex')}`, ...input, createdAt: Date.now() };
    this.sessions.set(session.id, session);
    res.cookie(this.cookieName, session.id, { path: '/', httpOnly: true, sameSite: 'lax' });
    return session;
  }

  clear(): void {
    this.sessions.clear();
  }
}
