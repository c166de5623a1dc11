import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import type { Hop } from '../../mock-idp/core/hop-trace.js';
import type { ServiceRegistration } from '../../mock-idp/mpassid/config.js';
import type { TestUser } from '../../mock-idp/users/test-users.js';
import type { LogoutStrategy } from '../../sample-service/config.js';
import type { Protocol, Registrations } from '../registrations.js';
import type { HostedParty, PartyName, Topology, TopologyOptions } from '../topology.js';

/** Which kind of stack runs the parties. */
export type StackMode = 'in-process' | 'containers';

/**
 * A running set of parties: mock Entra ID, mock MPASSid and the sample service. Every mode (in-process, containers)
 * implements this, and everything the harness needs goes through the parties' HTTP contracts, never their internals.
 */
export interface Stack {
  readonly mode: StackMode;
  readonly topology: Topology;
  readonly registrations: Registrations;
  readonly users: readonly TestUser[];
  /** The fetch the harness uses for server-side calls to the parties (resolves the topology's names). */
  readonly fetch: typeof fetch;
  /** Forgets every session, event and hop at every party (`POST /__harness/reset`). */
  reset(): Promise<void>;
  /** The judged parties' ledgers. */
  ledgers(): Promise<Record<PartyName, LedgerSnapshot>>;
  /** One server's ledger, including the second sample service (`service-b`). */
  ledgerOf(party: HostedParty): Promise<LedgerSnapshot>;
  /** Every party's hop trace, merged in time order. */
  hops(): Promise<Hop[]>;
  /** Switches the sample service's logout strategy (`POST /__harness/config`). */
  setSampleLogout(strategy: LogoutStrategy, options?: { returnUrl?: string }): Promise<void>;
  /** Switches the protocol both sample services sign in with (`POST /__harness/config`). */
  setSampleProtocol(protocol: Protocol): Promise<void>;
  /** Stops every party. */
  stop(): Promise<void>;
}

/** What a stack is started with. */
export interface StackOptions {
  sampleLogout?: LogoutStrategy;
  /** How the sample service signs in with MPASSid at start. Default `oidc`. */
  sampleProtocol?: Protocol;
  /** How MPASSid reaches Entra ID. Default `saml`, as production. */
  upstream?: Protocol;
  /** More services registered with the mock MPASSid (besides the sample service's OIDC and SAML registrations). */
  services?: ServiceRegistration[];
  hostMode?: Topology['hostMode'];
  basePort?: number;
  addresses?: TopologyOptions['addresses'];
}
