import type { Request, Response } from 'express';

/** The user the service signs in, whatever protocol brought them. */
export interface SignedInUser {
  /** The subject MPASSid asserted (OIDC: the ID token's `sub`). */
  subject: string;
  givenName?: string;
  familyName?: string;
  /** Every claim (or attribute) received, by name. */
  claims: Record<string, unknown>;
}

/** What a finished sign-in yields: the user and the local path the sign-in was started for. */
export interface FinishedLogin extends SignedInUser {
  returnTo: string;
}

/**
 * The protocol the service signs in with (OIDC now, SAML later). It owns the pending-login state between
 * `startLogin` and `finishLogin`; the service owns the session that follows. Both methods throw `PartyError`s.
 */
export interface LoginProtocol {
  /** Where and how MPASSid returns the browser (OIDC: `GET /auth/callback`). */
  readonly callback: { method: 'get' | 'post'; path: string };
  /** Sends the browser to MPASSid to sign in, remembering `returnTo` (a safe local path). */
  startLogin(req: Request, res: Response, returnTo: string): Promise<void>;
  /** Checks MPASSid's answer and returns the signed-in user. */
  finishLogin(req: Request, res: Response): Promise<FinishedLogin>;
  /** Forgets every pending sign-in (harness reset). */
  reset(): void;
}
