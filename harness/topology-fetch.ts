import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Topology } from './topology.js';

/**
 * A fetch for the harness's own server-side calls that resolves the topology's host names to their bind
 * addresses. In `loopback-addresses` mode URLs carry IP addresses and plain fetch is returned; in
 * `single-loopback` mode `*.localhost` names resolve to 127.0.0.1 without touching `/etc/hosts`.
 */
export function topologyFetch(topology: Topology): typeof fetch {
  if (topology.hostMode === 'loopback-addresses') return fetch;
  const addresses = new Map(Object.values(topology.parties).map((p) => [p.host, p.bindAddress]));
  const agent = new Agent({
    connect: {
      lookup(hostname, options, callback) {
        const address = addresses.get(hostname);
        if (!address) return dnsLookup(hostname, options, callback as never);
        if ((options as { all?: boolean }).all) {
          (callback as (err: null, addresses: LookupAddress[]) => void)(null, [{ address, family: 4 }]);
        } else {
          (callback as (err: null, address: string, family: number) => void)(null, address, 4);
        }
      },
    },
  });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher: agent } as never)) as unknown as typeof fetch;
}
