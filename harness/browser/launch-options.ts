import type { LaunchOptions } from '@playwright/test';
import type { Topology } from '../topology.js';

/**
 * Chromium flags for a hermetic run: every host name outside the topology fails to resolve
 * (`--host-resolver-rules`), and Chromium's own background traffic (updates, sync, safe browsing) is off.
 * In `single-loopback` mode the `*.localhost` names are mapped to 127.0.0.1 explicitly.
 */
export function hermeticArgs(topology: Topology): string[] {
  // Rules match in order, first MAP wins; EXCLUDE overrides any MAP. Chromium applies the rules to IP literals
  // too, so the topology's addresses need their own EXCLUDE.
  const isAddress = (host: string) => /^\d+\.\d+\.\d+\.\d+$/.test(host);
  const parties = Object.values(topology.parties);
  const maps = parties.filter((p) => !isAddress(p.host)).map((p) => `MAP ${p.host} ${p.bindAddress}`);
  const excludes = parties.filter((p) => isAddress(p.host)).map((p) => `EXCLUDE ${p.host}`);
  return [
    `--host-resolver-rules=${[...maps, 'MAP * ~NOTFOUND', ...excludes].join(', ')}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-gpu',
    '--no-first-run',
    // One --disable-features (Chromium keeps only the last). Site isolation off: every cross-site hop of a sign-in
    // would start a renderer process (a quarter of a scenario's time here); cookies, SameSite and storage are
    // decided by site, not by process, so what the harness judges is the same.
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,IsolateOrigins,site-per-process',
    '--disable-site-isolation-trials',
    ...(typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : []),
  ];
}

/**
 * Playwright launch options: the found executable (never together with `channel`) and the hermetic flags; with a
 * run CA, the browser accepts certificates issued by exactly that CA's key (and no other unknown one).
 */
export function launchOptions(executablePath: string, topology: Topology, caSpkiSha256?: string): LaunchOptions {
  return { executablePath, args: [...hermeticArgs(topology), ...(caSpkiSha256 ? [`--ignore-certificate-errors-spki-list=${caSpkiSha256}`] : [])] };
}
