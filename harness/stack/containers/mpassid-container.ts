import type { StartedTestContainer } from 'testcontainers';
import { SAML_PATHS } from '../../../mock-idp/mpassid/saml/paths.js';
import { PartyContainer, type StartedPartyContainer } from './party-container.js';

/** The mock MPASSid in its container. */
export interface StartedMpassidContainer extends StartedPartyContainer {
  /** The OIDC issuer (its origin). */
  issuer: string;
  /** The SAML IdP metadata URL (also its entityID). */
  samlMetadataUrl: string;
}

/** Starts the mock MPASSid container. */
export class MpassidContainer extends PartyContainer<StartedMpassidContainer> {
  constructor(options: ConstructorParameters<typeof PartyContainer>[1], seed: string) {
    super('mpassid', options, seed);
  }

  protected started(base: StartedPartyContainer, _container: StartedTestContainer): StartedMpassidContainer {
    return { ...base, issuer: base.origin, samlMetadataUrl: `${base.origin}${SAML_PATHS.idpMetadata}` };
  }
}
