import { HarnessError } from '../errors.js';
import { HttpStack } from './http-stack.js';
import { ServiceProcess } from './service-process.js';
import { planStack, serviceCommand } from './stack-plan.js';
import type { StackOptions } from './stack.js';

/**
 * A stack someone else started (`docker compose up`, or the party processes in CI): the harness only talks to the
 * parties over HTTP at the topology's URLs, resets them before each scenario and reads their ledgers. It starts only
 * your service, when its config says how; the parties are someone else's to stop.
 */
export class AttachedStack extends HttpStack {
  readonly mode = 'attached' as const;

  static async connect(options: StackOptions = {}): Promise<AttachedStack> {
    const plan = planStack(options);
    const stack = new AttachedStack(plan.topology, plan.registrations, plan.users, plan.serverFetch, options.service?.target, plan.people);
    try {
      await stack.waitUntilHealthy(10_000);
    } catch (err) {
      throw new HarnessError('HARNESS_START_FAILED', `--mode attached found no running stack: ${(err as Error).message}; start it first (docker compose up --wait), with the same hosts and ports`, undefined, { cause: err });
    }
    if (options.service?.loaded.config.service.start) {
      stack.serviceProcess = await ServiceProcess.start(serviceCommand(options.service, plan, options.tls), plan.serverFetch, options.showServiceOutput ? options.service.loaded.config.service.name : undefined);
    }
    return stack;
  }

  async stop(): Promise<void> {
    await this.serviceProcess?.stop();
  }
}
