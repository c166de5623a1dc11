import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { PartyError } from './errors.js';

/** The environment variable holding the token for `/__harness/*` on connections that do not come over loopback. */
export const HARNESS_TOKEN_ENV = 'MPASSID_HARNESS_ADMIN_TOKEN';
/** The header the harness sends it in. */
export const HARNESS_TOKEN_HEADER = 'x-harness-token';

/** Whether a local socket address is loopback (IPv4 127/8, IPv6 ::1, or IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address);
}

/**
 * Guards `/__harness/*` (ledgers, traces, reset, config): a request that reached the party over loopback is the
 * harness on this machine and passes; any other (the party bound to 0.0.0.0 in a container, or on a LAN address)
 * must carry the token from `MPASSID_HARNESS_ADMIN_TOKEN` in `x-harness-token`, and without one configured is refused.
 */
export function requireHarnessToken(req: Request, _res: Response, next: NextFunction): void {
  if (isLoopback(req.socket.localAddress)) {
    next();
    return;
  }
  const expected = process.env[HARNESS_TOKEN_ENV];
  if (!expected) {
    next(new PartyError('harness_token_required', 403, `${req.path} is served to loopback only: this party is reachable on ${req.socket.localAddress} and has no token`,
      `set ${HARNESS_TOKEN_ENV} for the party and send it in the ${HARNESS_TOKEN_HEADER} header`));
    return;
  }
  const given = Buffer.from(req.get(HARNESS_TOKEN_HEADER) ?? '');
  const want = Buffer.from(expected);
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    next(new PartyError('harness_token_invalid', 403, `${req.path} needs the harness token (${HARNESS_TOKEN_HEADER}) on connections that do not come over loopback`,
      `send the value of ${HARNESS_TOKEN_ENV} in the ${HARNESS_TOKEN_HEADER} header`));
    return;
  }
  next();
}
