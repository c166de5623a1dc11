import { parseArgs } from 'node:util';
import type { LogoutStrategy } from '../../sample-service/config.js';
import { HarnessError } from '../errors.js';
import type { Protocol } from '../registrations.js';
import type { ScenarioId } from '../catalogue-ids.js';
import { ENV, parseAddresses, parseBasePort, parseHostMode, parseProtocols, parseSampleLogouts, parseScenarios, parseStackMode, parseUpstream, parseWorkers } from '../run-settings.js';
import type { StackMode } from '../stack/stack.js';
import type { HostedParty, HostMode } from '../topology.js';

/** Parsed command line. */
export interface CliOptions {
  command: 'up' | 'check' | 'help';
  sampleLogouts: LogoutStrategy[];
  /** Service protocols: both by default for `check`; one for `up` (default oidc). */
  protocols: Protocol[];
  upstream: Protocol;
  /** `--publish-slo`: MPASSid's SAML metadata publishes a SingleLogoutService (what-if; production has none). */
  publishSingleLogout: boolean;
  json?: string;
  /** Folder for the HTML, JUnit and JSON reports. */
  report?: string;
  basePort: number;
  /** Playwright workers for check (each its own stack). */
  workers: number;
  hostMode: HostMode;
  addresses: Partial<Record<HostedParty, string>>;
  /** The raw `--addresses` value (else `MPASSID_HARNESS_ADDRESSES`), passed on to Playwright workers. */
  addressesArg?: string;
  /** A config file naming a service of your own. */
  config?: string;
  /** Catalogue scenarios to run (default all). */
  scenarios?: ScenarioId[];
  /** Serve every party over HTTPS with a CA made for the run. */
  tls: boolean;
  /** How the stack runs. */
  mode: StackMode;
  /** Run only this part of the catalogue (`i/n`, Playwright's `--shard`): pipelines split it over runners. */
  shard?: string;
  /** Run every scenario this many times (Playwright's `--repeat-each`), to look for flakes. */
  repeatEach?: number;
}

/** With `--config`, these flags' settings live in the config file; the value says where. */
const SET_IN_CONFIG: Record<string, string> = {
  'sample-logout': 'the logout is what your service does (service.logout)',
  protocol: 'service.protocol',
  upstream: 'mocks.upstream',
  'base-port': 'mocks.basePort',
  hosts: 'mocks.hostMode',
  addresses: 'mocks.addresses',
  workers: 'a config\'s service runs with one worker',
  'publish-slo': 'mocks.publishSingleLogout',
};

