import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import type { Hop } from '../../mock-idp/core/hop-trace.js';
import type { ServiceRegistration } from '../../mock-idp/mpassid/config.js';
import type { TestUser } from '../../mock-idp/users/test-users.js';
import type { ConfiguredService } from '../config/configured-service.js';
import type { ServiceTarget } from '../flows/service-target.js';
import type { RunCa } from '../tls/run-ca.js';
import type { LogoutStrategy } from '../../sample-service/config.js';
import type { Protocol, Registrations } from '../registrations.js';
import { createTopology, type HostedParty, type PartyName, type Topology, type TopologyOptions } from '../topology.js';

/** Which kind of stack runs the parties. */
export type StackMode = 'in-process' | 'containers' | 'attached';

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
  /** The service the scenarios judge: the sample service, or yours (from a config file). */
  readonly serviceUnderTest: ServiceTarget;
  /** The second sample service ("Tehtäväpankki"), signed in through the same MPASSid session. */
  readonly secondService: ServiceTarget;
  /** Who the scenarios sign in, and the next pupil on the same device (a config's `users`, else pupil1 and pupil2). */
  readonly people: { signIn: TestUser; nextPupil: TestUser };
  /**
   * The judged parties' ledgers. A service of your own keeps none: its snapshot is empty, so the ledger says
   * `unknown` and the browser probes judge it.
   */
  ledgers(): Promise<Record<PartyName, LedgerSnapshot>>;
  /** One server's ledger, including the second sample service (`service-b`); empty for a service of your own. */
  ledgerOf(party: HostedParty): Promise<LedgerSnapshot>;
  /** Every party's hop trace, merged in time order. */
  hops(): Promise<Hop[]>;
  /** The last output of a service of your own that this stack started (`service.start`); undefined otherwise. */
  serviceOutput(): { lines: string[]; exited?: string } | undefined;
  /** Switches the sample service's logout strategy (`POST /__harness/config`). */
  setSampleLogout(strategy: LogoutStrategy, options?: { returnUrl?: string }): Promise<void>;
  /** Switches the protocol both sample services sign in with (`POST /__harness/config`). */
  setSampleProtocol(protocol: Protocol): Promise<void>;
  /** Resolves when every party answers its health check, or rejects naming the ones that do not. */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  /** Stops every party this stack started. */
  stop(): Promise<void>;
}

/** What a stack is started with. */
export interface StackOptions {
  sampleLogout?: LogoutStrategy;
  /** How the sample service signs in with MPASSid at start. Default `oidc`. */
  sampleProtocol?: Protocol;
  /** How MPASSid reaches Entra ID. Default `saml`, as production. */
  upstream?: Protocol;
  /**
   * Publish a SingleLogoutService in MPASSid's SAML IdP metadata, for what-if runs: production publishes none (and
   * MPASSid has no SAML single logout, so the endpoint answers with a page saying so). Default false.
   */
  publishSingleLogout?: boolean;
  /** More services registered with the mock MPASSid (besides the sample service's OIDC and SAML registrations). */
  services?: ServiceRegistration[];
  hostMode?: Topology['hostMode'];
  basePort?: number;
  addresses?: TopologyOptions['addresses'];
  /** A service of your own (from a config file) instead of the sample service: registered, started, judged black-box. */
  service?: ConfiguredService;
  /** Serve every party over HTTPS with certificates from this run CA. */
  tls?: RunCa;
  /** Print the output of a service of your own that the stack starts as it comes, prefixed with its name (`up` does). */
  showServiceOutput?: boolean;
  /**
   * Derive the client secrets from this seed instead of making random ones: parties in separate processes
   * (containers) agree on them without talking. Test values only.
   */
  secretSeed?: string;
}

/** The topology a stack started with these options has (the browser's resolver rules come from it too). */
export function stackTopology(options: StackOptions): Topology {
  return createTopology({
    hostMode: options.hostMode,
    basePort: options.basePort,
    addresses: options.addresses,
    tls: options.tls !== undefined,
    ...(options.service ? { externalService: options.service.loaded.config.service.baseUrl } : {}),
  });
}

/** The stack options a config file asks for: its service, and where and how the mocks run (`tls`: the run CA). */
export function stackOptionsOf(service: ConfiguredService, tls?: RunCa): StackOptions {
  const mocks = service.loaded.config.mocks;
  return { service, hostMode: mocks.hostMode, basePort: mocks.basePort, addresses: mocks.addresses, upstream: mocks.upstream,
    ...(mocks.publishSingleLogout ? { publishSingleLogout: true } : {}), ...(tls ? { tls } : {}) };
}
