import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { PartyError } from '../mock-idp/core/errors.js';
import { decodeInboundMessage } from '../mock-idp/core/saml/inbound-message.js';
import { samlId } from '../mock-idp/core/saml/xml.js';
import { SAML_SP_PATHS, samlSpUrls, type SampleSamlConfig, type SamlSpUrls } from './config.js';
import type { FinishedLogin, LoginProtocol } from './login-protocol.js';
import { authnRequestXml } from './saml-authn-request.js';
import { fetchIdpMetadata, type SamlIdentityProvider } from './saml-idp-metadata.js';
import { ReplayCache } from '../mock-idp/core/saml/replay-cache.js';
import {
  checkAssertionSigned, checkContents, checkInResponseTo, checkStatus, checkStructure,
  SamlResponseRejected, type PendingRequest, type ResponseExpectations,
} from './saml-response-checks.js';
import { readResponse, type ReadAssertion } from './saml-response-reader.js';
import { verifyAssertionSignature, verifyResponseSignature } from './saml-signatures.js';
import { createSampleServiceProvider, SAML_CLOCK_SKEW_MS, type SampleServiceProvider } from './saml-sp.js';
import { samlifyRejection } from './samlify-errors.js';
import { PENDING_LOGIN_TTL_MS } from './service-cookies.js';

/** The attribute MPASSid carries the user's stable identifier in. */
export const MPASS_UID = 'urn:mpass.id:uid';
const GIVEN_NAME = 'urn:oid:2.5.4.42';
const SURNAME = 'urn:oid:2.5.4.4';

/** What the SAML sign-in adds to the session: what a SAML LogoutRequest would need to name the session. */
export interface SamlSessionInfo {
  /** MPASSid's entityID. */
  idpEntityId: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  authnContextClassRef?: string;
}

/** A finished SAML sign-in: the user, plus {@link SamlSessionInfo} (kept on the service session as `saml`). */
export interface SamlFinishedLogin extends FinishedLogin {
  saml: SamlSessionInfo;
}

/** Options of {@link SamlLogin}. */
export interface SamlLoginOptions {
  /** The service's origin; entityID `<origin>/saml/metadata`, ACS `<origin>/saml/acs`. */
  origin: string;
  /** The SAML registration; without it the SP metadata is still served, but sign-in fails with `saml_not_configured`. */
  saml?: SampleSamlConfig;
  /** Fetch for reading MPASSid's IdP metadata. */
  fetch?: typeof fetch;
}

/** A sign-in started and not yet finished, remembered under its RelayState. */
interface PendingLogin extends PendingRequest {
  returnTo: string;
}

/**
 * The error for SAML sign-in without `saml.idpMetadataUrl` in the service config.
 *
 * @param status 500 when a sign-in hits it, 400 when the harness asks to switch to SAML
 */
export function samlNotConfigured(status = 500): PartyError {
  return new PartyError('saml_not_configured', status,
    'SAML sign-in is selected, but the sample service config has no saml.idpMetadataUrl',
    'give the sample service config saml: { idpMetadataUrl: "<mpassid origin>/idp/shibboleth" }, or use protocol "oidc"');
}

