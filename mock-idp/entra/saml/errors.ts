import { PartyError } from '../../core/errors.js';
import type { EntraConfig } from '../config.js';

/** AADSTS700016: no app of the tenant has this Identifier (the request's Issuer). */
export const unknownSamlApplication = (config: EntraConfig, issuer: string) =>
  new PartyError('saml_unknown_application', 400,
    `AADSTS700016: Application with identifier '${issuer}' was not found in the directory '${config.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    `register an app in the tenant whose saml.identifier is exactly '${issuer}' (the SP's entityID), or send the SP's registered Issuer`);

/** AADSTS50011: the Response would go to an address that is not among the app's reply URLs. */
export const unregisteredReplyUrl = (appId: string, acsUrl: string) =>
  new PartyError('saml_unregistered_reply_url', 400,
    `AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application: '${appId}'. Reply URL in the request: '${acsUrl}'.`,
    `add '${acsUrl}' to the app's Reply URLs (saml.replyUrls), or send an AssertionConsumerServiceURL that is registered`);

/** A signed request whose signature does not verify with the app's registered verification certificate. */
export const badRequestSignature = (appId: string, kind: string, reason: string) =>
  new PartyError('saml_bad_signature', 400,
    `The signature of the ${kind} from application '${appId}' could not be verified with the verification certificate registered for it (${reason}).`,
    "sign the request with the private key of the app's registered saml.signingCertificate, or register the certificate the SP signs with");

/** A request other than the ones `/saml2` takes over this binding. */
export const unsupportedSamlRequest = (description: string, fix: string) => new PartyError('saml_unsupported_request', 400, description, fix);

/**
 * Entra's wording around the shared kit's decoding errors: a missing message is AADSTS750054, anything that does not
 * decode to a valid SAML 2.0 request is AADSTS75005. The kit's description (what exactly is wrong) is kept.
 */
export function asEntraDecodeError(err: unknown): unknown {
  if (!(err instanceof PartyError) || !err.code.startsWith('saml_')) return err;
  const prefix = err.code === 'saml_missing_message'
    ? 'AADSTS750054: SAMLRequest or SAMLResponse must be present as query string parameters in HTTP request for SAML Redirect binding, or as form fields for SAML POST binding'
    : 'AADSTS75005: The request is not a valid Saml2 protocol message';
  return new PartyError(err.code, err.status, `${prefix}: ${err.description}`, err.fix, { cause: err });
}
