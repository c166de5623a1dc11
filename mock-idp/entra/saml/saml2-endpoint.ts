import express, { type Request, type Response, type Router } from 'express';
import { PartyError } from '../../core/errors.js';
import { decodeInboundMessage, type InboundSamlMessage, type SamlBinding } from '../../core/saml/inbound-message.js';
import type { EntraSamlContext } from './context.js';
import { asEntraDecodeError, unsupportedSamlRequest } from './errors.js';
import { handleLogoutRequest } from './slo.js';
import { handleAuthnRequest } from './sso.js';

/**
 * `GET|POST /{tenant}/saml2`: Entra's one SAML endpoint. An AuthnRequest (HTTP-Redirect or HTTP-POST) goes to
 * sso.ts, a LogoutRequest (HTTP-Redirect only) to slo.ts. Every refusal is a {@link PartyError} page (4xx) and a
 * `saml.request.rejected` ledger event.
 */
export function saml2Route(ctx: EntraSamlContext): Router {
  const router = express.Router();
  const handle = (binding: SamlBinding) => async (req: Request, res: Response): Promise<void> => {
    const params = (binding === 'redirect' ? req.query : req.body ?? {}) as Record<string, unknown>;
    const relayState = typeof params.RelayState === 'string' ? params.RelayState : undefined;
    let message: InboundSamlMessage | undefined;
    try {
      message = await decodeInboundMessage(params.SAMLRequest, binding, ['AuthnRequest', 'LogoutRequest']).catch((err: unknown) => {
        throw asEntraDecodeError(err);
      });
      if (message.kind === 'AuthnRequest') {
        await handleAuthnRequest(ctx, req, res, { message, binding, relayState });
      } else if (binding === 'redirect') {
        await handleLogoutRequest(ctx, req, res, { message, relayState });
      } else {
        throw unsupportedSamlRequest('Microsoft Entra ID supports SAML single sign-out with the HTTP-Redirect binding only, not HTTP-POST',
          `send the LogoutRequest as GET /${ctx.config.tenantId}/saml2?SAMLRequest=… (deflated, base64, URL-encoded)`);
      }
    } catch (err) {
      if (err instanceof PartyError) {
        ctx.ledger.event('saml.request.rejected', { detail: { binding, kind: message?.kind, issuer: message?.issuer, code: err.code } });
      }
      throw err;
    }
  };
  const path = `/${ctx.config.tenantId}/saml2`;
  router.get(path, handle('redirect'));
  router.post(path, express.urlencoded({ extended: false, limit: '64kb' }), handle('post'));
  return router;
}
