import { availableParallelism } from 'node:os';
import { isLogoutStrategy, LOGOUT_STRATEGIES, type LogoutStrategy } from '../sample-service/config.js';
import { isScenarioId, SCENARIO_IDS, type ScenarioId } from './catalogue-ids.js';
import { HarnessError } from './errors.js';
import type { StackMode } from './stack/stack.js';
import type { Protocol } from './registrations.js';
import { DEFAULT_BASE_PORT, type HostedParty, type HostMode } from './topology.js';

/**
 * Settings that travel from the CLI to the Playwright workers through the environment (Playwright runs specs in
 * worker processes, so the CLI cannot hand them over in memory).
 */
export interface RunSettings {
  sampleLogouts: LogoutStrategy[];
  /** Service ↔ MPASSid protocols the catalogue runs for (one Playwright project each × strategy). */
  protocols: Protocol[];
  /** MPASSid ↔ Entra ID protocol. */
  upstream: Protocol;
  /** Publish a SingleLogoutService in MPASSid's SAML metadata (what-if). */
  publishSingleLogout: boolean;
  basePort: number;
  hostMode: HostMode;
  /** Loopback address overrides per party (`loopback-addresses` mode). */
  addresses: Partial<Record<HostedParty, string>>;
  /** Where the verdict reporter writes the JSON verdicts. */
  jsonPath?: string;
  /** Playwright workers, each with its own stack on its own ports. */
  workers: number;
  /** A config file naming a service of your own (absolute path). */
  configPath?: string;
  /** Catalogue scenarios to run (default all). */
  scenarios?: ScenarioId[];
  /** Serve every party over HTTPS with the run's CA. */
  tls: boolean;
  /** How the stack runs: in this process, in containers, or attached to one already running. */
  mode: StackMode;
  /** The folder of the run's CA (made by the CLI or the Playwright config, read by the workers). */
  tlsDir?: string;
}

/** Default workers: half the cores, at least 2 (a scenario waits on the browser and servers half of its time). */
export const DEFAULT_WORKERS = Math.max(2, Math.floor(availableParallelism() / 2));

export const ENV = {
  sampleLogout: 'MPASSID_HARNESS_SAMPLE_LOGOUT',
  protocol: 'MPASSID_HARNESS_PROTOCOL',
  upstream: 'MPASSID_HARNESS_UPSTREAM',
  publishSingleLogout: 'MPASSID_HARNESS_PUBLISH_SLO',
  basePort: 'MPASSID_HARNESS_BASE_PORT',
  hostMode: 'MPASSID_HARNESS_HOSTS',
  addresses: 'MPASSID_HARNESS_ADDRESSES',
  json: 'MPASSID_HARNESS_JSON',
  report: 'MPASSID_HARNESS_REPORT',
  workers: 'MPASSID_HARNESS_WORKERS',
  config: 'MPASSID_HARNESS_CONFIG',
  scenarios: 'MPASSID_HARNESS_SCENARIOS',
  tls: 'MPASSID_HARNESS_TLS',
  tlsDir: 'MPASSID_HARNESS_TLS_DIR',
  mode: 'MPASSID_HARNESS_MODE',
} as const;

/** Every {@link StackMode}, for validation and messages. */
export const STACK_MODES: readonly StackMode[] = ['in-process', 'containers', 'attached'];

/** Parses a stack mode; `label` names where it came from. */
export function parseStackMode(value: string | undefined, label: string): StackMode {
  const mode = value ?? 'in-process';
  if (!(STACK_MODES as readonly string[]).includes(mode)) {
    throw new HarnessError('HARNESS_USAGE', `${label} ${mode} is not a stack mode; use ${STACK_MODES.join(', ')}`);
  }
  return mode as StackMode;
}

/** Parses a comma list of catalogue scenario ids; `label` names where it came from. */
export function parseScenarios(value: string | undefined, label: string): ScenarioId[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = list.filter((v) => !isScenarioId(v));
  if (list.length === 0 || bad.length) {
    throw new HarnessError('HARNESS_USAGE', `${label}: unknown scenario ${JSON.stringify(bad[0] ?? value)}; the catalogue has ${SCENARIO_IDS.join(', ')}`);
  }
  return list as ScenarioId[];
}

/** Parses a `--sample-logout` value: one strategy, a comma list, or `all`. */
export function parseSampleLogouts(value: string): LogoutStrategy[] {
  if (value === 'all') return [...LOGOUT_STRATEGIES];
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = list.filter((v) => !isLogoutStrategy(v));
  if (list.length === 0 || bad.length) {
    throw new HarnessError('HARNESS_USAGE', `unknown sample logout strategy ${JSON.stringify(bad[0] ?? value)}; use ${LOGOUT_STRATEGIES.join(', ')} or all`);
  }
  return list as LogoutStrategy[];
}

