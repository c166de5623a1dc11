import type { EntraConfig } from '../mock-idp/entra/config.js';
import type { MpassidConfig, OidcServiceRegistration, ServiceRegistration } from '../mock-idp/mpassid/config.js';
import { SAML_PATHS } from '../mock-idp/mpassid/saml/paths.js';
import { OIDC_UPSTREAM_CALLBACK_PATH } from '../mock-idp/mpassid/upstream/oidc-upstream.js';
import { TEST_SCHOOL, TEST_USERS, type TestUser } from '../mock-idp/users/test-users.js';
import { runSecret } from '../mock-idp/core/keys.js';
import { CALLBACK_PATH, samlSpUrls, type LogoutStrategy, type SampleServiceConfig } from '../sample-service/config.js';
import type { ConfiguredService } from './config/configured-service.js';
import type { PartyLocation, Topology } from './topology.js';

/** The sample service's client id at the mock MPASSid. */
export const SAMPLE_CLIENT_ID = 'oppimisalusta';
/** MPASSid's application (client) id in the mock Entra tenant. */
export const MPASSID_ENTRA_APP_ID = '3c1b7f0e-5d2a-4c8b-9e6f-0a1b2c3d4e5f';

/** The protocols the harness speaks: service ↔ MPASSid, and MPASSid ↔ Entra ID. */
export type Protocol = 'oidc' | 'saml';

/** Every URL and registration of a topology, derived in one place. */
export interface Registrations {
  entra: EntraConfig;
  mpassid: MpassidConfig;
  service: SampleServiceConfig;
  /** The second sample service ("Tehtäväpankki"), signed in through the same MPASSid session. */
  serviceB: SampleServiceConfig;
  /** Handy URLs for people and tests. */
  urls: {
    serviceHome: string;
    serviceProtected: string;
    mpassidIssuer: string;
    mpassidDiscovery: string;
    mpassidLogout: string;
    mpassidSamlMetadata: string;
    mpassidSamlSso: string;
    entraIssuer: string;
    entraSamlMetadata: string;
    entraDiscovery: string;
    entraLogout: string;
  };
}

/** Test secrets for this run: not real, only valid against these mocks. */
export interface RunSecrets {
  sampleClientSecret: string;
  /** The second sample service's client secret (default: a secret made for the run). */
  serviceBClientSecret?: string;
  mpassidEntraSecret: string;
}

/** The second sample service's client id at the mock MPASSid. */
export const SERVICE_B_CLIENT_ID = 'tehtavapankki';

/** One sample service: its two registrations at MPASSid (OIDC and SAML) and its own configuration. */
function sampleService(input: {
  location: PartyLocation; name: string; clientId: string; clientSecret: string; mpassid: PartyLocation;
  protocol: Protocol; logout: LogoutStrategy; logoutReturnUrls: string[]; entraLogout: string; fetch?: typeof fetch;
}): { registrations: ServiceRegistration[]; config: SampleServiceConfig } {
  const { location, name } = input;
  const sp = samlSpUrls(location.origin);
  return {
    registrations: [{
      protocol: 'oidc',
      name,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      redirectUris: [`${location.origin}${CALLBACK_PATH}`],
      tokenEndpointAuthMethod: 'client_secret_basic',
      logoutReturnUrls: input.logoutReturnUrls,
    }, {
      protocol: 'saml',
      name,
      entityId: sp.entityId,
      metadata: { url: sp.metadataUrl },
      logoutReturnUrls: input.logoutReturnUrls,
    }],
    config: {
      origin: location.origin,
      name,
      party: location.party,
      mpassid: { issuer: input.mpassid.origin, clientId: input.clientId, clientSecret: input.clientSecret },
      logout: input.logout,
      protocol: input.protocol,
      saml: { idpMetadataUrl: `${input.mpassid.origin}${SAML_PATHS.idpMetadata}` },
      entraLogoutUrl: input.entraLogout,
      logoutReturnUrl: `${location.origin}/`,
      fetch: input.fetch,
    },
  };
}

