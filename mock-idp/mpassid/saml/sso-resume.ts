import { randomBytes } from 'node:crypto';
import express, { type Response, type Router } from 'express';
import type Provider from 'oidc-provider';
import { PartyError } from '../../core/errors.js';
import type { SessionLedger } from '../../core/ledger.js';
import { buildErrorResponse, buildLoginResponse, SAML_STATUS, TRANSIENT_NAME_ID } from '../../core/saml/login-response.js';
import { samlError } from '../../core/saml/saml-errors.js';
import { autoSubmitPage } from '../../core/views.js';
import type { MpassidConfig } from '../config.js';
import { mpassidTheme } from '../theme.js';
import { mpassidSamlAttributes } from './attributes.js';
import type { MpassidIdentityProvider } from './identity-provider.js';
import { SAML_PATHS } from './paths.js';
import type { PendingSso, PendingSsoStore } from './pending-sso.js';
import type { ServiceProviders } from './service-providers.js';

function postToAcs(res: Response, pending: PendingSso, samlResponse: string): void {
  res.set('cache-control', 'no-store').type('html').send(autoSubmitPage(mpassidTheme, 'Continue to the service', pending.acsUrl, {
    SAMLResponse: samlResponse,
    ...(pending.relayState !== undefined ? { RelayState: pending.relayState } : {}),
  }));
}

/**
 * `GET /idp/profile/SAML2/Redirect/SSO/resume`: MPASSid's session exists (or `IsPassive` found none). Answers
 * the SP by HTTP-POST: a signed Response with a transient NameID, an AuthnStatement whose SessionIndex names the
 * IdP session and whose AuthnContextClassRef is the authentication source, and the user's attributes.
 */
export function ssoResumeRoute(
  config: MpassidConfig,
  provider: Provider,
  identity: () => Promise<MpassidIdentityProvider>,
  sps: ServiceProviders,
  pending: PendingSsoStore,
  ledger: SessionLedger,
): Router {
  const router = express.Router();
  const usersByUid = new Map(config.users.map((u) => [u.mpass['urn:mpass.id:uid'], u]));

  router.get(SAML_PATHS.ssoResume, async (req, res) => {
    const sso = pending.take(typeof req.query.state === 'string' ? req.query.state : '');
    if (!sso) {
      throw samlError('saml_unknown_state', 'this SAML sign-in is unknown or expired', 'go back to the service and press Sign in again');
    }
    const { idp } = await identity();
    const known = await sps.find(sso.entityId);
    if (typeof req.query.error === 'string') {
      const noSession = req.query.error === 'login_required';
      ledger.event('saml.response.issued', { detail: { entityId: sso.entityId, acs: sso.acsUrl, status: noSession ? 'NoPassive' : req.query.error } });
      postToAcs(res, sso, buildErrorResponse({
        idp,
        destination: sso.acsUrl,
        inResponseTo: sso.requestId,
        status: SAML_STATUS.responder,
        subStatus: noSession ? SAML_STATUS.noPassive : SAML_STATUS.authnFailed,
        message: String(req.query.error_description ?? req.query.error),
      }).samlResponse);
      return;
    }

    const code = typeof req.query.code === 'string' ? await provider.AuthorizationCode.find(req.query.code) : undefined;
    if (!code || code.clientId !== sso.entityId || code.isExpired || (code as unknown as { consumed?: number }).consumed) {
      throw new PartyError('server_error', 500, 'MPASSid lost the sign-in between its session and the SAML response', 'start the sign-in again from the service');
    }
    await code.consume();
    const user = usersByUid.get(code.accountId as string);
    if (!user) throw new PartyError('server_error', 500, `no attributes for ${String(code.accountId)}`);

    const { samlResponse } = await buildLoginResponse({
      idp,
      sp: known.sp,
      acsUrl: sso.acsUrl,
      inResponseTo: sso.requestId,
      nameId: {
        value: randomBytes(20).toString('base64url'),
        format: TRANSIENT_NAME_ID,
        nameQualifier: idp.entityMeta.getEntityID(),
        spNameQualifier: sso.entityId,
      },
      authn: {
        instant: new Date((code.authTime as number) * 1000),
        sessionIndex: `_${String(code.sessionUid)}`,
        contextClassRef: String(code.acr ?? ''),
      },
      attributes: mpassidSamlAttributes(user),
    });
    ledger.event('saml.response.issued', { subject: user.mpass['urn:mpass.id:uid'], detail: { entityId: sso.entityId, acs: sso.acsUrl, status: 'Success' } });
    postToAcs(res, sso, samlResponse);
  });
  return router;
}
