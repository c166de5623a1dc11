import { PartyError } from '../../core/errors.js';
import samlify, { type ServiceProviderInstance } from '../../core/saml/samlify.js';
import { samlError } from '../../core/saml/saml-errors.js';
import type { MpassidConfig, SamlServiceRegistration } from '../config.js';
import { BINDING } from './paths.js';

/** A registered SP with its metadata read. */
export interface KnownServiceProvider {
  registration: SamlServiceRegistration;
  /** samlify entity: verifies its AuthnRequests, receives our Responses (Response always signed, as Shibboleth). */
  sp: ServiceProviderInstance;
  /** Registered HTTP-POST ACS URLs, in metadata order (the first is the default). */
  acsUrls: string[];
  authnRequestsSigned: boolean;
  hasSigningCertificate: boolean;
}

const METADATA_TIMEOUT_MS = 5000;

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * The SAML services registered with MPASSid, found by entityID. Metadata given by URL is fetched on first use and
 * cached; a failed fetch is retried on the next request.
 */
export class ServiceProviders {
  private readonly loaded = new Map<string, Promise<KnownServiceProvider>>();
  private readonly registrations: Map<string, SamlServiceRegistration>;

  constructor(private readonly config: Pick<MpassidConfig, 'services' | 'fetch'>) {
    this.registrations = new Map(config.services.flatMap((s) => (s.protocol === 'saml' ? [[s.entityId, s] as const] : [])));
  }

  /** The registered SP with this entityID; an unknown one is a SAML error that names it. */
  async find(entityId: string): Promise<KnownServiceProvider> {
    const registration = this.registrations.get(entityId);
    if (!registration) {
      throw samlError('saml_unknown_sp', `no service with SAML entityID ${JSON.stringify(entityId)} is registered with MPASSid`,
        `register the service's SP metadata with this entityID (the AuthnRequest's Issuer), or send the entityID you registered`);
    }
    let entry = this.loaded.get(entityId);
    if (!entry) {
      entry = this.load(registration);
      this.loaded.set(entityId, entry);
      entry.catch(() => this.loaded.delete(entityId));
    }
    return entry;
  }

  private async load(registration: SamlServiceRegistration): Promise<KnownServiceProvider> {
    const xml = 'xml' in registration.metadata ? registration.metadata.xml : await this.fetchMetadata(registration.metadata.url);
    let parsed: ServiceProviderInstance;
    try {
      parsed = samlify.ServiceProvider({ metadata: xml });
    } catch (err) {
      throw new PartyError('saml_sp_metadata_invalid', 502, `the SP metadata of ${registration.entityId} could not be read: ${(err as Error).message}`,
        'register valid SAML 2.0 SP metadata (an EntityDescriptor with an SPSSODescriptor)', { cause: err });
    }
    const meta = parsed.entityMeta;
    if (meta.getEntityID() !== registration.entityId) {
      throw new PartyError('saml_sp_metadata_mismatch', 502,
        `the SP metadata registered for ${registration.entityId} describes entityID ${meta.getEntityID()}`,
        'make the registered entityId and the metadata\'s entityID the same');
    }
    const acsUrls = asList(meta.meta.assertionConsumerService as { binding: string; location: string } | { binding: string; location: string }[])
      .filter((a) => a.binding === BINDING.post).map((a) => a.location);
    const signingCert = meta.getX509Certificate('signing') as string | string[] | null;
    const wantAssertionsSigned = registration.wantAssertionsSigned ?? meta.isWantAssertionsSigned();
    const sp = samlify.ServiceProvider({
      entityID: registration.entityId,
      signingCert: Array.isArray(signingCert) ? signingCert[0] : signingCert ?? undefined,
      authnRequestsSigned: meta.isAuthnRequestSigned(),
      wantAssertionsSigned,
      // Shibboleth signs every Response; samlify signs the message only when asked to.
      wantMessageSigned: true,
      assertionConsumerService: acsUrls.map((Location) => ({ Binding: BINDING.post, Location })),
    });
    return { registration, sp, acsUrls, authnRequestsSigned: meta.isAuthnRequestSigned(), hasSigningCertificate: Boolean(signingCert) };
  }

  private async fetchMetadata(url: string): Promise<string> {
    let response: Response;
    try {
      response = await (this.config.fetch ?? fetch)(url, { signal: AbortSignal.timeout(METADATA_TIMEOUT_MS), headers: { accept: 'application/samlmetadata+xml, application/xml' } });
    } catch (err) {
      throw new PartyError('saml_sp_metadata_unavailable', 502, `could not fetch the SP metadata from ${url}: ${(err as Error).message}`,
        'start the service before signing in, or register its metadata inline', { cause: err });
    }
    if (!response.ok) {
      throw new PartyError('saml_sp_metadata_unavailable', 502, `the SP metadata at ${url} answered HTTP ${response.status}`, 'check the registered metadata URL');
    }
    return response.text();
  }

  /** Forgets fetched metadata (harness reset: a service may have restarted with a new key). */
  clear(): void {
    this.loaded.clear();
  }
}
