import express, { type Router } from 'express';
import { samlId, xmlEscape } from '../../core/saml/xml.js';
import { entraSamlEndpoint, entraSamlEntityId, type EntraConfig } from '../config.js';
import { ENTRA_NAME_ID_FORMATS, entraSamlCredential, SAML_BINDING } from './saml-apps.js';

/**
 * The tenant's SAML IdP metadata, as at Entra's `…/FederationMetadata/2007-06/FederationMetadata.xml`: the
 * IDPSSODescriptor only (Entra's WS-Federation RoleDescriptors and metadata signature are left out).
 */
export async function federationMetadataXml(config: EntraConfig): Promise<string> {
  const credential = await entraSamlCredential();
  const endpoint = xmlEscape(entraSamlEndpoint(config));
  return '<?xml version="1.0" encoding="utf-8"?>'
    + `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" ID="${samlId()}" entityID="${xmlEscape(entraSamlEntityId(config))}">`
    + '<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
    + '<KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data>'
    + `<X509Certificate>${credential.certificateBase64}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`
    + `<SingleLogoutService Binding="${SAML_BINDING.redirect}" Location="${endpoint}"/>`
    + ENTRA_NAME_ID_FORMATS.map((format) => `<NameIDFormat>${format}</NameIDFormat>`).join('')
    + `<SingleSignOnService Binding="${SAML_BINDING.redirect}" Location="${endpoint}"/>`
    + `<SingleSignOnService Binding="${SAML_BINDING.post}" Location="${endpoint}"/>`
    + '</IDPSSODescriptor></EntityDescriptor>';
}

/** `GET /{tenant}/FederationMetadata/2007-06/FederationMetadata.xml` (tenant aliases are rewritten before this). */
export function federationMetadataRoute(config: EntraConfig): Router {
  const router = express.Router();
  router.get(`/${config.tenantId}/FederationMetadata/2007-06/FederationMetadata.xml`, async (_req, res) => {
    res.set('cache-control', 'no-store');
    res.type('application/samlmetadata+xml').send(await federationMetadataXml(config));
  });
  return router;
}
