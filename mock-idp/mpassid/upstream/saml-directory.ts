import { PartyError } from '../../core/errors.js';
import samlify, { type IdentityProviderInstance } from '../../core/saml/samlify.js';
import type { PartyFetch } from '../../core/oidc-provider-kit.js';

const METADATA_TIMEOUT_MS = 5000;

/**
 * The directory's SAML IdP (the Entra tenant) as MPASSid's SP sees it, read from its federation metadata on
 * first use; a failed read is retried on the next sign-in.
 */
export class SamlDirectory {
  private loaded?: Promise<IdentityProviderInstance>;

  constructor(private readonly metadataUrl: string, private readonly fetcher: PartyFetch = fetch) {}

  entity(): Promise<IdentityProviderInstance> {
    this.loaded ??= this.load().catch((err: unknown) => {
      this.loaded = undefined;
      throw err;
    });
    return this.loaded;
  }

  private async load(): Promise<IdentityProviderInstance> {
    let xml: string;
    try {
      const response = await this.fetcher(this.metadataUrl, { signal: AbortSignal.timeout(METADATA_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      xml = await response.text();
    } catch (err) {
      throw new PartyError('directory_unreachable', 502, `could not read the directory's federation metadata from ${this.metadataUrl}: ${(err as Error).message}`,
        'check that the mock Entra ID is running and that upstream.idpMetadataUrl points at its tenant', { cause: err });
    }
    try {
      return samlify.IdentityProvider({ metadata: xml });
    } catch (err) {
      throw new PartyError('directory_metadata_invalid', 502, `the directory's federation metadata at ${this.metadataUrl} could not be read: ${(err as Error).message}`,
        undefined, { cause: err });
    }
  }
}
