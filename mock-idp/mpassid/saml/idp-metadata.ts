import { xmlEscape } from '../../core/saml/xml.js';
import { TRANSIENT_NAME_ID } from '../../core/saml/login-response.js';
import { BINDING, SAML_PATHS } from './paths.js';

/**
 * MPASSid's IdP metadata as Shibboleth publishes it: entityID = the metadata URL, a signing certificate, the
 * HTTP-Redirect SSO endpoint, the transient NameID format, and no SingleLogoutService unless `publishSingleLogout`.
 */
export function idpMetadataXml(input: { origin: string; certificateBase64: string; publishSingleLogout: boolean }): string {
  const entityId = `${input.origin}${SAML_PATHS.idpMetadata}`;
  const slo = input.publishSingleLogout
    ? `<md:SingleLogoutService Binding="${BINDING.redirect}" Location="${xmlEscape(input.origin + SAML_PATHS.slo)}"/>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${xmlEscape(entityId)}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${input.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    ${slo}
    <md:NameIDFormat>${TRANSIENT_NAME_ID}</md:NameIDFormat>
    <md:SingleSignOnService Binding="${BINDING.redirect}" Location="${xmlEscape(input.origin + SAML_PATHS.sso)}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}
