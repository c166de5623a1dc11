import express, { type Router } from 'express';
import { PartyError } from '../../core/errors.js';
import type { MpassidIdentityProvider } from './identity-provider.js';
import { SAML_PATHS } from './paths.js';

const METADATA_TYPE = 'application/samlmetadata+xml';

/**
 * `GET /idp/shibboleth`: the IdP metadata services register against. `…/SAML2/Redirect/SLO` exists only when
 * the metadata publishes it (what-if runs) and says plainly that MPASSid has no SAML single logout.
 */
export function idpMetadataRoutes(identity: () => Promise<MpassidIdentityProvider>, publishSingleLogout: boolean): Router {
  const router = express.Router();
  router.get(SAML_PATHS.idpMetadata, async (_req, res) => {
    res.type(METADATA_TYPE).send((await identity()).metadataXml);
  });
  if (publishSingleLogout) {
    router.all(SAML_PATHS.slo, () => {
      throw new PartyError('saml_slo_unsupported', 501, 'MPASSid publishes a SingleLogoutService in this what-if run, but implements no SAML single logout (neither does production)',
        'log out through /idp/profile/Logout?return=<registered address>');
    });
  }
  return router;
}
