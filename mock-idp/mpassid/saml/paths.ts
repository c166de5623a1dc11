/** MPASSid's SAML paths, as Shibboleth IdP and SP lay them out. */
export const SAML_PATHS = {
  /** The IdP metadata; its URL is the IdP's entityID. */
  idpMetadata: '/idp/shibboleth',
  /** Single sign-on, HTTP-Redirect binding in. */
  sso: '/idp/profile/SAML2/Redirect/SSO',
  /** Where the SSO flow resumes once MPASSid's own session exists (internal to MPASSid). */
  ssoResume: '/idp/profile/SAML2/Redirect/SSO/resume',
  /** Published only when `publishSingleLogout` is on (what-if runs); MPASSid implements no SAML SLO. */
  slo: '/idp/profile/SAML2/Redirect/SLO',
  /** MPASSid's SP toward the directory: metadata (its URL is the SP's entityID) and ACS. */
  spMetadata: '/shibboleth',
  spAcs: '/Shibboleth.sso/SAML2/POST',
} as const;

export const BINDING = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;
