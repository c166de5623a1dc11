import type { CookieOptions } from 'express';

/** The service's session cookie: a browser-session cookie (no Expires), so only a logout or closing ends it. */
export const SESSION_COOKIE = 'oppimisalusta_session';
/** The short-lived cookie that ties a callback to the sign-in this browser started. */
export const LOGIN_COOKIE = 'oppimisalusta_login';
/** How long a started sign-in may take before its callback is refused. */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

export const sessionCookieOptions: CookieOptions = { httpOnly: true, sameSite: 'lax', path: '/' };
export const loginCookieOptions: CookieOptions = { ...sessionCookieOptions, maxAge: PENDING_LOGIN_TTL_MS };
