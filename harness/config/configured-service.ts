import { DOMParser } from '@xmldom/xmldom';
import type { ServiceRegistration } from '../../mock-idp/mpassid/config.js';
import { createHash } from 'node:crypto';
import { HarnessError } from '../errors.js';
import { configuredServiceTarget, type ServiceAction, type ServiceTarget } from '../flows/service-target.js';
import type { LoadedConfig } from './load-config.js';

/** The mock URLs a config's `{placeholders}` may name (in `logoutReturnUrls`). */
export interface MockUrls {
  /** The Entra tenant's logout endpoint, `<entra>/<tenant>/oauth2/v2.0/logout`. */
  entraLogout: string;
}

/** Everything the stack needs about a service of your own, from its config file. */
export interface ConfiguredService {
  loaded: LoadedConfig;
  /** How the browser drives it (black-box: no ledger). */
  target: ServiceTarget;
  /** Its registration at the mock MPASSid, as on MPASSid's registration form. */
  registration(urls: MockUrls): ServiceRegistration;
  /** `post_logout_redirect_uri` values the Entra tenant must accept for it. */
  entraPostLogoutRedirectUris: string[];
  /** The OIDC client secret: the config's, or {@link defaultClientSecret}. */
  clientSecret?: string;
}

/** Builds the {@link ConfiguredService} of a loaded config (URLs resolved against `service.baseUrl`). */
export function configuredService(loaded: LoadedConfig): ConfiguredService {
  const { config } = loaded;
  const { service, registration } = config;
  const absolute = (url: string) => new URL(url, service.baseUrl).href;
  const action = (a: ServiceAction): ServiceAction => ('url' in a ? { url: absolute(a.url) } : a);
  const target = configuredServiceTarget({
    name: service.name,
    homeUrl: new URL(service.baseUrl).href,
    protectedUrl: absolute(service.protectedUrl),
    signIn: action(service.signIn),
    logout: action(service.logout),
    signedIn: service.signedIn,
    users: loaded.users,
  });
  const clientSecret = registration.oidc ? registration.oidc.client_secret ?? defaultClientSecret(registration.oidc.client_id) : undefined;
  return {
    loaded,
    target,
    clientSecret,
    entraPostLogoutRedirectUris: registration.entraPostLogoutRedirectUris,
    registration(urls) {
      const logoutReturnUrls = registration.logoutReturnUrls.map((u) => u.replaceAll('{entraLogout}', urls.entraLogout));
      if (service.protocol === 'oidc') {
        const oidc = registration.oidc!;
        return {
          protocol: 'oidc',
          name: service.name,
          clientId: oidc.client_id,
          clientSecret: clientSecret!,
          redirectUris: oidc.redirect_uris,
          tokenEndpointAuthMethod: oidc.token_endpoint_auth_method,
          idTokenSignedResponseAlg: oidc.id_token_signed_response_alg,
          logoutReturnUrls,
        };
      }
      const saml = registration.saml!;
      return {
        protocol: 'saml',
        name: service.name,
        entityId: saml.entityId ?? (loaded.samlMetadataXml ? entityIdOf(loaded.samlMetadataXml, loaded.path) : saml.metadataUrl!),
        metadata: loaded.samlMetadataXml ? { xml: loaded.samlMetadataXml } : { url: saml.metadataUrl! },
        ...(saml.wantAssertionsSigned !== undefined ? { wantAssertionsSigned: saml.wantAssertionsSigned } : {}),
        logoutReturnUrls,
      };
    },
  };
}

/**
 * The client secret of a config without one: derived from the client id, so `up` prints the same secret every run
 * and the service can keep it in its test configuration. A test value for these mocks only, never a real secret.
 */
export function defaultClientSecret(clientId: string): string {
  return `test-only-${createHash('sha256').update(`mpassid-harness:${clientId}`).digest('base64url').slice(0, 24)}`;
}

function entityIdOf(xml: string, configPath: string): string {
  const root = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, 'text/xml').documentElement;
  const entityId = root?.getAttribute('entityID');
  if (!entityId) {
    throw new HarnessError('HARNESS_CONFIG_INVALID', `${configPath}: registration.saml.metadataFile holds no EntityDescriptor with an entityID; give SAML 2.0 SP metadata or set registration.saml.entityId`);
  }
  return entityId;
}
