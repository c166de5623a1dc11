import { TRANSIENT_NAME_ID } from '../mock-idp/core/saml/login-response.js';
import { samlInstant, xmlEscape } from '../mock-idp/core/saml/xml.js';

/** The prefix of MPASSid's authentication context classes: `urn:mpass.id:authnsource:<source>`. */
export const AUTHN_SOURCE_PREFIX = 'urn:mpass.id:authnsource:';

/** What goes into the service's AuthnRequest. */
export interface AuthnRequestInput {
  id: string;
  issueInstant: Date;
  /** The IdP's HTTP-Redirect SSO URL. */
  destination: string;
  /** The SP entityID. */
  issuer: string;
  /** Where the Response is posted (HTTP-POST). */
  acsUrl: string;
  /** Sent as `RequestedAuthnContext` (`urn:mpass.id:authnsource:<source>`, Comparison `exact`) when given. */
  requestedAuthnSource?: string;
}

/**
 * The service's AuthnRequest (SAML core §3.4.1): ACS by URL with the HTTP-POST binding, a transient NameIDPolicy
 * and, when asked for, a `RequestedAuthnContext` naming one MPASSid authentication source (which skips MPASSid's
 * school picker). samlify deflates, encodes and signs it for the HTTP-Redirect binding.
 */
export function authnRequestXml(input: AuthnRequestInput): string {
  const requested = input.requestedAuthnSource
    ? `<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>${xmlEscape(AUTHN_SOURCE_PREFIX + input.requestedAuthnSource)}</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>`
    : '';
  return '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"'
    + ` ID="${xmlEscape(input.id)}" Version="2.0" IssueInstant="${samlInstant(input.issueInstant)}" Destination="${xmlEscape(input.destination)}"`
    + ` AssertionConsumerServiceURL="${xmlEscape(input.acsUrl)}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">`
    + `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>`
    + `<samlp:NameIDPolicy Format="${TRANSIENT_NAME_ID}" AllowCreate="true"/>`
    + requested
    + '</samlp:AuthnRequest>';
}
