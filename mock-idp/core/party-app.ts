import express, { type Express, type Router } from 'express';
import { errorHandler, notFound, type PartyError } from './errors.js';
import { harnessRoutes } from './harness-routes.js';
import { HopTrace } from './hop-trace.js';
import { SessionLedger } from './ledger.js';
import type { PageTheme } from './views.js';

/** The skeleton every party is built on: ledger, hop trace, `/__harness` routes and the error handler. */
export interface PartyApp {
  app: Express;
  ledger: SessionLedger;
  trace: HopTrace;
  /** Adds the party's error handler; call after the party's own routes. */
  finish(onError?: (err: PartyError) => void): Express;
}

/** Creates a party's Express app with the shared kit in place. */
export function createPartyApp(party: string, theme: PageTheme, extraHarnessRoutes?: (router: Router) => void): PartyApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const ledger = new SessionLedger(party);
  const trace = new HopTrace(party);
  app.use(trace.middleware);
  app.use(harnessRoutes(ledger, trace, extraHarnessRoutes));
  return {
    app,
    ledger,
    trace,
    finish(onError) {
      app.use((req, _res, next) => {
        next(notFound(`no page at ${req.method} ${req.path}`));
      });
      app.use(errorHandler(theme, (err, req) => {
        if (err.code === 'server_error') console.error(`[${party}] ${req.method} ${req.path}:`, err.cause ?? err);
        onError?.(err);
      }));
      return app;
    },
  };
}
