import type { StartedTestContainer } from 'testcontainers';
import { PartyContainer, type StartedPartyContainer } from './party-container.js';

/** The mock Entra ID in its container. */
export interface StartedEntraContainer extends StartedPartyContainer {
  /** `<origin>/<tenant id>/v2.0` */
  issuer: string;
  /** The tenant's SAML federation metadata URL. */
  samlMetadataUrl: string;
}

/** Starts the mock Entra ID container. */
export class EntraContainer extends PartyContainer<StartedEntraContainer> {
  constructor(options: ConstructorParameters<typeof PartyContainer>[1], seed: string, private readonly tenantId: string) {
    super('entra', options, seed);
  }

  protected started(base: StartedPartyContainer, _container: StartedTestContainer): StartedEntraContainer {
    const tenant = `${base.origin}/${this.tenantId}`;
    return { ...base, issuer: `${tenant}/v2.0`, samlMetadataUrl: `${tenant}/FederationMetadata/2007-06/FederationMetadata.xml` };
  }
}
