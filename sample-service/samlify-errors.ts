import { SamlResponseRejected } from './saml-response-checks.js';

const FIX_SIGNATURE = 'sign with the key of the signing certificate in MPASSid\'s metadata, and change nothing after signing';

/**
 * Turns what samlify's `parseLoginResponse` throws (bare `ERR_*` strings, or xml-crypto's messages) into a
 * {@link SamlResponseRejected} whose description a tester can act on. Unknown errors keep samlify's text.
 */
export function samlifyRejection(err: unknown): SamlResponseRejected {
  if (err instanceof SamlResponseRejected) return err;
  const message = err instanceof Error ? err.message : String(err);
  const failedStatus = /^ERR_FAILED_STATUS with top tier code: (.*), second tier code: (.*)$/.exec(message);
  const known: Array<[RegExp, SamlResponseRejected['code'], string, string]> = [
    [/^(FAILED_TO_VERIFY_SIGNATURE|ERR_FAILED_MESSAGE_SIGNATURE_VERIFICATION)$/, 'saml_bad_signature',
      'no signature on the Response or its Assertion verifies with the signing certificate in MPASSid\'s metadata (changed after signing, signed with another key, or not signed at all)', FIX_SIGNATURE],
    [/^invalid signature/, 'saml_bad_signature', `a signature does not verify: ${message}`, FIX_SIGNATURE],
    [/^ERROR_UNMATCH_CERTIFICATE_DECLARATION_IN_METADATA$/, 'saml_bad_signature',
      'the Response is signed with a certificate that is not the signing certificate in MPASSid\'s metadata', FIX_SIGNATURE],
    [/^NO_SELECTED_CERTIFICATE$/, 'saml_bad_signature', 'MPASSid\'s metadata has no signing certificate to verify the Response with', 'publish the signing certificate in MPASSid\'s metadata'],
    [/^(ERR_POTENTIAL_WRAPPING_ATTACK|ERR_MULTIPLE_ASSERTION)$|multiple (elements|Signature elements) with the same/, 'saml_wrapping',
      `signature wrapping suspected: samlify found an Assertion or Signature where none belongs (${message})`, 'send exactly one Assertion, directly under the Response'],
    [/^(ERR_NO_ASSERTION|ERR_EMPTY_ASSERTION|ERR_UNDEFINED_ASSERTION)$/, 'saml_no_assertion', 'the Response carries no (signed) Assertion', 'make MPASSid include a signed Assertion'],
    [/^ERR_UNMATCH_ISSUER$/, 'saml_wrong_issuer', 'the Issuer of the Response is not MPASSid\'s entityID from its metadata', 'check saml.idpMetadataUrl'],
    [/^ERR_SUBJECT_UNCONFIRMED$/, 'saml_expired', 'the assertion is outside its validity window (Conditions NotBefore / NotOnOrAfter), allowing for clock skew', 'sign in again; check the clocks'],
    [/^ERR_EXPIRED_SESSION$/, 'saml_expired', 'the assertion\'s session has ended (AuthnStatement SessionNotOnOrAfter has passed)', 'sign in again'],
    [/^ERR_UNDEFINED_STATUS$/, 'saml_status', 'the Response carries no StatusCode', 'send a Status with a StatusCode'],
    [/^ERR_INVALID_XML$|SAML 2.0 schema/, 'saml_schema_invalid', `the Response is not a valid SAML 2.0 message: ${message}`, 'send a message that conforms to the SAML 2.0 protocol schema'],
  ];
  if (failedStatus) {
    return new SamlResponseRejected('saml_status', `MPASSid answered the sign-in with SAML status ${failedStatus[1]}${failedStatus[2] !== 'undefined' ? ` / ${failedStatus[2]}` : ''} instead of Success`,
      'the sign-in failed at MPASSid or at the school\'s directory; sign in again', { cause: err });
  }
  for (const [pattern, code, description, fix] of known) {
    if (pattern.test(message)) return new SamlResponseRejected(code, description, fix, { cause: err });
  }
  return new SamlResponseRejected('saml_rejected', `samlify refused the Response: ${message}`, 'compare the Response with the SAML 2.0 Web Browser SSO profile', { cause: err });
}
