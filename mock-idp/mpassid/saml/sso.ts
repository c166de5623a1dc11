import { randomBytes } from 'node:crypto';
import express, { type Router } from 'express';
import * as oidc from 'openid-client';
import type { SessionLedger } from '../../core/ledger.js';
import { decodeInboundMessage } from '../../core/saml/inbound-message.js';
import type { MpassidConfig } from '../config.js';
import type { ReplayCache } from '../../core/saml/replay-cache.js';
import { checkAuthnRequest } from './authn-request.js';
import { SAML_PATHS } from './paths.js';
import type { PendingSsoStore } from './pending-sso.js';
import type { ServiceProviders } from './service-providers.js';

/** How long an AuthnRequest may be used after its IssueInstant (Shibboleth's message lifetime is 3 minutes). */
export const DEFAULT_AUTHN_REQUEST_LIFETIME_MS = 5 * 60_000;

/**
 * `GET /idp/profile/SAML2/Redirect/SSO`: an SP's AuthnRequest by HTTP-Redirect. Once the request checks out, the
 * browser goes through MPASSid's own authorization endpoint as the SP (its entityID is an internal client id),
 * so SAML and OIDC services share one IdP session, one school picker and one upstream sign-in, as the
 * Shibboleth IdP shares its session between protocols. `ForceAuthn` becomes `prompt=login`, `IsPassive`
 * `prompt=none`, a requested authn source `acr_values`; `lang` is passed on to the picker.
 */
export function ssoRoute(config: MpassidConfig, sps: ServiceProviders, pending: PendingSsoStore, ledger: SessionLedger, replay: ReplayCache): Router {
  const router = express.Router();
  const ssoUrl = `${config.origin}${SAML_PATHS.sso}`;
  router.get(SAML_PATHS.sso, async (req, res) => {
    const message = await decodeInboundMessage(req.query.SAMLRequest, 'redirect', ['AuthnRequest']);
    const known = await sps.find(message.issuer);
    const terms = checkAuthnRequest(message, known, req.query, req.originalUrl, { ssoUrl, lifetimeMs: config.authnRequestLifetimeMs ?? DEFAULT_AUTHN_REQUEST_LIFETIME_MS, replay });
    const relayState = typeof req.query.RelayState === 'string' ? req.query.RelayState : undefined;
    const key = randomBytes(18).toString('base64url');
    pending.add(key, { entityId: known.registration.entityId, requestId: message.id, acsUrl: terms.acsUrl, relayState });
    ledger.event('saml.authn_request.received', {
      detail: { entityId: known.registration.entityId, forceAuthn: terms.forceAuthn, isPassive: terms.isPassive, requestedSources: terms.requestedSources },
    });

    const authorize = new URL(`${config.origin}/idp/profile/oidc/authorize`);
    const verifier = oidc.randomPKCECodeVerifier();
    const params: Record<string, string> = {
      client_id: known.registration.entityId,
      redirect_uri: `${config.origin}${SAML_PATHS.ssoResume}`,
      response_type: 'code',
      scope: 'openid profile',
      state: key,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    };
    if (terms.forceAuthn) params.prompt = 'login';
    else if (terms.isPassive) params.prompt = 'none';
    if (terms.requestedSources.length) params.acr_values = terms.requestedSources.map((s) => `urn:mpass.id:authnsource:${s}`).join(' ');
    if (typeof req.query.lang === 'string') params.lang = req.query.lang;
    for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
    res.redirect(303, authorize.pathname + authorize.search);
  });
  return router;
}
