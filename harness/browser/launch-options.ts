import type { LaunchOptions } from '@playwright/test';
import type { Topology } from '../topology.js';

/**
 * Chromium flags for a hermetic run: every host name outside the topology fails to resolve
 * (`--host-resolver-rules`), and Chromium's own background traffic (updates, sync, safe browsing) is off.
 * In `single-loopback` mode the `*.localhost` names are mapped to 127.0.0.1 explicitly.
 * Rules are matched in order with the first match winning, except EXCLUDE, which overrides any MAP.
 */
export function hermeticArgs(topology: Topology): string[] {
  // Chromium applies the rules to IP literals too, so the topology's addresses need their own EXCLUDE.
  const rules = Object.values(topology.parties).map((p) =>
    /^\d+\.\d+\.\d+\.\d+$/.test(p.host) ? `EXCLUDE ${p.host}` : `MAP ${p.host} ${p.bindAddress}`);
  return [
    `--host-resolver-rules=${['MAP * ~NOTFOUND', ...rules].join(', ')}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-gpu',
    '--no-first-run',
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider',
    ...(typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : []),
  ];
}

/** Playwright launch options: the found executable (never together with `channel`) and the hermetic flags. */
export function launchOptions(executablePath: string, topology: Topology): LaunchOptions {
  return { executablePath, args: hermeticArgs(topology) };
}
