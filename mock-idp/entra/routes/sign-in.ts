import express, { type Router } from 'express';
import type Provider from 'oidc-provider';
import { interactionFor } from '../../core/interaction-lookup.js';
import type { SessionLedger } from '../../core/ledger.js';
import type { MemoryOidcStore } from '../../core/oidc-memory-adapter.js';
import { finishLogin } from '../../core/finish-login.js';
import type { EntraConfig } from '../config.js';
import { signInPage, staySignedInPage } from '../views.js';

/**
 * The tenant's sign-in pages: `GET|POST /{tenant}/login/{uid}` (username and password) and
 * `POST /{tenant}/login/{uid}/kmsi` ("Stay signed in?"). Yes makes the session persistent (`ESTSAUTHPERSISTENT`),
 * no keeps it to the browser session (`ESTSAUTH`).
 */
export function signInRoutes(config: EntraConfig, provider: Provider, store: MemoryOidcStore, ledger: SessionLedger): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const verified = new Map<string, string>(); // interaction uid → oid whose password was checked
  ledger.onReset(() => verified.clear());
  const base = `/${config.tenantId}/login/:uid`;

  router.get(base, async (req, res) => {
    const interaction = await interactionFor(provider, req, res);
    ledger.event('credentials.prompted', { detail: { clientId: interaction.params.client_id, prompt: interaction.prompt.name } });
    const loginHint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined;
    res.type('html').send(signInPage({ action: req.originalUrl.split('?')[0], loginHint }));
  });

  router.post(base, form, async (req, res) => {
    const interaction = await interactionFor(provider, req, res);
    const username = String(req.body?.username ?? '').trim().toLowerCase();
    const password = String(req.body?.password ?? '');
    const user = config.users.find((u) => u.username === username);
    if (!user || user.password !== password) {
      ledger.event('credentials.rejected', { subject: username || undefined });
      res.status(200).type('html').send(signInPage({
        action: req.originalUrl.split('?')[0],
        loginHint: username,
        error: 'AADSTS50126: Error validating credentials due to invalid username or password.',
      }));
      return;
    }
    ledger.event('credentials.accepted', { subject: user.username });
    verified.set(interaction.uid, user.oid);
    res.type('html').send(staySignedInPage({ action: `${req.originalUrl.split('?')[0]}/kmsi`, username: user.username }));
  });

  router.post(`${base}/kmsi`, form, async (req, res) => {
    const interaction = await interactionFor(provider, req, res);
    const oid = verified.get(interaction.uid);
    if (!oid) {
      res.redirect(303, `/${config.tenantId}/login/${interaction.uid}`);
      return;
    }
    verified.delete(interaction.uid);
    const remember = req.body?.stay === 'yes';
    ledger.event('kmsi.answered', { detail: { staySignedIn: remember } });
    await finishLogin(provider, res, { interactionUid: interaction.uid, login: { accountId: oid, remember }, store, ledger });
  });
  return router;
}
