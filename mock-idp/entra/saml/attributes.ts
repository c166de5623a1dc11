import type { SamlAttribute } from '../../core/saml/login-response.js';
import { displayName, type TestUser } from '../../users/test-users.js';
import { entraSamlEntityId, type EntraConfig } from '../config.js';

/** The claim names of Entra's default SAML attributes (the "Attributes & Claims" an app gets unless changed). */
export const ENTRA_SAML_CLAIMS = {
  tenantId: 'http://schemas.microsoft.com/identity/claims/tenantid',
  objectId: 'http://schemas.microsoft.com/identity/claims/objectidentifier',
  displayName: 'http://schemas.microsoft.com/identity/claims/displayname',
  identityProvider: 'http://schemas.microsoft.com/identity/claims/identityprovider',
  authnMethodsReferences: 'http://schemas.microsoft.com/claims/authnmethodsreferences',
  givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  emailAddress: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  /** The user principal name (MPASSid's SP reads the username from it). */
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
} as const;

/** `urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified`: Entra's claims carry no URI NameFormat. */
export const UNSPECIFIED_NAME_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';

/** The `amr` value Entra sends after a password sign-in. */
export const PASSWORD_AUTHN_METHOD = 'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password';

/** A user's attributes in Entra's order, for a SAML Response of the tenant. */
export function entraSamlAttributes(config: EntraConfig, user: TestUser): SamlAttribute[] {
  const claims: Array<[string, string]> = [
    [ENTRA_SAML_CLAIMS.tenantId, config.tenantId],
    [ENTRA_SAML_CLAIMS.objectId, user.oid],
    [ENTRA_SAML_CLAIMS.displayName, displayName(user)],
    [ENTRA_SAML_CLAIMS.identityProvider, entraSamlEntityId(config)],
    [ENTRA_SAML_CLAIMS.authnMethodsReferences, PASSWORD_AUTHN_METHOD],
    [ENTRA_SAML_CLAIMS.givenName, user.givenName],
    [ENTRA_SAML_CLAIMS.surname, user.familyName],
    [ENTRA_SAML_CLAIMS.emailAddress, user.username],
    [ENTRA_SAML_CLAIMS.name, user.username],
  ];
  return claims.map(([name, value]) => ({ name, nameFormat: UNSPECIFIED_NAME_FORMAT, values: [value] }));
}
