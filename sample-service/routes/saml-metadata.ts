import type { RequestHandler } from 'express';
import type { SamlLogin } from '../saml-login.js';

/** The media type of SAML metadata (SAML metadata §4.1.1). */
export const SAML_METADATA_TYPE = 'application/samlmetadata+xml';

/**
 * `GET /saml/metadata`: the service's SP metadata, at the URL that is its entityID. Served whether or not SAML
 * sign-in is configured, so MPASSid can be registered first.
 */
export function samlMetadataRoute(login: SamlLogin): RequestHandler {
  return async (_req, res) => {
    res.set('cache-control', 'no-store').type(SAML_METADATA_TYPE).send(await login.metadataXml());
  };
}
