import type { Request, Response } from 'express';
import type { InboundSamlMessage, SamlBinding } from '../../core/saml/inbound-message.js';
import { SAML_STATUS } from '../../core/saml/login-response.js';
import { entraSamlBridgeClientId, entraSamlResumeUrl } from '../config.js';
import { sendErrorResponse } from './acs-response.js';
import type { EntraSamlContext } from './context.js';
import { unregisteredReplyUrl } from './errors.js';
import type { PendingSamlRequest } from './pending-requests.js';
import { verifyRequestSignature } from './request-signature.js';
import { samlAppByIdentifier } from './saml-apps.js';

const xsBoolean = (value: string | null) => value === 'true' || value === '1';

/**
 * An AuthnRequest at `/{tenant}/saml2`: the app is found by Issuer (= its Identifier), its signature checked when
 * the app registered a verification certificate, and the ACS must be one of its reply URLs. The sign-in itself
 * runs through the tenant's own authorize endpoint as the app's SAML bridge client, so SAML and OIDC share one Entra
 * session, its sign-in and "Stay signed in?" pages and cookies: ForceAuthn becomes `prompt=login`, IsPassive
 * `prompt=none`. The browser comes back at `/{tenant}/saml2/resume` (sso-resume.ts).
 */
export async function handleAuthnRequest(
  ctx: EntraSamlContext,
  req: Request,
  res: Response,
  input: { message: InboundSamlMessage; binding: SamlBinding; relayState?: string },
): Promise<void> {
  const { message, binding, relayState } = input;
  const app = samlAppByIdentifier(ctx.config, message.issuer);
  verifyRequestSignature(app, message, binding, req);
  // Without AssertionConsumerServiceURL Entra uses the app's default (first) reply URL.
  const acsUrl = message.root.getAttribute('AssertionConsumerServiceURL') || app.saml.replyUrls[0];
  if (!acsUrl || !app.saml.replyUrls.includes(acsUrl)) {
    throw unregisteredReplyUrl(app.clientId, acsUrl || '(none: the request names no AssertionConsumerServiceURL and the app has no reply URL)');
  }
  const pending: PendingSamlRequest = {
    appId: app.clientId,
    requestId: message.id,
    acsUrl,
    ...(relayState !== undefined ? { relayState } : {}),
    forceAuthn: xsBoolean(message.root.getAttribute('ForceAuthn')),
    isPassive: xsBoolean(message.root.getAttribute('IsPassive')),
  };
  ctx.ledger.event('saml.authn_request.received', {
    detail: { appId: app.clientId, binding, acs: acsUrl, forceAuthn: pending.forceAuthn, isPassive: pending.isPassive },
  });
  if (pending.forceAuthn && pending.isPassive) {
    // A fresh authentication cannot happen without showing a page (SAML core §3.4.1).
    await sendErrorResponse(ctx, res, pending, { subStatus: SAML_STATUS.noPassive, message: 'ForceAuthn and IsPassive cannot both be honoured' });
    return;
  }
  const query = new URLSearchParams({
    client_id: entraSamlBridgeClientId(app),
    redirect_uri: entraSamlResumeUrl(ctx.config),
    response_type: 'code',
    scope: 'openid',
    state: ctx.pending.put(pending),
    ...(pending.forceAuthn ? { prompt: 'login' } : pending.isPassive ? { prompt: 'none' } : {}),
  });
  res.set('cache-control', 'no-store');
  res.redirect(303, `/${ctx.config.tenantId}/oauth2/v2.0/authorize?${query}`);
}
