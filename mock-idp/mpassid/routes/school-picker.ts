import express, { type Router } from 'express';
import type Provider from 'oidc-provider';
import { invalidRequest } from '../../core/errors.js';
import { interactionFor } from '../../core/interaction-lookup.js';
import type { SessionLedger } from '../../core/ledger.js';
import type { MpassidConfig } from '../config.js';
import type { DirectoryUpstream } from '../upstream/directory-upstream.js';
import { langOf, schoolPickerPage } from '../views.js';

const AUTHN_SOURCE = 'urn:mpass.id:authnsource:';

/**
 * The school picker: `GET /idp/profile/interaction/{uid}` shows it (or skips it when the service asked for one
 * source with `acr_values=urn:mpass.id:authnsource:<source>`), `POST …/{uid}` sends the browser to that school's
 * directory.
 */
export function schoolPickerRoutes(config: MpassidConfig, provider: Provider, upstream: DirectoryUpstream, ledger: SessionLedger): Router {
  const router = express.Router();
  const path = '/idp/profile/interaction/:uid';

  router.get(path, async (req, res) => {
    const interaction = await interactionFor(provider, req, res);
    const params = interaction.params as Record<string, unknown>;
    const forceAuthn = String(params.prompt ?? '').split(' ').includes('login');
    const requested = String(params.acr_values ?? '').split(' ').filter((v) => v.startsWith(AUTHN_SOURCE)).map((v) => v.slice(AUTHN_SOURCE.length));
    const preselected = config.schools.find((s) => requested.includes(s.authnSource));
    if (preselected) {
      ledger.event('school_picker.skipped', { detail: { school: preselected.code, clientId: params.client_id } });
      await upstream.begin(res, { interactionUid: interaction.uid, school: preselected, forceAuthn });
      return;
    }
    ledger.event('school_picker.shown', { detail: { clientId: params.client_id } });
    const client = await provider.Client.find(String(params.client_id));
    res.type('html').send(schoolPickerPage({
      action: req.originalUrl.split('?')[0],
      schools: config.schools,
      lang: langOf(params.lang),
      serviceName: client?.clientName as string | undefined,
    }));
  });

  router.post(path, express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    const interaction = await interactionFor(provider, req, res);
    const school = config.schools.find((s) => s.code === req.body?.school);
    if (!school) throw invalidRequest(`no school with code ${JSON.stringify(req.body?.school ?? null)}`, 'pick one of the schools on the page');
    const forceAuthn = String((interaction.params as Record<string, unknown>).prompt ?? '').split(' ').includes('login');
    ledger.event('school_picker.chosen', { detail: { school: school.code } });
    await upstream.begin(res, { interactionUid: interaction.uid, school, forceAuthn });
  });
  return router;
}
