import type { Cookie } from '@playwright/test';
import { PERSISTENT_COOKIE, SESSION_COOKIE } from '../../mock-idp/entra/session-cookies.js';
import { IDP_SESSION_COOKIE } from '../../mock-idp/mpassid/provider.js';
import type { FindingParty } from '../verdict/verdict.js';

/**
 * The cookies that carry a party's sign-in session, as opposed to short-lived interaction cookies. A service of
 * the user's own is a black box: every cookie on its host counts.
 */
const SESSION_COOKIE_NAMES: Partial<Record<FindingParty, RegExp>> = {
  mpassid: new RegExp(`^(${IDP_SESSION_COOKIE}|__Host-${IDP_SESSION_COOKIE}|_shibsession_.*)$`),
  entra: new RegExp(`^(${SESSION_COOKIE}|${PERSISTENT_COOKIE}|ESTSAUTHLIGHT)$`),
};

/** Does this cookie carry `party`'s session? */
export function isSessionCookie(party: FindingParty, cookie: Pick<Cookie, 'name'>): boolean {
  return SESSION_COOKIE_NAMES[party]?.test(cookie.name) ?? true;
}
