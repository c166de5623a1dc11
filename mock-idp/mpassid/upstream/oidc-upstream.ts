import express from 'express';
import * as oidc from 'openid-client';
import { PartyError } from '../../core/errors.js';
import type { SessionLedger } from '../../core/ledger.js';
import type { MpassidConfig, OidcUpstreamConfig, School } from '../config.js';
import type { DirectoryUpstream, UpstreamCompletion } from './directory-upstream.js';

/** Where the directory returns the browser after an OIDC sign-in. */
export const OIDC_UPSTREAM_CALLBACK_PATH = '/idp/profile/Authn/OIDC/callback';

interface PendingSignIn {
  interactionUid: string;
  school: School;
  codeVerifier: string;
  nonce: string;
  expiresAt: number;
}

/** MPASSid as an OpenID Connect relying party of the school's Entra tenant (code flow, PKCE, client_secret_post). */
export function oidcUpstream(config: MpassidConfig & { upstream: OidcUpstreamConfig }, ledger: SessionLedger, complete: UpstreamCompletion): DirectoryUpstream {
  const upstream = config.upstream;
  const redirectUri = `${config.origin}${OIDC_UPSTREAM_CALLBACK_PATH}`;
  const pending = new Map<string, PendingSignIn>();
  ledger.onReset(() => pending.clear());
  let discovered: Promise<oidc.Configuration> | undefined;
  const serverFetch = config.fetch as unknown as oidc.CustomFetch | undefined;

  const configuration = () => {
    discovered ??= oidc.discovery(new URL(upstream.issuer), upstream.clientId, undefined, oidc.ClientSecretPost(upstream.clientSecret), {
      ...(upstream.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
      ...(serverFetch ? { [oidc.customFetch]: serverFetch } : {}),
    }).then((c) => {
      if (serverFetch) c[oidc.customFetch] = serverFetch;
      return c;
    }).catch((err) => {
      discovered = undefined;
      throw new PartyError('directory_unreachable', 502, `could not read the directory's discovery document from ${upstream.issuer}`,
        'check that the mock Entra ID is running and that upstream.issuer points at its tenant', { cause: err });
    });
    return discovered;
  };

  const routes = express.Router();
  routes.get(OIDC_UPSTREAM_CALLBACK_PATH, async (req, res) => {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const signIn = pending.get(state);
    if (!signIn || signIn.expiresAt < Date.now()) {
      throw new PartyError('unknown_state', 400, 'the directory returned a sign-in that MPASSid did not start (unknown or expired state)',
        'start the sign-in again from the service');
    }
    pending.delete(state);
    if (typeof req.query.error === 'string') {
      throw new PartyError('directory_error', 400, `the directory answered ${req.query.error}: ${String(req.query.error_description ?? '')}`);
    }
    const cfg = await configuration();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(cfg, new URL(req.originalUrl, config.origin), {
        pkceCodeVerifier: signIn.codeVerifier,
        expectedState: state,
        expectedNonce: signIn.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      throw new PartyError('directory_token_failed', 502, `the code exchange with the directory failed: ${(err as Error).message}`,
        undefined, { cause: err });
    }
    const username = String(claims?.preferred_username ?? '');
    ledger.event('upstream.authenticated', { subject: username, detail: { protocol: 'oidc', oid: claims?.oid, tid: claims?.tid, sid: claims?.sid, ver: claims?.ver } });
    await complete(req, res, { interactionUid: signIn.interactionUid, school: signIn.school, identity: { username, oid: claims?.oid as string } });
  });

  return {
    protocol: 'oidc',
    routes,
    async begin(res, input) {
      const cfg = await configuration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      pending.set(state, { ...input, codeVerifier, nonce, expiresAt: Date.now() + 10 * 60_000 });
      const url = oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(input.forceAuthn ? { prompt: 'login' } : {}),
      });
      ledger.event('upstream.started', { detail: { protocol: 'oidc', school: input.school.code } });
      res.redirect(303, url.href);
    },
  };
}