const PROTOCOLS: readonly Protocol[] = ['oidc', 'saml'];

/** Parses a `--protocol` value: `oidc`, `saml`, `both` (or a comma list). */
export function parseProtocols(value: string, label = '--protocol'): Protocol[] {
  if (value === 'both') return [...PROTOCOLS];
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = list.filter((v) => !(PROTOCOLS as readonly string[]).includes(v));
  if (list.length === 0 || bad.length) {
    throw new HarnessError('HARNESS_USAGE', `${label}: unknown protocol ${JSON.stringify(bad[0] ?? value)}; use oidc, saml or both`);
  }
  return [...new Set(list)] as Protocol[];
}

/** Parses the upstream protocol (MPASSid ↔ Entra ID): `saml` (production) or `oidc`. */
export function parseUpstream(value: string | undefined, label: string): Protocol {
  const upstream = value ?? 'saml';
  if (upstream !== 'saml' && upstream !== 'oidc') {
    throw new HarnessError('HARNESS_USAGE', `${label} ${upstream} is not an upstream protocol; use saml (as production) or oidc`);
  }
  return upstream;
}

/** Parses `service=127.0.0.12,mpassid=127.0.0.13`: loopback addresses per party. */
export function parseAddresses(value: string | undefined, label = '--addresses'): Partial<Record<HostedParty, string>> {
  const out: Partial<Record<HostedParty, string>> = {};
  for (const pair of (value ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [party, address] = pair.split('=');
    if (!['service', 'mpassid', 'entra', 'service-b'].includes(party) || !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address ?? '')) {
      throw new HarnessError('HARNESS_USAGE', `${label}: address ${JSON.stringify(pair)} is not <party>=<127.x.y.z>; parties are service, mpassid, entra, service-b, and addresses stay on loopback`);
    }
    out[party as HostedParty] = address;
  }
  return out;
}

/** Parses a base port; `label` names where it came from (`--base-port`, the environment variable). */
export function parseBasePort(value: string | undefined, label: string): number {
  const basePort = Number(value ?? DEFAULT_BASE_PORT);
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65000) {
    throw new HarnessError('HARNESS_USAGE', `${label} ${value} is not a port between 1024 and 65000`);
  }
  return basePort;
}

/** Parses a worker count (1–16); `label` names where it came from. */
export function parseWorkers(value: string | undefined, label: string): number {
  if (value === undefined) return DEFAULT_WORKERS;
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) {
    throw new HarnessError('HARNESS_USAGE', `${label} ${value} is not a worker count; use a whole number from 1 to 16`);
  }
  return workers;
}

/** Parses a host mode; `label` names where it came from. */
export function parseHostMode(value: string | undefined, label: string): HostMode {
  const hostMode = value ?? 'loopback-addresses';
  if (hostMode !== 'loopback-addresses' && hostMode !== 'single-loopback') {
    throw new HarnessError('HARNESS_USAGE', `${label} ${hostMode} is not a host mode; use loopback-addresses or single-loopback`);
  }
  return hostMode;
}

/** Reads the settings from the environment (defaults: mpassid strategy, base port 5600, loopback addresses). */
export function runSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RunSettings {
  const basePort = parseBasePort(env[ENV.basePort], ENV.basePort);
  const hostMode = parseHostMode(env[ENV.hostMode], ENV.hostMode);
  return {
    sampleLogouts: parseSampleLogouts(env[ENV.sampleLogout] ?? 'mpassid'),
    protocols: parseProtocols(env[ENV.protocol] ?? 'both', ENV.protocol),
    upstream: parseUpstream(env[ENV.upstream], ENV.upstream),
    publishSingleLogout: env[ENV.publishSingleLogout] === '1',
    basePort,
    hostMode,
    addresses: parseAddresses(env[ENV.addresses], ENV.addresses),
    ...(env[ENV.json] ? { jsonPath: env[ENV.json] } : {}),
    workers: parseWorkers(env[ENV.workers], ENV.workers),
    ...(env[ENV.config] ? { configPath: env[ENV.config] } : {}),
    ...(env[ENV.scenarios] ? { scenarios: parseScenarios(env[ENV.scenarios], ENV.scenarios) } : {}),
    tls: env[ENV.tls] === '1',
    mode: parseStackMode(env[ENV.mode], ENV.mode),
    ...(env[ENV.tlsDir] ? { tlsDir: env[ENV.tlsDir] } : {}),
  };
}
