import { PartyError } from '../mock-idp/core/errors.js';
import type { ReadAssertion, ReadResponse, SubjectConfirmation } from './saml-response-reader.js';

/** Why the service refused a SAML login Response; each code is one check. */
export type SamlRejectionCode =
  | 'saml_status'
  | 'saml_schema_invalid'
  | 'saml_no_assertion'
  | 'saml_encrypted_assertion'
  | 'saml_wrapping'
  | 'saml_unsigned'
  | 'saml_bad_signature'
  | 'saml_wrong_issuer'
  | 'saml_wrong_destination'
  | 'saml_wrong_recipient'
  | 'saml_subject_unconfirmed'
  | 'saml_wrong_audience'
  | 'saml_not_yet_valid'
  | 'saml_expired'
  | 'saml_unsolicited'
  | 'saml_unknown_request'
  | 'saml_in_response_to'
  | 'saml_replayed'
  | 'saml_rejected';

/**
 * A SAML login Response the service refuses (HTTP 400). The description names the check that failed and the
 * values involved; the fix says what MPASSid (or the tester) must change. Rendered like every `PartyError`.
 */
export class SamlResponseRejected extends PartyError {
  constructor(override readonly code: SamlRejectionCode, description: string, fix: string, options?: { cause?: unknown }) {
    super(code, 400, description, fix, options);
    this.name = 'SamlResponseRejected';
  }
}

/** What the service expects of a Response addressed to it. */
export interface ResponseExpectations {
  /** MPASSid's entityID, from its metadata. */
  idpEntityId: string;
  /** The service's SP entityID. */
  spEntityId: string;
  /** The service's ACS URL. */
  acsUrl: string;
  /** The service's clock, in ms since the epoch. */
  now: number;
  /** Allowed clock skew, in ms, on both ends of every validity window. */
  skewMs: number;
}

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const reject = (code: SamlRejectionCode, description: string, fix: string) => new SamlResponseRejected(code, description, fix);
const quote = (value: string | undefined) => (value === undefined ? '(none)' : `"${value}"`);

/** A Response must carry status Success; otherwise its status codes and message are the reason. */
export function checkStatus(response: ReadResponse): void {
  const { code, subCode, message } = response.status;
  if (code === SUCCESS) return;
  const codes = [code ?? '(no StatusCode)', subCode].filter(Boolean).join(' / ');
  throw reject('saml_status', `MPASSid answered the sign-in with SAML status ${codes}${message ? `: "${message}"` : ''} instead of Success`,
    'the sign-in failed at MPASSid or at the school\'s directory; see MPASSid\'s page and the status message, then sign in again');
}

/**
 * Exactly one Assertion, a direct child of the Response, and nothing encrypted: anything else is either unusable
 * or the shape of a signature-wrapping attack (a signed Assertion moved aside, another one read in its place).
 *
 * @returns the Response's Assertion
 */
export function checkStructure(response: ReadResponse): ReadAssertion {
  if (response.encryptedAssertionCount > 0) {
    throw reject('saml_encrypted_assertion', 'the Response carries an EncryptedAssertion, but the service registered no encryption certificate and reads only plain assertions',
      'register the service at MPASSid without an encryption certificate');
  }
  if (response.assertionCount === 0) {
    throw reject('saml_no_assertion', 'the Response carries status Success but no Assertion', 'make MPASSid include the Assertion in a successful Response');
  }
  if (response.assertionCount > 1 || !response.assertion) {
    throw reject('saml_wrapping',
      `signature wrapping suspected: the Response carries ${response.assertionCount} Assertion element(s), ${response.assertion ? 'more than the one' : 'none of them'} directly under <samlp:Response>; the service accepts exactly one Assertion, directly under the Response`,
      'send exactly one Assertion, as a direct child of the Response; a relocated signed Assertion is an attack, not a sign-in');
  }
  return response.assertion;
}

/** The service's metadata says `WantAssertionsSigned="true"`: the Assertion itself must be signed. */
export function checkAssertionSigned(response: ReadResponse, assertion: ReadAssertion): void {
  if (assertion.signed) return;
  throw reject('saml_unsigned',
    `the Assertion is not signed (${response.signed ? 'only the Response is' : 'neither the Response nor the Assertion is signed'}), but the service's metadata says WantAssertionsSigned="true"`,
    'make MPASSid sign the Assertion as the SP metadata asks (WantAssertionsSigned="true")');
}

function parseInstant(value: string, what: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw reject('saml_rejected', `${what} "${value}" is not an xs:dateTime`, 'send SAML instants as UTC xs:dateTime, e.g. 2026-01-01T12:00:00Z');
  return time;
}

function checkWindow(what: string, window: { notBefore?: string; notOnOrAfter?: string }, expected: ResponseExpectations): void {
  const now = new Date(expected.now).toISOString();
  const skew = `allowing ${Math.round(expected.skewMs / 1000)} s of clock skew`;
  if (window.notBefore !== undefined && parseInstant(window.notBefore, `${what} NotBefore`) - expected.skewMs > expected.now) {
    throw reject('saml_not_yet_valid', `the assertion is not valid yet: ${what} NotBefore is ${window.notBefore}, the service's clock says ${now} (${skew})`,
      'check the clocks of MPASSid and the service');
  }
  if (window.notOnOrAfter !== undefined && parseInstant(window.notOnOrAfter, `${what} NotOnOrAfter`) + expected.skewMs <= expected.now) {
    throw reject('saml_expired', `the assertion has expired: ${what} NotOnOrAfter is ${window.notOnOrAfter}, the service's clock says ${now} (${skew})`,
      'sign in again; an assertion can be used only within its validity window');
  }
}

