import { prepareRunKeys, STACK_KEY_PURPOSES } from '../../mock-idp/core/keys.js';
import { startMockEntra } from '../../mock-idp/entra/server.js';
import { startMockMpassid } from '../../mock-idp/mpassid/server.js';
import { startSampleService } from '../../sample-service/server.js';
import { serverCredentials } from '../tls/run-ca.js';
import { HttpStack } from './http-stack.js';
import { ServiceProcess } from './service-process.js';
import { planStack, serviceCommand } from './stack-plan.js';
import type { StackOptions } from './stack.js';

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
    const keys = prepareRunKeys(STACK_KEY_PURPOSES);
    const plan = planStack(options);
    const { topology, registrations } = plan;
    const tls = options.tls ? await serverCredentials(options.tls, topology.hosts()) : undefined;
    await keys;
    const stack = new InProcessStack(topology, registrations, plan.users, plan.serverFetch, own?.target, plan.people);
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
        const process = await ServiceProcess.start(serviceCommand(own, plan, options.tls), plan.serverFetch, options.showServiceOutput ? own.loaded.config.service.name : undefined);
        stack.serviceProcess = process;
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
