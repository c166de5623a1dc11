import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Topology } from './topology.js';

/**
 * A fetch for the parties' and the harness's own server-side calls. It resolves the topology's host names to their
 * bind addresses (in `single-loopback` mode `*.localhost` names resolve to 127.0.0.1 without touching `/etc/hosts`),
 * and with `caPem` trusts the run's CA for HTTPS. With neither needed, plain fetch is returned.
 */
export function topologyFetch(topology: Topology, caPem?: string): typeof fetch {
  if (topology.hostMode === 'loopback-addresses' && !caPem) return fetch;
  const addresses = new Map(Object.values(topology.parties).map((p) => [p.host, p.bindAddress]));
  // undici (the npm package, for its connect options) is loaded on the first call: most runs never need it.
  let ready: Promise<{ agent: import('undici').Agent; undiciFetch: typeof import('undici').fetch }> | undefined;
  const load = () => (ready ??= import('undici').then(({ Agent, fetch: undiciFetch }) => ({ undiciFetch, agent: new Agent({
    connect: {
      ...(caPem ? { ca: [caPem] } : {}),
      lookup(hostname, options, callback) {
        const address = addresses.get(hostname);
        if (!address || topology.hostMode === 'loopback-addresses') return dnsLookup(hostname, options, callback as never);
        if ((options as { all?: boolean }).all) {
          (callback as (err: null, addresses: LookupAddress[]) => void)(null, [{ address, family: 4 }]);
        } else {
          (callback as (err: null, address: string, family: number) => void)(null, address, 4);
        }
      },
    },
  }) })));
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const { agent, undiciFetch } = await load();
    return undiciFetch(input as never, { ...(init as object), dispatcher: agent } as never);
  }) as unknown as typeof fetch;
}