/**
 * Checks who issued the Response, where it was sent, who it is for and when it is valid (SAML core §2.5, §3.2.2;
 * profiles §4.1.4.3): Issuers, Destination, a bearer SubjectConfirmation for the ACS, Audience, validity windows.
 */
export function checkContents(response: ReadResponse, assertion: ReadAssertion, expected: ResponseExpectations): void {
  for (const [where, issuer] of [['Response', response.issuer], ['Assertion', assertion.issuer]] as const) {
    if ((where === 'Assertion' || issuer !== undefined) && issuer !== expected.idpEntityId) {
      throw reject('saml_wrong_issuer', `the ${where} Issuer is ${quote(issuer)}, not MPASSid's entityID "${expected.idpEntityId}" from its metadata`,
        'accept Responses only from the IdP whose metadata the service uses; check saml.idpMetadataUrl');
    }
  }
  if (response.destination !== expected.acsUrl) {
    throw reject('saml_wrong_destination', `the Response Destination is ${quote(response.destination)}, not the service's ACS "${expected.acsUrl}"`,
      'a signed Response posted to the service must name its ACS as Destination; check the ACS URL registered at MPASSid');
  }
  const bearers = assertion.subjectConfirmations.filter((c) => c.method === BEARER);
  if (bearers.length === 0) {
    throw reject('saml_subject_unconfirmed', 'the Assertion has no bearer SubjectConfirmation (Method urn:oasis:names:tc:SAML:2.0:cm:bearer)',
      'make MPASSid confirm the subject with the bearer method, as the Web Browser SSO profile requires');
  }
  const forUs: SubjectConfirmation | undefined = bearers.find((c) => c.recipient === expected.acsUrl);
  if (!forUs) {
    throw reject('saml_wrong_recipient', `the bearer SubjectConfirmationData Recipient is ${bearers.map((c) => quote(c.recipient)).join(', ')}, not the service's ACS "${expected.acsUrl}"`,
      'check the ACS URL registered at MPASSid');
  }
  if (assertion.audienceRestrictions.length === 0) {
    throw reject('saml_wrong_audience', 'the Assertion has no AudienceRestriction, so it does not say it is meant for this service',
      `make MPASSid restrict the Assertion to the audience "${expected.spEntityId}"`);
  }
  const foreign = assertion.audienceRestrictions.find((audiences) => !audiences.includes(expected.spEntityId));
  if (foreign) {
    throw reject('saml_wrong_audience', `the Assertion's Audience is ${foreign.map(quote).join(', ')}, not the service's entityID "${expected.spEntityId}": it was issued for another service`,
      'an assertion for another service must not sign anyone in here; check the entityID registered at MPASSid');
  }
  if (!forUs.notOnOrAfter) {
    throw reject('saml_subject_unconfirmed', 'the bearer SubjectConfirmationData has no NotOnOrAfter', 'make MPASSid limit how long the assertion may be presented');
  }
  checkWindow('Conditions', assertion.conditions ?? {}, expected);
  checkWindow('SubjectConfirmationData', forUs, expected);
  if (assertion.authn?.sessionNotOnOrAfter) checkWindow('AuthnStatement Session', { notOnOrAfter: assertion.authn.sessionNotOnOrAfter }, expected);
}

/** The sign-in the service is waiting for under the Response's RelayState, if any. */
export interface PendingRequest {
  /** The ID of the AuthnRequest the service sent. */
  requestId: string;
  startedAt: number;
}

/**
 * Ties the Response to an AuthnRequest the service sent (profiles §4.1.4.3): the Response's and the bearer
 * confirmation's InResponseTo must both be the ID of the request the service remembered under the RelayState.
 * The RelayState comes back in the form post; a cookie would not, since the post is cross-site.
 */
export function checkInResponseTo(response: ReadResponse, assertion: ReadAssertion, relayState: string | undefined, pending: PendingRequest | undefined, ttlMs: number, now: number): void {
  const inResponseTo = response.inResponseTo;
  if (!inResponseTo) {
    throw reject('saml_unsolicited', 'the Response has no InResponseTo: it answers no AuthnRequest (an unsolicited, IdP-initiated Response), which the service does not accept',
      'start the sign-in at the service (its Sign in button), not at MPASSid');
  }
  const confirmed = assertion.subjectConfirmations.filter((c) => c.method === BEARER && c.inResponseTo !== undefined && c.inResponseTo !== inResponseTo);
  if (confirmed.length > 0) {
    throw reject('saml_in_response_to', `the bearer SubjectConfirmationData InResponseTo ${quote(confirmed[0].inResponseTo)} differs from the Response's InResponseTo "${inResponseTo}"`,
      'both must carry the ID of the AuthnRequest being answered');
  }
  if (relayState === undefined) {
    throw reject('saml_unknown_request', `InResponseTo "${inResponseTo}" cannot be matched to a sign-in: the Response came without RelayState`,
      'MPASSid must return the RelayState the AuthnRequest carried; start the sign-in again at the service');
  }
  if (!pending) {
    throw reject('saml_unknown_request', `InResponseTo "${inResponseTo}" answers no sign-in the service is waiting for: the RelayState is unknown (the sign-in expired, was already finished, or the service was reset)`,
      'start the sign-in again from the service\'s Sign in button');
  }
  if (pending.requestId !== inResponseTo) {
    throw reject('saml_in_response_to', `InResponseTo "${inResponseTo}" does not match the AuthnRequest "${pending.requestId}" the service sent with this RelayState`,
      'answer the AuthnRequest the service sent; start the sign-in again from the service');
  }
  if (now - pending.startedAt > ttlMs) {
    throw reject('saml_unknown_request', `the sign-in with AuthnRequest "${inResponseTo}" took more than ${Math.round(ttlMs / 60_000)} minutes and expired`, 'sign in again');
  }
}