/** Builds the three parties' configurations from the topology. */
export function createRegistrations(
  topology: Topology,
  input: {
    secrets: RunSecrets;
    sampleLogout: LogoutStrategy;
    /** How the sample service signs in with MPASSid. Default `oidc`; both are registered either way. */
    sampleProtocol?: Protocol;
    /** How MPASSid reaches Entra ID. Default `saml`, as production. */
    upstream?: Protocol;
    /** Publish a SingleLogoutService in MPASSid's SAML metadata (what-if; production publishes none). */
    publishSingleLogout?: boolean;
    /** More services registered with MPASSid. */
    services?: ServiceRegistration[];
    users?: readonly TestUser[];
    fetch?: typeof fetch;
  },
): Registrations {
  const { entra, mpassid, service, 'service-b': serviceB } = topology.parties;
  const users = input.users ?? TEST_USERS;
  const entraBase = `${entra.origin}/${topology.tenantId}`;
  const entraLogout = `${entraBase}/oauth2/v2.0/logout`;
  const serviceHome = `${service.origin}/`;
  // The full logout chain: MPASSid's Logout returns through Entra's logout, which returns to the service.
  const entraLogoutToService = `${entraLogout}?post_logout_redirect_uri=${encodeURIComponent(serviceHome)}`;
  const entraSamlMetadata = `${entraBase}/FederationMetadata/2007-06/FederationMetadata.xml`;
  const mpassidSamlMetadata = `${mpassid.origin}${SAML_PATHS.idpMetadata}`;
  const logoutReturnUrls = [serviceHome, entraLogoutToService];
  const common = { mpassid, protocol: input.sampleProtocol ?? 'oidc', entraLogout, fetch: input.fetch } as const;
  const serviceA = sampleService({
    ...common, location: service, name: 'Oppimisalusta', clientId: SAMPLE_CLIENT_ID, clientSecret: input.secrets.sampleClientSecret,
    logout: input.sampleLogout, logoutReturnUrls,
  });
  const serviceBHome = `${serviceB.origin}/`;
  const b = sampleService({
    ...common, location: serviceB, name: 'Tehtäväpankki', clientId: SERVICE_B_CLIENT_ID, clientSecret: input.secrets.serviceBClientSecret ?? runSecret(),
    logout: 'local', logoutReturnUrls: [serviceBHome],
  });

  return {
    entra: {
      origin: entra.origin,
      tenantId: topology.tenantId,
      tenantDomain: topology.tenantDomain,
      users,
      fetch: input.fetch,
      apps: [{
        clientId: MPASSID_ENTRA_APP_ID,
        clientSecret: input.secrets.mpassidEntraSecret,
        redirectUris: [`${mpassid.origin}${OIDC_UPSTREAM_CALLBACK_PATH}`],
        // A service of your own registers its own addresses (withServiceOfYourOwn); nothing is accepted for it unasked.
        postLogoutRedirectUris: service.external ? [] : [serviceHome],
        tokenEndpointAuthMethod: 'client_secret_post',
        // The same app registration is MPASSid's SAML app: Identifier = its SP entityID, Reply URL = its ACS.
        saml: {
          identifier: `${mpassid.origin}${SAML_PATHS.spMetadata}`,
          replyUrls: [`${mpassid.origin}${SAML_PATHS.spAcs}`],
        },
      }],
    },
    mpassid: {
      origin: mpassid.origin,
      users,
      fetch: input.fetch,
      schools: [{ code: TEST_SCHOOL.schoolCode, name: TEST_SCHOOL.name, authnSource: 'mansikkala-entra', directory: 'entra' }],
      upstream: (input.upstream ?? 'saml') === 'saml'
        ? { protocol: 'saml', idpMetadataUrl: entraSamlMetadata }
        : { protocol: 'oidc', issuer: `${entraBase}/v2.0`, clientId: MPASSID_ENTRA_APP_ID, clientSecret: input.secrets.mpassidEntraSecret },
      services: [...(service.external ? [] : serviceA.registrations), ...b.registrations, ...(input.services ?? [])],
      ...(input.publishSingleLogout ? { publishSingleLogout: true } : {}),
    },
    service: serviceA.config,
    serviceB: b.config,
    urls: {
      serviceHome,
      serviceProtected: `${service.origin}/protected`,
      mpassidIssuer: mpassid.origin,
      mpassidDiscovery: `${mpassid.origin}/.well-known/openid-configuration`,
      mpassidLogout: `${mpassid.origin}/idp/profile/Logout`,
      mpassidSamlMetadata,
      mpassidSamlSso: `${mpassid.origin}${SAML_PATHS.sso}`,
      entraIssuer: `${entraBase}/v2.0`,
      entraDiscovery: `${entraBase}/v2.0/.well-known/openid-configuration`,
      entraLogout,
      entraSamlMetadata,
    },
  };
}

/** The sample service's OIDC registration at MPASSid. */
export function sampleOidcRegistration(r: Pick<Registrations, 'mpassid'>): OidcServiceRegistration {
  const service = r.mpassid.services.find((s): s is OidcServiceRegistration => s.protocol === 'oidc');
  if (!service) throw new Error('the registrations hold no OIDC service');
  return service;
}

/**
 * The registrations with a service of your own added, as you would register it with the real MPASSid: its OIDC or
 * SAML registration at MPASSid, and the `post_logout_redirect_uri`s its directory logout ends at, at Entra.
 */
export function withServiceOfYourOwn(r: Registrations, service: ConfiguredService): Registrations {
  return {
    ...r,
    mpassid: { ...r.mpassid, services: [...r.mpassid.services, service.registration({ entraLogout: r.urls.entraLogout })] },
    entra: {
      ...r.entra,
      apps: r.entra.apps.map((app, i) => (i === 0 ? { ...app, postLogoutRedirectUris: [...app.postLogoutRedirectUris, ...service.entraPostLogoutRedirectUris] } : app)),
    },
  };
}
