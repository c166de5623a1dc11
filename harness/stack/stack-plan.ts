import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { runSecret } from '../../mock-idp/core/keys.js';
import type { TestUser } from '../../mock-idp/users/test-users.js';
import { TEST_USERS } from '../../mock-idp/users/test-users.js';
import type { ConfiguredService } from '../config/configured-service.js';
import { createRegistrations, withServiceOfYourOwn, type Registrations, type RunSecrets } from '../registrations.js';
import type { RunCa } from '../tls/run-ca.js';
import type { Topology } from '../topology.js';
import { topologyFetch } from '../topology-fetch.js';
import type { ServiceCommand } from './service-process.js';
import { stackTopology, type StackOptions } from './stack.js';

/** Everything a stack's parties are started from, worked out before any of them starts. */
export interface StackPlan {
  topology: Topology;
  registrations: Registrations;
  users: readonly TestUser[];
  people?: { signIn: TestUser; nextPupil: TestUser };
  /** The server-side fetch every party and the harness use (topology names, the run CA). */
  serverFetch: typeof fetch;
}

/**
 * The client secrets of a run: random, or derived from `seed` when the parties run as separate processes
 * (containers) that must agree on them without talking. Test values for these mocks only.
 */
export function runSecrets(seed?: string): RunSecrets {
  const derive = (what: string) => (seed ? createHash('sha256').update(`mpassid-harness:${seed}:${what}`).digest('base64url').slice(0, 32) : runSecret());
  return { sampleClientSecret: derive('sample'), serviceBClientSecret: derive('service-b'), mpassidEntraSecret: derive('mpassid-entra') };
}

/** Works out the topology, every registration and the users of a stack started with these options. */
export function planStack(options: StackOptions): StackPlan {
  const own = options.service;
  const topology = stackTopology(options);
  const serverFetch = topologyFetch(topology, options.tls?.certificatePem);
  let registrations = createRegistrations(topology, {
    secrets: runSecrets(options.secretSeed),
    sampleLogout: options.sampleLogout ?? 'mpassid',
    sampleProtocol: own?.loaded.config.service.protocol ?? options.sampleProtocol,
    upstream: options.upstream,
    publishSingleLogout: options.publishSingleLogout,
    services: options.services,
    users: own?.loaded.users,
    fetch: serverFetch,
  });
  if (own) registrations = withServiceOfYourOwn(registrations, own);
  return {
    topology,
    registrations,
    users: own?.loaded.users ?? TEST_USERS,
    ...(own ? { people: { signIn: own.loaded.signInUser, nextPupil: own.loaded.nextPupil } } : {}),
    serverFetch,
  };
}

/**
 * The start command of a service of your own, with the mocks' URLs in its environment so its configuration need not
 * repeat ports (see the README: "What your service's start command gets").
 */
export function serviceCommand(own: ConfiguredService, plan: StackPlan, ca: RunCa | undefined): ServiceCommand {
  const start = own.loaded.config.service.start!;
  const r = plan.registrations;
  const env: Record<string, string> = {
    MPASSID_ISSUER: r.urls.mpassidIssuer,
    MPASSID_DISCOVERY_URL: r.urls.mpassidDiscovery,
    MPASSID_SAML_METADATA_URL: r.urls.mpassidSamlMetadata,
    MPASSID_LOGOUT_URL: r.urls.mpassidLogout,
    ENTRA_LOGOUT_URL: r.urls.entraLogout,
    SERVICE_BASE_URL: plan.topology.parties.service.origin,
    // With --tls, Node services trust the run CA through NODE_EXTRA_CA_CERTS; others read the file it names.
    ...(ca ? { NODE_EXTRA_CA_CERTS: ca.certificatePath, MPASSID_HARNESS_CA_FILE: ca.certificatePath } : {}),
    ...(own.clientSecret ? { MPASSID_CLIENT_ID: own.loaded.config.registration.oidc!.client_id, MPASSID_CLIENT_SECRET: own.clientSecret } : {}),
    ...start.env,
  };
  return { command: start.command, cwd: resolve(own.loaded.dir, start.cwd ?? '.'), env, readyUrl: start.readyUrl ?? own.loaded.config.service.baseUrl, timeoutMs: start.timeoutMs };
}
