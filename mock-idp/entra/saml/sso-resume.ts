import express, { type Router } from 'express';
import { PartyError } from '../../core/errors.js';
import { SAML_STATUS } from '../../core/saml/login-response.js';
import { entraSamlBridgeClientId, entraSamlResumeUrl } from '../config.js';
import { sendErrorResponse, sendLoginResponse } from './acs-response.js';
import type { EntraSamlContext } from './context.js';

/** Authorize errors that mean "a page would have been needed": answered as SAML `NoPassive`. */
const PASSIVE_ERRORS = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

const notPending = () => new PartyError('saml_request_expired', 400,
  'this SAML sign-in is not pending: it expired, was already answered, or the state parameter is missing',
  'go back to the service and sign in again');

const badCode = (why: string) => new PartyError('saml_bad_resume', 400, `the sign-in result for this SAML request is not usable: ${why}`,
  'go back to the service and sign in again');

/**
 * `GET /{tenant}/saml2/resume`: where the tenant's authorize endpoint returns a SAML sign-in (sso.ts). An error
 * becomes an error Response; a code is looked up in-process (never exchanged over HTTP), consumed once, and
 * turned into the SAML Response posted to the app's ACS.
 */
export function ssoResumeRoute(ctx: EntraSamlContext): Router {
  const router = express.Router();
  router.get(`/${ctx.config.tenantId}/saml2/resume`, async (req, res) => {
    const params = req.query as Record<string, unknown>;
    const request = typeof params.state === 'string' ? ctx.pending.take(params.state) : undefined;
    if (!request) throw notPending();
    if (typeof params.error === 'string') {
      const description = typeof params.error_description === 'string' ? params.error_description : params.error;
      await sendErrorResponse(ctx, res, request, PASSIVE_ERRORS.has(params.error)
        ? { subStatus: SAML_STATUS.noPassive, message: `AADSTS50058: the user is not signed in and IsPassive forbids asking (${description})` }
        : { subStatus: SAML_STATUS.authnFailed, message: description });
      return;
    }
    if (typeof params.code !== 'string') throw badCode('neither code nor error came back');
    const code = await ctx.provider.AuthorizationCode.find(params.code).catch(() => undefined);
    if (!code || !code.isValid) throw badCode('the code is unknown, expired or already used');
    if (code.clientId !== entraSamlBridgeClientId({ clientId: request.appId }) || code.redirectUri !== entraSamlResumeUrl(ctx.config)) throw badCode('the code was issued for another client');
    await code.consume();
    const user = ctx.config.users.find((u) => u.oid === code.accountId);
    if (!user || !code.sessionUid) throw badCode('the code names no known user or session');
    const authTime = new Date((code.authTime ?? Math.floor(Date.now() / 1000)) * 1000);
    await sendLoginResponse(ctx, res, request, { user, sessionUid: code.sessionUid, authTime });
  });
  return router;
}
