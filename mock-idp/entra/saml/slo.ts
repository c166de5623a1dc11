import type { Request, Response } from 'express';
import { endSessionOfRequest, endStoredSession } from '../../core/end-session.js';
import type { InboundSamlMessage } from '../../core/saml/inbound-message.js';
import type { Payload } from '../../core/oidc-memory-adapter.js';
import { PERSISTENT_COOKIE, SESSION_COOKIE } from '../session-cookies.js';
import { signedOutPage } from '../views.js';
import { sessionUidOf } from './acs-response.js';
import type { EntraSamlContext } from './context.js';
import { verifyRequestSignature } from './request-signature.js';
import { entraSamlIdp, samlAppByIdentifier, samlServiceProvider } from './saml-apps.js';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';

function sessionIndexOf(root: Element): string | undefined {
  const element = Array.from(root.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === SAMLP && (n as Element).localName === 'SessionIndex');
  return element?.textContent?.trim() || undefined;
}

/**
 * A LogoutRequest at `GET /{tenant}/saml2` (Entra takes SLO over HTTP-Redirect only). Ends the Entra session its
 * SessionIndex names, or else the one the browser's cookie points at (`endedBy: logout`), clears the Entra
 * cookies, and redirects a signed LogoutResponse to the app's Logout URL; without one, Entra's "You signed out"
 * page. Other apps of the session are not notified (Entra's SAML SLO does not propagate).
 */
export async function handleLogoutRequest(
  ctx: EntraSamlContext,
  req: Request,
  res: Response,
  input: { message: InboundSamlMessage; relayState?: string },
): Promise<void> {
  const { message, relayState } = input;
  const app = samlAppByIdentifier(ctx.config, message.issuer);
  verifyRequestSignature(app, message, 'redirect', req);
  const sessionIndex = sessionIndexOf(message.root);
  ctx.ledger.event('saml.logout.received', { detail: { appId: app.clientId, sessionIndex } });

  const uid = sessionIndex ? sessionUidOf(sessionIndex) : undefined;
  const named = uid ? await ctx.provider.Session.findByUid(uid) : undefined;
  let ended: Payload | undefined = named ? endStoredSession(ctx.store, ctx.ledger, named.jti, 'logout') : undefined;
  // A SessionIndex that names no live session (or none at all): the browser's own session is the one to end.
  ended ??= endSessionOfRequest(req, [SESSION_COOKIE, PERSISTENT_COOKIE], ctx.store, ctx.ledger);
  for (const name of [SESSION_COOKIE, PERSISTENT_COOKIE]) res.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax' });

  const returnTo = app.saml.logoutUrl;
  ctx.ledger.event('saml.logout.completed', {
    ...(ended?.uid ? { sessionId: ended.uid } : {}),
    detail: { appId: app.clientId, sessionIndex, sessionEnded: ended !== undefined, returnTo },
  });
  res.set('cache-control', 'no-store');
  if (!returnTo) {
    res.type('html').send(signedOutPage({ frontchannelUris: [] }));
    return;
  }
  const idp = await entraSamlIdp(ctx.config);
  const response = idp.createLogoutResponse(samlServiceProvider(app), { extract: { request: { id: message.id } } }, 'redirect',
    relayState !== undefined ? { relayState } : {});
  res.redirect(302, response.context);
}
