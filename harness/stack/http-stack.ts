import type { Hop } from '../../mock-idp/core/hop-trace.js';
import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import type { TestUser } from '../../mock-idp/users/test-users.js';
import type { LogoutStrategy } from '../../sample-service/config.js';
import { LedgerClient, LedgerClientError } from '../ledger-client.js';
import type { Protocol, Registrations } from '../registrations.js';
import type { HostedParty, PartyName, Topology } from '../topology.js';
import type { Stack, StackMode } from './stack.js';

/** The part of every stack that only talks HTTP to the parties; modes add how parties start and stop. */
export abstract class HttpStack implements Stack {
  abstract readonly mode: StackMode;
  readonly clients: Record<HostedParty, LedgerClient>;

  constructor(
    readonly topology: Topology,
    readonly registrations: Registrations,
    readonly users: readonly TestUser[],
    readonly fetch: typeof globalThis.fetch,
  ) {
    const client = (party: HostedParty) => new LedgerClient(party, topology.parties[party].origin, fetch);
    this.clients = { entra: client('entra'), mpassid: client('mpassid'), service: client('service'), 'service-b': client('service-b') };
  }

  async reset(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((c) => c.reset()));
  }

  async ledgers(): Promise<Record<PartyName, LedgerSnapshot>> {
    const [entra, mpassid, service] = await Promise.all([this.clients.entra.sessions(), this.clients.mpassid.sessions(), this.clients.service.sessions()]);
    return { entra, mpassid, service };
  }

  async ledgerOf(party: HostedParty): Promise<LedgerSnapshot> {
    return this.clients[party].sessions();
  }

  async hops(): Promise<Hop[]> {
    const all = await Promise.all(Object.values(this.clients).map((c) => c.trace()));
    return all.flat().sort((a, b) => a.seq - b.seq);
  }

  async setSampleLogout(strategy: LogoutStrategy, options: { returnUrl?: string } = {}): Promise<void> {
    await this.configureSample({ logout: strategy, ...options }, `logout strategy ${strategy}`);
  }

  async setSampleProtocol(protocol: Protocol): Promise<void> {
    await this.configureSample({ protocol }, `protocol ${protocol}`);
    await this.configureSample({ protocol }, `protocol ${protocol}`, 'service-b');
  }

  private async configureSample(settings: Record<string, string>, what: string, party: 'service' | 'service-b' = 'service'): Promise<void> {
    const url = `${this.topology.parties[party].origin}/__harness/config`;
    const response = await this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
    if (!response.ok) throw new LedgerClientError(`the sample service refused ${what}: ${await response.text()}`);
  }

  /** Resolves when every party answers its health check, or rejects naming the ones that do not. */
  async waitUntilHealthy(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const health = await Promise.all(Object.values(this.clients).map(async (c) => [c.party, await c.healthy()] as const));
      const down = health.filter(([, ok]) => !ok).map(([party]) => party);
      if (down.length === 0) return;
      if (Date.now() > deadline) {
        throw new LedgerClientError(`not healthy after ${timeoutMs} ms: ${down.map((p) => `${p} (${this.topology.parties[p as PartyName].origin}/__harness/health)`).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  abstract stop(): Promise<void>;
}