/** Every attribute by Name: one value as a string, several as an array (several Attributes of one Name merge). */
function attributeClaims(assertion: ReadAssertion): Record<string, string | string[]> {
  const merged = new Map<string, string[]>();
  for (const attribute of assertion.attributes) merged.set(attribute.name, [...(merged.get(attribute.name) ?? []), ...attribute.values]);
  return Object.fromEntries(Array.from(merged, ([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Sign-in with MPASSid over SAML 2.0 Web Browser SSO: an AuthnRequest by HTTP-Redirect (signed unless
 * `signAuthnRequests: false`), the Response by HTTP-POST to `/saml/acs`. The ACS post is cross-site, so a
 * SameSite=Lax cookie would not come back with it; the pending sign-in is remembered on the server under the
 * RelayState and matched by InResponseTo. MPASSid's metadata is fetched on first use (it may start after the
 * service), cached once read, and read afresh after a harness reset.
 *
 * A Response is accepted only when every check passes: schema and no DTD; status Success; exactly one Assertion,
 * directly under the Response; a signed Assertion whose own signature verifies (and the Response's, when signed);
 * samlify's own parse; Issuer, Destination, bearer Recipient, Audience, validity windows (60 s skew);
 * InResponseTo; and the Assertion not consumed before. Each refusal is a {@link SamlResponseRejected} naming why.
 */
export class SamlLogin implements LoginProtocol {
  readonly callback = { method: 'post', path: SAML_SP_PATHS.acs } as const;
  /** The service's SAML entityID, metadata URL and ACS URL. */
  readonly urls: SamlSpUrls;
  private readonly pending = new Map<string, PendingLogin>();
  private readonly replay = new ReplayCache();
  private readonly signAuthnRequests: boolean;
  private sp?: Promise<SampleServiceProvider>;
  private idp?: Promise<SamlIdentityProvider>;

  constructor(private readonly options: SamlLoginOptions) {
    this.urls = samlSpUrls(options.origin);
    this.signAuthnRequests = options.saml?.signAuthnRequests ?? true;
  }

  /** Whether the service config has a SAML registration (`saml.idpMetadataUrl`). */
  get configured(): boolean {
    return Boolean(this.options.saml?.idpMetadataUrl);
  }

  /** The service's SP entity and metadata (made once; the signing certificate is made for this run). */
  serviceProvider(): Promise<SampleServiceProvider> {
    this.sp ??= createSampleServiceProvider(this.options.origin, { signAuthnRequests: this.signAuthnRequests });
    return this.sp;
  }

  /** The SP metadata MPASSid registers the service by. */
  async metadataXml(): Promise<string> {
    return (await this.serviceProvider()).metadataXml;
  }

  /** MPASSid's IdP, from its metadata read on first use; a failed read is retried on the next call. */
  identityProvider(): Promise<SamlIdentityProvider> {
    const url = this.options.saml?.idpMetadataUrl;
    if (!url) return Promise.reject(samlNotConfigured());
    this.idp ??= fetchIdpMetadata(url, this.signAuthnRequests, this.options.fetch).catch((err: unknown) => {
      this.idp = undefined;
      throw err;
    });
    return this.idp;
  }

  async startLogin(_req: Request, res: Response, returnTo: string): Promise<void> {
    const [idp, { sp, urls }] = await Promise.all([this.identityProvider(), this.serviceProvider()]);
    const requestId = samlId();
    const relayState = randomBytes(18).toString('base64url');
    const xml = authnRequestXml({
      id: requestId,
      issueInstant: new Date(),
      destination: idp.ssoUrl,
      issuer: urls.entityId,
      acsUrl: urls.acsUrl,
      requestedAuthnSource: this.options.saml?.requestedAuthnSource,
    });
    let location: string;
    try {
      location = sp.createLoginRequest(idp.requestTarget, 'redirect', { relayState, customTagReplacement: () => ({ id: requestId, context: xml }) }).context;
    } catch (err) {
      throw new PartyError('saml_request_failed', 500, `samlify could not build the AuthnRequest: ${err instanceof Error ? err.message : String(err)}`,
        'check MPASSid\'s metadata (HTTP-Redirect SingleSignOnService) and the service\'s SAML settings', { cause: err });
    }
    this.expectResponse(requestId, { relayState, returnTo });
    res.set('cache-control', 'no-store').redirect(location);
  }

  /**
   * Remembers a sign-in waiting for MPASSid's Response to AuthnRequest `requestId`. `startLogin` uses it; tests use
   * it to post prepared Responses (golden files) that answer a known request ID.
   *
   * @returns the RelayState the Response must come back with
   */
  expectResponse(requestId: string, options: { relayState?: string; returnTo?: string } = {}): string {
    this.dropExpired();
    const relayState = options.relayState ?? randomBytes(18).toString('base64url');
    this.pending.set(relayState, { requestId, returnTo: options.returnTo ?? '/', startedAt: Date.now() });
    return relayState;
  }

  async finishLogin(req: Request, _res: Response): Promise<SamlFinishedLogin> {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const relayState = typeof body.RelayState === 'string' ? body.RelayState : undefined;
    // A RelayState answers once, whatever the outcome.
    const pending = relayState === undefined ? undefined : this.pending.get(relayState);
    if (relayState !== undefined) this.pending.delete(relayState);

    const [idp, { sp, urls }] = await Promise.all([this.identityProvider(), this.serviceProvider()]);
    const message = await decodeInboundMessage(body.SAMLResponse, 'post', ['Response']);
    const response = readResponse(message.root);
    const now = Date.now();
    const expected: ResponseExpectations = { idpEntityId: idp.entityId, spEntityId: urls.entityId, acsUrl: urls.acsUrl, now, skewMs: SAML_CLOCK_SKEW_MS };

    checkStatus(response);
    const assertion = checkStructure(response);
    checkAssertionSigned(response, assertion);
    try {
      await sp.parseLoginResponse(idp.idp, 'post', { body: { SAMLResponse: body.SAMLResponse } });
    } catch (err) {
      const rejection = samlifyRejection(err);
      // samlify got past the signatures; name the exact Issuer or instant it objected to.
      if (rejection.code === 'saml_wrong_issuer' || rejection.code === 'saml_expired') checkContents(response, assertion, expected);
      throw rejection;
    }
    verifyAssertionSignature(message.xml, assertion.id, idp.idp);
    verifyResponseSignature(message.xml, response.id, idp.idp);
    checkContents(response, assertion, expected);
    checkInResponseTo(response, assertion, relayState, pending, PENDING_LOGIN_TTL_MS, now);
    if (this.replay.has(assertion.id, now)) {
      throw new SamlResponseRejected('saml_replayed', `replay: the Assertion "${assertion.id}" was already used to sign in; an assertion signs in once`,
        'sign in again to get a fresh assertion');
    }
    const expiries = [assertion.conditions?.notOnOrAfter, ...assertion.subjectConfirmations.map((c) => c.notOnOrAfter)]
      .flatMap((v) => (v ? [Date.parse(v)] : []));
    this.replay.add(assertion.id, Math.max(now, ...expiries) + SAML_CLOCK_SKEW_MS);

    const claims = attributeClaims(assertion);
    const subject = first(claims[MPASS_UID]) ?? assertion.nameId?.value;
    if (!subject) {
      throw new SamlResponseRejected('saml_rejected', `the Assertion names no user: no ${MPASS_UID} attribute and no NameID`, `make MPASSid release ${MPASS_UID}`);
    }
    return {
      subject,
      givenName: first(claims[GIVEN_NAME]),
      familyName: first(claims[SURNAME]),
      claims,
      returnTo: pending?.returnTo ?? '/',
      saml: {
        idpEntityId: idp.entityId,
        nameId: assertion.nameId?.value ?? '',
        nameIdFormat: assertion.nameId?.format,
        sessionIndex: assertion.authn?.sessionIndex,
        authnContextClassRef: assertion.authn?.contextClassRef,
      },
    };
  }

  reset(): void {
    this.pending.clear();
    this.replay.clear();
    // MPASSid may be restarted with another key between tests; read its metadata afresh.
    this.idp = undefined;
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [relayState, login] of this.pending) if (now - login.startedAt > PENDING_LOGIN_TTL_MS) this.pending.delete(relayState);
  }
}