/** Parses argv (without node and script); throws `HARNESS_USAGE` naming the bad argument. */
export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'sample-logout': { type: 'string' },
        protocol: { type: 'string' },
        upstream: { type: 'string' },
        json: { type: 'string' },
        report: { type: 'string' },
        'base-port': { type: 'string' },
        workers: { type: 'string' },
        hosts: { type: 'string' },
        addresses: { type: 'string' },
        config: { type: 'string' },
        scenarios: { type: 'string' },
        tls: { type: 'boolean' },
        'publish-slo': { type: 'boolean' },
        mode: { type: 'string' },
        shard: { type: 'string' },
        'repeat-each': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new HarnessError('HARNESS_USAGE', `${(err as Error).message}; see mpassid-harness help`);
  }
  const { values, positionals } = parsed;
  const command = values.help ? 'help' : (positionals[0] ?? 'help');
  if (command !== 'up' && command !== 'check' && command !== 'help') {
    throw new HarnessError('HARNESS_USAGE', `unknown command ${JSON.stringify(command)}; use up, check or help`);
  }
  if (positionals.length > 1) throw new HarnessError('HARNESS_USAGE', `unexpected argument ${JSON.stringify(positionals[1])}`);
  if (values.config === '') throw new HarnessError('HARNESS_USAGE', '--config needs a file, e.g. --config mpassid-harness.config.yaml');
  if (values.config) {
    const clash = Object.keys(SET_IN_CONFIG).find((flag) => values[flag as keyof typeof values] !== undefined);
    if (clash) throw new HarnessError('HARNESS_USAGE', `--${clash} does not go with --config: ${SET_IN_CONFIG[clash]} in the config file says it`);
  }
  const scenarios = parseScenarios(values.scenarios, '--scenarios');
  const mode = parseStackMode(values.mode, '--mode');
  if ((values.shard !== undefined || values['repeat-each'] !== undefined) && command !== 'check') throw new HarnessError('HARNESS_USAGE', '--shard and --repeat-each belong to check');
  const shard = values.shard;
  if (shard !== undefined) {
    const [i, n] = shard.split('/').map(Number);
    if (!/^\d+\/\d+$/.test(shard) || i < 1 || n < 1 || i > n) throw new HarnessError('HARNESS_USAGE', `--shard ${shard} is not i/n with 1 ≤ i ≤ n, e.g. --shard 1/2`);
  }
  const repeatEach = values['repeat-each'] === undefined ? undefined : Number(values['repeat-each']);
  if (repeatEach !== undefined && (!Number.isInteger(repeatEach) || repeatEach < 1 || repeatEach > 1000)) {
    throw new HarnessError('HARNESS_USAGE', `--repeat-each ${values['repeat-each']} is not a whole number from 1 to 1000`);
  }
  if (command === 'up' && mode === 'attached') throw new HarnessError('HARNESS_USAGE', '--mode attached belongs to check: up starts a stack, attached uses one that runs already');
  if (scenarios && command !== 'check') throw new HarnessError('HARNESS_USAGE', '--scenarios belongs to check');
  const sampleLogouts = parseSampleLogouts(values['sample-logout'] ?? 'mpassid');
  if (command === 'up' && sampleLogouts.length !== 1) {
    throw new HarnessError('HARNESS_USAGE', 'up runs one sample service: give --sample-logout one of local, mpassid, full');
  }
  const protocols = parseProtocols(values.protocol ?? (command === 'up' ? 'oidc' : 'both'));
  if (command === 'up' && protocols.length !== 1) {
    throw new HarnessError('HARNESS_USAGE', 'up starts the sample service with one protocol: give --protocol oidc or --protocol saml (both are registered with MPASSid either way)');
  }
  const upstream = parseUpstream(values.upstream, '--upstream');
  const basePort = parseBasePort(values['base-port'], '--base-port');
  const hostMode = parseHostMode(values.hosts, '--hosts');
  const workers = parseWorkers(values.workers, '--workers');
  if (values.json === '') throw new HarnessError('HARNESS_USAGE', '--json needs a file name');
  if (values.report === '') throw new HarnessError('HARNESS_USAGE', '--report needs a folder name, e.g. --report out/');
  if (values.report && command !== 'check') throw new HarnessError('HARNESS_USAGE', '--report belongs to check; up writes no report');
  // The environment stands in for the flag, except with a config file (whose mocks.addresses say it).
  const fromEnv = values.addresses === undefined && !values.config ? process.env[ENV.addresses] : undefined;
  const addressesArg = values.addresses ?? fromEnv;
  const addresses = parseAddresses(addressesArg, fromEnv ? ENV.addresses : '--addresses');
  return {
    command, sampleLogouts, protocols, upstream, ...(values.json ? { json: values.json } : {}),
    ...(values.report ? { report: values.report } : {}), basePort, workers, hostMode, addresses,
    ...(addressesArg ? { addressesArg } : {}),
    ...(values.config ? { config: values.config } : {}),
    ...(scenarios ? { scenarios } : {}),
    tls: values.tls === true,
    publishSingleLogout: values['publish-slo'] === true || (!values.config && process.env[ENV.publishSingleLogout] === '1'),
    mode,
    ...(shard ? { shard } : {}),
    ...(repeatEach ? { repeatEach } : {}),
  };
}
