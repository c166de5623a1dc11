import type { NextFunction, Request, Response } from 'express';
import { html, page, type PageTheme } from './views.js';

/**
 * The one error type a party's route handlers throw. The party's error handler renders it: as the protocol's
 * JSON error for API clients (`{ error, error_description }`, RFC 6749 §5.2) and as an HTML page that names the
 * problem and the fix for a browser. Handlers never write an error response themselves.
 */
export class PartyError extends Error {
  /**
   * @param code machine-readable code: an OAuth error code (`invalid_request`, …) or a harness code
   * @param status HTTP status to answer with
   * @param description what is wrong, in words a developer can act on
   * @param fix what to change so it works, shown on the error page
   */
  constructor(
    readonly code: string,
    readonly status: number,
    readonly description: string,
    readonly fix?: string,
    options?: { cause?: unknown },
  ) {
    super(description, options);
    this.name = 'PartyError';
  }
}

/** 400 `invalid_request`: a parameter is missing or malformed. */
export const invalidRequest = (description: string, fix?: string) => new PartyError('invalid_request', 400, description, fix);
/** 404 `not_found`: no such page or tenant. */
export const notFound = (description: string, fix?: string) => new PartyError('not_found', 404, description, fix);
/** 400 `unregistered_return`: a logout return address is not registered for the client. */
export const unregisteredReturn = (description: string, fix: string) => new PartyError('unregistered_return', 400, description, fix);

function wantsHtml(req: Request): boolean {
  return (req.get('accept') ?? '').includes('text/html');
}

/**
 * The party's Express error handler. Unknown errors become a 500 with a generic message (no stack trace in a page);
 * body-parser errors (malformed or oversized bodies) keep their 4xx status.
 */
export function errorHandler(theme: PageTheme, onError?: (err: PartyError, req: Request) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const partyError = toPartyError(err);
    onError?.(partyError, req);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(partyError.status);
    res.set('cache-control', 'no-store');
    if (wantsHtml(req)) {
      res.type('html').send(page(theme, 'Something went wrong', html`<div class="error" data-error-code="${partyError.code}">
<p><strong>${partyError.code}</strong>: ${partyError.description}</p>
${partyError.fix ? html`<p>Fix: ${partyError.fix}</p>` : html``}</div>`));
    } else {
      res.json({ error: partyError.code, error_description: partyError.description, ...(partyError.fix ? { fix: partyError.fix } : {}) });
    }
  };
}

function toPartyError(err: unknown): PartyError {
  if (err instanceof PartyError) return err;
  const status = (err as { status?: number; statusCode?: number })?.status ?? (err as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const { type, error, error_description: description } = err as { type?: string; error?: string; error_description?: string };
    // body-parser marks its errors with `type`; oidc-provider's carry an OAuth `error` code and description.
    if (type) return new PartyError('invalid_request', status, type === 'entity.too.large' ? 'request body is too large' : 'request body could not be parsed');
    return new PartyError(error ?? 'invalid_request', status, description ?? (err as Error).message ?? 'the request was refused');
  }
  return new PartyError('server_error', 500, 'the party failed to handle this request; see its console output', undefined, { cause: err });
}
