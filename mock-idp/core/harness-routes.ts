import express, { type Router } from 'express';
import { requireHarnessToken } from './harness-token.js';
import type { HopTrace } from './hop-trace.js';
import type { SessionLedger } from './ledger.js';

/**
 * The `/__harness/*` routes every party serves: `health`, `sessions` (the ledger), `trace` (the hop trace) and
 * `reset`, open over loopback and behind a token otherwise (see harness-token.ts). See DESIGN.md, "Contracts every
 * party keeps".
 */
export function harnessRoutes(ledger: SessionLedger, trace: HopTrace, extra?: (router: Router) => void): Router {
  const router = express.Router();
  router.use('/__harness', requireHarnessToken);
  router.get('/__harness/health', (_req, res) => {
    res.json({ party: ledger.party, ready: true });
  });
  router.get('/__harness/sessions', (_req, res) => {
    res.set('cache-control', 'no-store').json(ledger.snapshot());
  });
  router.get('/__harness/trace', (_req, res) => {
    res.set('cache-control', 'no-store').json({ party: ledger.party, hops: trace.list() });
  });
  router.post('/__harness/reset', async (_req, res, next) => {
    try {
      await ledger.reset();
      trace.reset();
      res.json({ party: ledger.party, reset: true });
    } catch (err) {
      next(err);
    }
  });
  extra?.(router);
  return router;
}
