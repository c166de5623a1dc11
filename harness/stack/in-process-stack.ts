import { startMockEntra } from '../../mock-idp/entra/server.js';
import { runSecret } from '../../mock-idp/core/keys.js';
import { startMockMpassid } from '../../mock-idp/mpassid/server.js';
import { TEST_USERS } from '../../mock-idp/users/test-users.js';
import { startSampleService } from '../../sample-service/server.js';
import { createRegistrations } from '../registrations.js';
import { createTopology } from '../topology.js';
import { topologyFetch } from '../topology-fetch.js';
import { HttpStack } from './http-stack.js';
import type { StackOptions } from './stack.js';

/** All three parties in this Node process, each on its own host of the topology. */
export class InProcessStack extends HttpStack {
  readonly mode = 'in-process' as const;
  private closers: Array<() => Promise<void>> = [];

  /** Starts mock Entra ID, mock MPASSid and the sample service; stops whatever started if one fails. */
  static async start(options: StackOptions = {}): Promise<InProcessStack> {
    const topology = createTopology({ hostMode: options.hostMode, basePort: options.basePort, addresses: options.addresses });
    const serverFetch = topologyFetch(topology);
    const registrations = createRegistrations(topology, {
      secrets: { sampleClientSecret: runSecret(), mpassidEntraSecret: runSecret() },
      sampleLogout: options.sampleLogout ?? 'mpassid',
      sampleProtocol: options.sampleProtocol,
      upstream: options.upstream,
      services: options.services,
      fetch: serverFetch,
    });
    const stack = new InProcessStack(topology, registrations, TEST_USERS, serverFetch);
    const at = (party: keyof typeof topology.parties) => ({ host: topology.parties[party].bindAddress, port: topology.parties[party].port });
    try {
      const entra = await startMockEntra(registrations.entra, at('entra'));
      stack.closers.push(entra.close);
      const mpassid = await startMockMpassid(registrations.mpassid, at('mpassid'));
      stack.closers.push(mpassid.close);
      const service = await startSampleService(registrations.service, at('service'));
      stack.closers.push(service.close);
      const serviceB = await startSampleService(registrations.serviceB, at('service-b'));
      stack.closers.push(serviceB.close);
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  async stop(): Promise<void> {
    const closers = this.closers.reverse();
    this.closers = [];
    await Promise.all(closers.map((close) => close()));
  }
}
