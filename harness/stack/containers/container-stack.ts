import { randomBytes } from 'node:crypto';
import { HarnessError } from '../../errors.js';
import { HttpStack } from '../http-stack.js';
import { ServiceProcess } from '../service-process.js';
import { planStack, serviceCommand } from '../stack-plan.js';
import type { StackOptions } from '../stack.js';
import { EntraContainer, type StartedEntraContainer } from './entra-container.js';
import { MpassidContainer, type StartedMpassidContainer } from './mpassid-container.js';
import { loadTestcontainers, type StartedPartyContainer } from './party-container.js';
import { SampleServiceContainer, type StartedSampleServiceContainer } from './sample-service-container.js';

/** Says why containers mode cannot run here, and what to do instead. */
async function requireContainerEngine(): Promise<void> {
  const { getContainerRuntimeClient } = await loadTestcontainers();
  try {
    await getContainerRuntimeClient();
  } catch (err) {
    throw new HarnessError('HARNESS_START_FAILED',
      `--mode containers needs a container engine, and none is reachable (${(err as Error).message}); start Docker (or set DOCKER_HOST), or run with --mode in-process`,
      undefined, { cause: err });
  }
}

/**
 * The same stack as in-process, each party in its own container of the harness image (testcontainers), on host
 * networking so every URL is the one the in-process stack would serve. Parties agree on client secrets through a
 * seed made for the stack. A service of your own still runs on the host, from its config's start command.
 */
export class ContainerStack extends HttpStack {
  readonly mode = 'containers' as const;
  private started: StartedPartyContainer[] = [];
  entra?: StartedEntraContainer;
  mpassid?: StartedMpassidContainer;
  sampleServices: StartedSampleServiceContainer[] = [];

  static async start(options: StackOptions = {}): Promise<ContainerStack> {
    if (options.tls) throw new HarnessError('HARNESS_USAGE', '--tls is not available with --mode containers yet: run the containers over http on loopback, or use --mode in-process --tls');
    await requireContainerEngine();
    const seed = options.secretSeed ?? randomBytes(12).toString('base64url');
    const withSeed = { ...options, secretSeed: seed };
    const plan = planStack(withSeed);
    const { topology, registrations } = plan;
    const stack = new ContainerStack(topology, registrations, plan.users, plan.serverFetch, options.service?.target, plan.people);
    try {
      stack.entra = await stack.track(new EntraContainer(withSeed, seed, topology.tenantId).start(topology.parties.entra));
      stack.mpassid = await stack.track(new MpassidContainer(withSeed, seed).start(topology.parties.mpassid));
      const samples = options.service ? ['service-b'] as const : ['service', 'service-b'] as const;
      for (const party of samples) {
        const name = party === 'service' ? registrations.service.name : registrations.serviceB.name;
        stack.sampleServices.push(await stack.track(new SampleServiceContainer(party, withSeed, seed, name ?? party).start(topology.parties[party])));
      }
      if (options.service?.loaded.config.service.start) stack.serviceProcess = await ServiceProcess.start(serviceCommand(options.service, plan, undefined), plan.serverFetch, options.showServiceOutput ? options.service.loaded.config.service.name : undefined);
      await stack.waitUntilHealthy();
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  private async track<T extends StartedPartyContainer>(starting: Promise<T>): Promise<T> {
    const started = await starting;
    this.started.push(started);
    return started;
  }

  async stop(): Promise<void> {
    await this.serviceProcess?.stop();
    const started = this.started.reverse();
    this.started = [];
    await Promise.all(started.map((c) => c.stop()));
  }
}
