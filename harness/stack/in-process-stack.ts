import { resolve } from 'node:path';
import { startMockEntra } from '../../mock-idp/entra/server.js';
import { runSecret } from '../../mock-idp/core/keys.js';
import { startMockMpassid } from '../../mock-idp/mpassid/server.js';
import { TEST_USERS } from '../../mock-idp/users/test-users.js';
import { startSampleService } from '../../sample-service/server.js';
import type { ConfiguredService } from '../config/configured-service.js';
import { createRegistrations, withServiceOfYourOwn, type Registrations } from '../registrations.js';
import type { Topology } from '../topology.js';
import { topologyFetch } from '../topology-fetch.js';
import { HttpStack } from './http-stack.js';
import { serverCredentials, type RunCa } from '../tls/run-ca.js';
import { ServiceProcess } from './service-process.js';
import { stackTopology, type StackOptions } from './stack.js';

/**
 * Every party in this Node process, each on its own host of the topology: mock Entra ID, mock MPASSid, the second
 * sample service, and the sample service under test, or, with a config file, the command that starts yours.
 */
export class InProcessStack extends HttpStack {
  readonly mode = 'in-process' as const;
  private closers: Array<() => Promise<void>> = [];

  /** Starts the parties; stops whatever started if one fails. */
  static async start(options: StackOptions = {}): Promise<InProcessStack> {
    const own = options.service;
    const topology = stackTopology(options);
    const serverFetch = topologyFetch(topology, options.tls?.certificatePem);
    const tls = options.tls ? await serverCredentials(options.tls, topology.hosts()) : undefined;
    let registrations = createRegistrations(topology, {
      secrets: { sampleClientSecret: runSecret(), mpassidEntraSecret: runSecret() },
      sampleLogout: options.sampleLogout ?? 'mpassid',
      sampleProtocol: own?.loaded.config.service.protocol ?? options.sampleProtocol,
      upstream: options.upstream,
      services: options.services,
      users: own?.loaded.users,
      fetch: serverFetch,
    });
    if (own) registrations = withServiceOfYourOwn(registrations, own);
    const people = own ? { signIn: own.loaded.signInUser, nextPupil: own.loaded.nextPupil } : undefined;
    const stack = new InProcessStack(topology, registrations, own?.loaded.users ?? TEST_USERS, serverFetch, own?.target, people);
    const at = (party: keyof typeof topology.parties) => ({ host: topology.parties[party].bindAddress, port: topology.parties[party].port, ...(tls ? { tls } : {}) });
    try {
      const entra = await startMockEntra(registrations.entra, at('entra'));
      stack.closers.push(entra.close);
      const mpassid = await startMockMpassid(registrations.mpassid, at('mpassid'));
      stack.closers.push(mpassid.close);
      if (!own) {
        const service = await startSampleService(registrations.service, at('service'));
        stack.closers.push(service.close);
      }
      const serviceB = await startSampleService(registrations.serviceB, at('service-b'));
      stack.closers.push(serviceB.close);
      if (own?.loaded.config.service.start) {
        const process = await ServiceProcess.start(serviceCommand(own, topology, registrations, options.tls), serverFetch);
        stack.closers.push(() => process.stop());
      }
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  async stop(): Promise<void> {
    const closers = this.closers.reverse();
    this.closers = [];
    // The service of your own first (it may still talk to the mocks), then the rest together.
    const [last, ...rest] = closers;
    if (last) await last();
    await Promise.all(rest.map((close) => close()));
  }
}

/**
 * The start command of a service of your own, with the mocks' URLs in its environment so its configuration need not
 * repeat ports (see the README: "What your service's start command gets").
 */
function serviceCommand(own: ConfiguredService, topology: Topology, r: Registrations, ca: RunCa | undefined) {
  const start = own.loaded.config.service.start!;
  const env: Record<string, string> = {
    MPASSID_ISSUER: r.urls.mpassidIssuer,
    MPASSID_DISCOVERY_URL: r.urls.mpassidDiscovery,
    MPASSID_SAML_METADATA_URL: r.urls.mpassidSamlMetadata,
    MPASSID_LOGOUT_URL: r.urls.mpassidLogout,
    ENTRA_LOGOUT_URL: r.urls.entraLogout,
    SERVICE_BASE_URL: topology.parties.service.origin,
    // With --tls, Node services trust the run CA through NODE_EXTRA_CA_CERTS; others read the file it names.
    ...(ca ? { NODE_EXTRA_CA_CERTS: ca.certificatePath, MPASSID_HARNESS_CA_FILE: ca.certificatePath } : {}),
    ...(own.clientSecret ? { MPASSID_CLIENT_ID: own.loaded.config.registration.oidc!.client_id, MPASSID_CLIENT_SECRET: own.clientSecret } : {}),
    ...start.env,
  };
  return { command: start.command, cwd: resolve(own.loaded.dir, start.cwd ?? '.'), env, readyUrl: start.readyUrl ?? own.loaded.config.service.baseUrl, timeoutMs: start.timeoutMs };
}
