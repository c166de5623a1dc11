import type { NextFunction, Request, Response } from 'express';
import { nextSeq } from './sequence.js';

/** The header a harness browser context sends so every hop can be attributed to it. */
export const CONTEXT_HEADER = 'x-harness-context';

/** One request a party served, as the harness draws it in a sequence diagram. */
export interface Hop {
  seq: number;
  at: string;
  party: string;
  context?: string;
  method: string;
  /** Path and query with secret values replaced by `…`. */
  path: string;
  status: number;
  location?: string;
  cookiesSet: string[];
  cookiesCleared: string[];
  /** `browser` for navigations and form posts, `back-channel` for server-to-server calls. */
  channel: 'browser' | 'back-channel';
}

const SECRET_PARAMS = new Set([
  'code', 'client_secret', 'id_token_hint', 'id_token', 'access_token', 'refresh_token', 'password',
  'SAMLRequest', 'SAMLResponse', 'Signature', 'client_assertion', 'code_verifier',
]);


/** Replaces the values of secret query parameters (codes, tokens, SAML messages) with `…`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SECRET_PARAMS.has(key)) params.set(key, '…');
  return `${url.slice(0, q)}?${params.toString()}`;
}

function cookieNames(headers: string[]): { set: string[]; cleared: string[] } {
  const set: string[] = [];
  const cleared: string[] = [];
  for (const header of headers) {
    const [pair, ...attrs] = header.split(';');
    const name = pair.slice(0, pair.indexOf('=')).trim();
    const value = pair.slice(pair.indexOf('=') + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
    (expired || value === '' ? cleared : set).push(name);
  }
  return { set, cleared };
}

/**
 * How many hops and ledger events a party keeps between resets: the harness resets before every scenario, so this
 * only bounds the memory of a stack left running under load (the oldest go first).
 */
export const TRACE_LIMIT = 20_000;

/** The hop trace of one party: an Express middleware that records every request it serves. */
export class HopTrace {
  private hops: Hop[] = [];

  constructor(readonly party: string) {}

  /** Records the request when its response finishes. */
  middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/__harness/')) {
      next();
      return;
    }
    // Numbered on arrival, recorded when answered: the ledger events the request causes come after it.
    const seq = nextSeq();
    const at = new Date().toISOString();
    res.on('finish', () => {
      const setCookie = res.getHeader('set-cookie');
      const { set, cleared } = cookieNames(Array.isArray(setCookie) ? setCookie : setCookie ? [String(setCookie)] : []);
      const location = res.getHeader('location');
      const context = req.get(CONTEXT_HEADER);
      this.hops.push({
        seq,
        at,
        party: this.party,
        ...(context ? { context } : {}),
        method: req.method,
        path: redactUrl(req.originalUrl),
        status: res.statusCode,
        ...(location ? { location: redactUrl(String(location)) } : {}),
        cookiesSet: set,
        cookiesCleared: cleared,
        channel: context || /Mozilla\//.test(req.get('user-agent') ?? '') ? 'browser' : 'back-channel',
      });
      if (this.hops.length > TRACE_LIMIT) this.hops.splice(0, this.hops.length - TRACE_LIMIT);
    });
    next();
  };

  /** Every recorded hop, oldest first. */
  list(): Hop[] {
    return this.hops.map((h) => ({ ...h }));
  }

  /** Forgets every hop. */
  reset(): void {
    this.hops = [];
  }
}
