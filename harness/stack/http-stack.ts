import type { Hop } from '../../mock-idp/core/hop-trace.js';
import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import type { TestUser } from '../../mock-idp/users/test-users.js';
import type { LogoutStrategy } from '../../sample-service/config.js';
import { HarnessError } from '../errors.js';
import { sampleServiceTarget, type ServiceTarget } from '../flows/service-target.js';
import { LedgerClient, LedgerClientError } from '../ledger-client.js';
import { inTimeOrder } from '../report/time-order.js';
import type { Protocol, Registrations } from '../registrations.js';
import type { HostedParty, PartyName, Topology } from '../topology.js';
import type { ServiceProcess } from './service-process.js';
import type { Stack, StackMode } from './stack.js';

/** The part of every stack that only talks HTTP to the parties; modes add how parties start and stop. */
export abstract class HttpStack implements Stack {
  abstract readonly mode: StackMode;
  /** A ledger client per party that keeps a ledger (a service of your own keeps none). */
  readonly clients: Partial<Record<HostedParty, LedgerClient>>;
  readonly serviceUnderTest: ServiceTarget;
  readonly secondService: ServiceTarget;
  readonly people: { signIn: TestUser; nextPupil: TestUser };
  /** A service of your own that this stack started (config `service.start`). */
  protected serviceProcess?: ServiceProcess;

  constructor(
    readonly topology: Topology,
    readonly registrations: Registrations,
    readonly users: readonly TestUser[],
    readonly fetch: typeof globalThis.fetch,
    serviceUnderTest?: ServiceTarget,
    people?: { signIn: TestUser; nextPupil: TestUser },
  ) {
    this.people = people ?? { signIn: users[0], nextPupil: users[1] };
    const parties = (Object.keys(topology.parties) as HostedParty[]).filter((p) => !topology.parties[p].external);
    this.clients = Object.fromEntries(parties.map((p) => [p, new LedgerClient(p, topology.parties[p].origin, fetch)]));
    this.serviceUnderTest = serviceUnderTest ?? sampleServiceTarget(topology.parties.service.origin, registrations.service.name, users);
    this.secondService = sampleServiceTarget(topology.parties['service-b'].origin, registrations.serviceB.name, users);
  }

  /** The last output of a service of your own that this stack started; undefined when it started none. */
  serviceOutput(): { lines: string[]; exited?: string } | undefined {
    return this.serviceProcess?.recentOutput();
  }

  private get allClients(): LedgerClient[] {
    return Object.values(this.clients);
  }

  async reset(): Promise<void> {
    await Promise.all(this.allClients.map((c) => c.reset()));
  }

  async ledgers(): Promise<Record<PartyName, LedgerSnapshot>> {
    const [service, mpassid, entra] = await Promise.all((['service', 'mpassid', 'entra'] as const).map((p) => this.ledgerOf(p)));
    return { service, mpassid, entra };
  }

  async ledgerOf(party: HostedParty): Promise<LedgerSnapshot> {
    return (await this.clients[party]?.sessions()) ?? { party, sessions: [], events: [] };
  }

  async hops(): Promise<Hop[]> {
    const all = await Promise.all(this.allClients.map((c) => c.trace()));
    return all.flat().sort(inTimeOrder);
  }

  async setSampleLogout(strategy: LogoutStrategy, options: { returnUrl?: string } = {}): Promise<void> {
    if (this.topology.parties.service.external) {
      throw new HarnessError('HARNESS_USAGE', `the service under test is your own (${this.topology.parties.service.origin}); its logout is what it does, so there is no sample logout strategy (${strategy}) to set`);
    }
    await this.configureSample({ logout: strategy, ...options }, `logout strategy ${strategy}`, 'service');
  }

  async setSampleProtocol(protocol: Protocol): Promise<void> {
    const samples = (['service', 'service-b'] as const).filter((p) => !this.topology.parties[p].external);
    await Promise.all(samples.map((p) => this.configureSample({ protocol }, `protocol ${protocol}`, p)));
  }

  private async configureSample(settings: Record<string, string>, what: string, party: 'service' | 'service-b'): Promise<void> {
    try {
      await this.clients[party]!.configure(settings);
    } catch (err) {
      throw new LedgerClientError(`the sample service refused ${what}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Resolves when every party answers its health check, or rejects naming the ones that do not. */
  async waitUntilHealthy(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const health = await Promise.all(this.allClients.map(async (c) => [c.party, await c.healthy()] as const));
      const down = health.filter(([, ok]) => !ok).map(([party]) => party);
      if (down.length === 0) return;
      if (Date.now() > deadline) {
        throw new LedgerClientError(`not healthy after ${timeoutMs} ms: ${down.map((p) => `${p} (${this.topology.parties[p as HostedParty].origin}/__harness/health)`).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  abstract stop(): Promise<void>;
}
