import type { Response } from 'express';
import { buildErrorResponse, buildLoginResponse, SAML_STATUS } from '../../core/saml/login-response.js';
import { autoSubmitPage } from '../../core/views.js';
import type { TestUser } from '../../users/test-users.js';
import { entraTheme } from '../theme.js';
import { entraSamlAttributes } from './attributes.js';
import type { EntraSamlContext } from './context.js';
import type { PendingSamlRequest } from './pending-requests.js';
import { EMAIL_NAME_ID, entraSamlIdp, samlAppByClientId, samlServiceProvider } from './saml-apps.js';

/** The AuthnContextClassRef of a password sign-in. */
export const PASSWORD_CONTEXT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password';

/**
 * The SessionIndex of an Entra session: `_` and the session's stable uid. Stable for the whole session, so a
 * LogoutRequest can name the session it ends (see slo.ts).
 */
export const sessionIndexOf = (sessionUid: string) => `_${sessionUid}`;

/** The Entra session uid a SessionIndex names, if it is one of ours. */
export const sessionUidOf = (sessionIndex: string) => (sessionIndex.startsWith('_') && sessionIndex.length > 1 ? sessionIndex.slice(1) : undefined);

function postToAcs(res: Response, request: PendingSamlRequest, samlResponse: string): void {
  res.set('cache-control', 'no-store');
  res.type('html').send(autoSubmitPage(entraTheme, 'Working…', request.acsUrl, {
    SAMLResponse: samlResponse,
    ...(request.relayState !== undefined ? { RelayState: request.relayState } : {}),
  }));
}

function registrationOf(ctx: EntraSamlContext, request: PendingSamlRequest) {
  const app = samlAppByClientId(ctx.config, request.appId);
  if (!app) throw new Error(`SAML app ${request.appId} vanished from the tenant`);
  return app;
}

/** Posts a successful Response (signed assertion, Entra's NameID, claims and SessionIndex) to the app's ACS. */
export async function sendLoginResponse(
  ctx: EntraSamlContext,
  res: Response,
  request: PendingSamlRequest,
  login: { user: TestUser; sessionUid: string; authTime: Date },
): Promise<void> {
  const app = registrationOf(ctx, request);
  const { samlResponse } = await buildLoginResponse({
    idp: await entraSamlIdp(ctx.config),
    sp: samlServiceProvider(app),
    acsUrl: request.acsUrl,
    inResponseTo: request.requestId,
    nameId: { value: login.user.username, format: EMAIL_NAME_ID },
    authn: { instant: login.authTime, sessionIndex: sessionIndexOf(login.sessionUid), contextClassRef: PASSWORD_CONTEXT },
    attributes: entraSamlAttributes(ctx.config, login.user),
  });
  ctx.ledger.event('saml.response.issued', {
    sessionId: login.sessionUid,
    subject: login.user.username,
    detail: { appId: app.clientId, acs: request.acsUrl, status: 'Success' },
  });
  postToAcs(res, request, samlResponse);
}

/** Posts a Response that carries only an error status (`Responder` with a second-level code) to the app's ACS. */
export async function sendErrorResponse(
  ctx: EntraSamlContext,
  res: Response,
  request: PendingSamlRequest,
  error: { subStatus: string; message: string },
): Promise<void> {
  const app = registrationOf(ctx, request);
  const { samlResponse } = buildErrorResponse({
    idp: await entraSamlIdp(ctx.config),
    destination: request.acsUrl,
    inResponseTo: request.requestId,
    status: SAML_STATUS.responder,
    subStatus: error.subStatus,
    message: error.message,
  });
  ctx.ledger.event('saml.response.issued', {
    detail: { appId: app.clientId, acs: request.acsUrl, status: error.subStatus.slice(error.subStatus.lastIndexOf(':') + 1) },
  });
  postToAcs(res, request, samlResponse);
}
