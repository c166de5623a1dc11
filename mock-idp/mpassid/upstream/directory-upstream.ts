import type { Request, Response, Router } from 'express';
import type { School } from '../config.js';

/** Who the directory says signed in. */
export interface DirectoryIdentity {
  username: string;
  oid?: string;
}

/** Called by an upstream when the directory has authenticated the user for a pending MPASSid sign-in. */
export type UpstreamCompletion = (
  req: Request,
  res: Response,
  result: { interactionUid: string; school: School; identity: DirectoryIdentity },
) => Promise<void>;

/**
 * How MPASSid reaches a school's directory: production uses SAML 2.0 (MPASSid as a Shibboleth SP); OIDC is the
 * alternative. `begin` sends the browser to the directory; `routes` receives it back and calls the completion.
 */
export interface DirectoryUpstream {
  readonly protocol: 'oidc' | 'saml';
  begin(res: Response, input: { interactionUid: string; school: School; forceAuthn: boolean }): Promise<void>;
  readonly routes: Router;
}
