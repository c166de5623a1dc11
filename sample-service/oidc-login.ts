import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { readCookies } from '../mock-idp/core/cookies.js';
import { PartyError } from '../mock-idp/core/errors.js';
import { CALLBACK_PATH, type MpassidClientConfig } from './config.js';
import type { FinishedLogin, LoginProtocol } from './login-protocol.js';
import { LOGIN_COOKIE, PENDING_LOGIN_TTL_MS, loginCookieOptions } from './service-cookies.js';

/** A sign-in started in one browser and not yet finished. */
interface PendingLogin {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
  startedAt: number;
}

/** Options of {@link OidcLogin}. */
export interface OidcLoginOptions {
  /** The service's origin; the redirect URI is `<origin>/auth/callback`. */
  origin: string;
  mpassid: MpassidClientConfig;
  fetch?: typeof fetch;
}

const SCOPE = 'openid profile';
const DISCOVERY_TIMEOUT_S = 5;

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}

/**
 * Sign-in with MPASSid over OpenID Connect: authorization code flow with PKCE (S256), `state` and `nonce`, scope
 * `openid profile` (OpenID Connect Core 1.0 §3.1). MPASSid is discovered lazily on first use, because the service
 * may start before it, and the discovery is cached once it succeeds.
 */
export class OidcLogin implements LoginProtocol {
  readonly callback = { method: 'get', path: CALLBACK_PATH } as const;
  private readonly pending = new Map<string, PendingLogin>();
  private discovered?: Promise<client.Configuration>;
  private readonly redirectUri: string;

  constructor(private readonly options: OidcLoginOptions) {
    this.redirectUri = `${options.origin.replace(/\/$/, '')}${CALLBACK_PATH}`;
  }

  /** MPASSid's configuration, discovered on first use; a failed discovery is retried on the next call. */
  configuration(): Promise<client.Configuration> {
    this.discovered ??= this.discover().catch((err: unknown) => {
      this.discovered = undefined;
      throw err;
    });
    return this.discovered;
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, tokenEndpointAuthMethod } = this.options.mpassid;
    let issuerUrl: URL;
    try {
      issuerUrl = new URL(issuer);
    } catch (err) {
      throw new PartyError('mpassid_unreachable', 502, `the MPASSid issuer "${issuer}" is not a URL`,
        'set mpassid.issuer in the sample service config to MPASSid\'s origin, e.g. http://127.0.0.3:5601', { cause: err });
    }
    const auth = tokenEndpointAuthMethod === 'client_secret_post'
      ? client.ClientSecretPost(clientSecret)
      : client.ClientSecretBasic(clientSecret);
    const userFetch = this.options.fetch;
    try {
      return await client.discovery(issuerUrl, clientId, undefined, auth, {
        timeout: DISCOVERY_TIMEOUT_S,
        // The harness runs over http on loopback; openid-client refuses http unless told.
        ...(issuerUrl.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
        ...(userFetch ? { [client.customFetch]: (url: string, init: client.CustomFetchOptions) => userFetch(url, init as RequestInit) } : {}),
      });
    } catch (err) {
      const discoveryUrl = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      throw new PartyError('mpassid_unreachable', 502,
        `could not reach MPASSid at ${issuer}: reading ${discoveryUrl} failed: ${describeError(err)}`,
        `start the mock MPASSid at ${issuer}, or point mpassid.issuer in the sample service config at it`, { cause: err });
    }
  }

  async startLogin(_req: Request, res: Response, returnTo: string): Promise<void> {
    const config = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const login: PendingLogin = {
      codeVerifier,
      state: client.randomState(),
      nonce: client.randomNonce(),
      returnTo,
      startedAt: Date.now(),
    };
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
    this.dropExpired();
    const loginId = randomBytes(18).toString('base64url');
    this.pending.set(loginId, login);
    res.cookie(LOGIN_COOKIE, loginId, loginCookieOptions);
    res.set('cache-control', 'no-store').redirect(authorizationUrl.href);
  }

  async finishLogin(req: Request, res: Response): Promise<FinishedLogin> {
    const loginId = readCookies(req)[LOGIN_COOKIE];
    const login = loginId ? this.pending.get(loginId) : undefined;
    if (loginId) {
      this.pending.delete(loginId);
      res.clearCookie(LOGIN_COOKIE, loginCookieOptions);
    }

    const opError = firstString(req.query.error);
    if (opError) {
      const description = firstString(req.query.error_description);
      throw new PartyError('mpassid_error', 400,
        `MPASSid answered the sign-in with error "${opError}"${description ? `: ${description}` : ''}`,
        'check the client registration at MPASSid (client id, redirect URI, scope) and sign in again');
    }
    if (!login) {
      throw new PartyError('login_not_pending', 400,
        loginId
          ? 'this sign-in answer belongs to no sign-in the service is waiting for (it expired, was already used, or the service was reset)'
          : `no sign-in was started in this browser (the ${LOGIN_COOKIE} cookie is missing)`,
        'start the sign-in again from the service\'s Sign in button, in the same browser');
    }
    if (Date.now() - login.startedAt > PENDING_LOGIN_TTL_MS) {
      throw new PartyError('login_not_pending', 400, 'the sign-in took too long and expired', 'sign in again');
    }

    const config = await this.configuration();
    const currentUrl = new URL(this.redirectUri);
    currentUrl.search = new URL(req.originalUrl, this.redirectUri).search;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw loginFailed('the authorization code exchange with MPASSid failed', err);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new PartyError('login_failed', 502, 'MPASSid returned no ID token', 'make MPASSid issue an ID token for scope openid');
    let claims: Record<string, unknown> = { ...idClaims };
    if (claims.given_name === undefined && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      try {
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...claims, ...userinfo };
      } catch (err) {
        throw loginFailed('reading the user\'s claims from MPASSid\'s userinfo endpoint failed', err);
      }
    }
    return {
      subject: idClaims.sub,
      givenName: typeof claims.given_name === 'string' ? claims.given_name : undefined,
      familyName: typeof claims.family_name === 'string' ? claims.family_name : undefined,
      claims,
      returnTo: login.returnTo,
    };
  }

  reset(): void {
    this.pending.clear();
    // MPASSid may be restarted with another configuration between tests; discover it afresh.
    this.discovered = undefined;
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [id, login] of this.pending) if (now - login.startedAt > PENDING_LOGIN_TTL_MS) this.pending.delete(id);
  }
}

function loginFailed(what: string, err: unknown): PartyError {
  if (err instanceof client.ResponseBodyError) {
    return new PartyError('login_failed', 502, `${what}: MPASSid answered "${err.error}"${err.error_description ? `: ${err.error_description}` : ''}`,
      'check the client secret and token endpoint authentication method registered at MPASSid', { cause: err });
  }
  const code = (err as { code?: unknown })?.code;
  return new PartyError('login_failed', 400, `${what}: ${describeError(err)}${typeof code === 'string' ? ` [${code}]` : ''}`,
    'sign in again; if it keeps failing, compare the ID token and callback with the client registration', { cause: err });
}
