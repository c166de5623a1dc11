/**
 * The one definition of where every party lives: host, bind address, port and origin, and the registrations
 * that tie them together. The in-process stack, the container stack and docker-compose.yml all derive from it;
 * nothing else writes a URL by hand.
 *
 * Two host modes:
 * - `loopback-addresses` (default): each party on its own loopback address (127.0.0.2, .3, .4 …). Linux routes
 *   all of 127.0.0.0/8, so every browser and every server-side HTTP client in any language reaches the same URLs
 *   with no `/etc/hosts` edits, and cookies never mix because each party is a different host.
 * - `single-loopback`: for machines that only have 127.0.0.1 (macOS without aliases, some containers): each party
 *   is `<party>.localhost` on 127.0.0.1 with its own port. Chromium resolves `*.localhost` by itself; the
 *   harness's own server-side clients resolve the names through the topology. A service of your own must
 *   resolve `*.localhost` to 127.0.0.1 too (most resolvers do; glibc needs `myhostname` in nsswitch).
 */

/** The three parties whose sessions a logout verdict judges. */
export type PartyName = 'service' | 'mpassid' | 'entra';

/**
 * Every server of the topology: the judged parties and `service-b`, a second sample service signed in through the
 * same MPASSid session (the second-service probe shows it stays signed in when the first logs out).
 */
export type HostedParty = PartyName | 'service-b';

/** Which host mode the topology uses. */
export type HostMode = 'loopback-addresses' | 'single-loopback';

/** Where one party lives. */
export interface PartyLocation {
  party: HostedParty;
  /** The host name in URLs (an IP address in `loopback-addresses` mode). */
  host: string;
  /** The address the server binds to (for a service of your own: the address its host resolves to). */
  bindAddress: string;
  port: number;
  /** `http://host:port`, no trailing slash. */
  origin: string;
  /** A human label for tables and diagrams. */
  label: string;
  /** A service of your own: the harness neither starts nor binds it, and it keeps no session ledger. */
  external?: boolean;
}

/** Options that shape a topology. */
export interface TopologyOptions {
  hostMode?: HostMode;
  /** First port; parties take basePort+0 (entra), +1 (mpassid), +2 (service), +3 (service-b). Default 5600. */
  basePort?: number;
  /** Override the loopback address of a party in `loopback-addresses` mode. */
  addresses?: Partial<Record<HostedParty, string>>;
  /** Entra tenant id (a GUID). */
  tenantId?: string;
  /**
   * The service under test is your own, at this origin (from the config's `service.baseUrl`): the harness does not
   * start the sample service there, and it judges that service in the browser.
   */
  externalService?: string;
  /** Serve the mock parties over HTTPS (a CA made for the run). Default false: plain http on loopback. */
  tls?: boolean;
}

/** The resolved topology. */
export interface Topology {
  hostMode: HostMode;
  /** Whether the mock parties serve HTTPS. */
  tls: boolean;
  parties: Record<HostedParty, PartyLocation>;
  tenantId: string;
  tenantDomain: string;
  /** Every host the browser may resolve; everything else must fail to resolve. */
  hosts(): string[];
}

export const DEFAULT_BASE_PORT = 5600;
export const DEFAULT_TENANT_ID = '9a4f8c1e-3b2d-4e5f-8a6b-7c0d1e2f3a4b';
export const DEFAULT_ADDRESSES: Record<HostedParty, string> = {
  entra: '127.0.0.4',
  mpassid: '127.0.0.3',
  service: '127.0.0.2',
  'service-b': '127.0.0.5',
};
const PORT_OFFSETS: Record<HostedParty, number> = { entra: 0, mpassid: 1, service: 2, 'service-b': 3 };
const LABELS: Record<HostedParty, string> = { service: 'Service', mpassid: 'MPASSid', entra: 'Entra ID', 'service-b': 'Service B' };

/** Builds the topology from options (every field has a default). */
export function createTopology(options: TopologyOptions = {}): Topology {
  const hostMode = options.hostMode ?? 'loopback-addresses';
  const basePort = options.basePort ?? DEFAULT_BASE_PORT;
  const scheme = options.tls ? 'https' : 'http';
  const locate = (party: HostedParty): PartyLocation => {
    const port = basePort + PORT_OFFSETS[party];
    const address = options.addresses?.[party] ?? DEFAULT_ADDRESSES[party];
    const host = hostMode === 'loopback-addresses' ? address : `${party}.localhost`;
    const bindAddress = hostMode === 'loopback-addresses' ? address : '127.0.0.1';
    return { party, host, bindAddress, port, origin: `${scheme}://${host}:${port}`, label: LABELS[party] };
  };
  const parties = {
    entra: locate('entra'),
    mpassid: locate('mpassid'),
    service: options.externalService ? externalLocation(options.externalService) : locate('service'),
    'service-b': locate('service-b'),
  };
  return {
    hostMode,
    tls: options.tls === true,
    parties,
    tenantId: options.tenantId ?? DEFAULT_TENANT_ID,
    tenantDomain: 'mansikkala.test',
    hosts: () => [...new Set(Object.values(parties).map((p) => p.host))],
  };
}

/** Where a service of your own lives: its URL's host and port; it binds wherever its host resolves (loopback). */
function externalLocation(baseUrl: string): PartyLocation {
  const url = new URL(baseUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const bindAddress = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : host === '::1' ? '::1' : '127.0.0.1';
  return { party: 'service', host, bindAddress, port, origin: url.origin, label: LABELS.service, external: true };
}

/** The party whose origin matches a URL's origin, if any. */
export function partyOf(topology: Topology, url: string): HostedParty | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  return (Object.values(topology.parties).find((p) => p.origin === origin))?.party;
}
