import { configuredService } from '../config/configured-service.js';
import { loadConfig } from '../config/load-config.js';
import { HarnessError } from '../errors.js';
import { ENV, runSettingsFromEnv } from '../run-settings.js';
import { stackOptionsOf, type StackOptions } from '../stack/stack.js';
import { DEFAULT_BASE_PORT, type HostedParty } from '../topology.js';

/** The parties one container (or process) can run. */
export const PARTIES: readonly HostedParty[] = ['entra', 'mpassid', 'service', 'service-b'];

/** The environment a party process reads, beside the run settings (`MPASSID_HARNESS_HOSTS`, `…_BASE_PORT`, …). */
export const PARTY_ENV = {
  party: 'MPASSID_HARNESS_PARTY',
  /** Bind here instead of the topology's address (`0.0.0.0` in a container on a bridge network). */
  bind: 'MPASSID_HARNESS_BIND',
  /** Every party of one stack must share it: the client secrets are derived from it. */
  secretSeed: 'MPASSID_HARNESS_SECRET_SEED',
} as const;

/** Which party to run and the stack it belongs to, from argv and the environment. */
export async function partySettings(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ party: HostedParty; options: StackOptions; bind?: string }> {
  const party = (argv[0] ?? env[PARTY_ENV.party]) as HostedParty | undefined;
  if (!party || !PARTIES.includes(party)) {
    throw new HarnessError('HARNESS_USAGE', `which party? give one of ${PARTIES.join(', ')} as the argument or in ${PARTY_ENV.party} (got ${JSON.stringify(party ?? '')})`);
  }
  const seed = env[PARTY_ENV.secretSeed];
  if (!seed) {
    throw new HarnessError('HARNESS_USAGE', `set ${PARTY_ENV.secretSeed} to the same value for every party of the stack: their client secrets are derived from it`);
  }
  const settings = runSettingsFromEnv(env);
  const options: StackOptions = settings.configPath
    ? stackOptionsOf(configuredService(await loadConfig(settings.configPath)))
    : { hostMode: settings.hostMode, basePort: settings.basePort, addresses: settings.addresses, upstream: settings.upstream, sampleLogout: settings.sampleLogouts[0], sampleProtocol: settings.protocols[0],
      ...(settings.publishSingleLogout ? { publishSingleLogout: true } : {}) };
  return { party, options: { ...options, secretSeed: seed }, ...(env[PARTY_ENV.bind] ? { bind: env[PARTY_ENV.bind] } : {}) };
}

/**
 * The environment that makes a party process start as one party of the stack these options describe: the inverse
 * of {@link partySettings}. Containers get it; the compose file writes the same variables by hand (a test compares).
 */
export function partyEnvironment(party: HostedParty, options: StackOptions, seed: string): Record<string, string> {
  const addresses = Object.entries(options.addresses ?? {}).map(([p, a]) => `${p}=${a}`).join(',');
  return {
    [PARTY_ENV.party]: party,
    [PARTY_ENV.secretSeed]: seed,
    [ENV.hostMode]: options.hostMode ?? 'loopback-addresses',
    [ENV.basePort]: String(options.basePort ?? DEFAULT_BASE_PORT),
    ...(addresses ? { [ENV.addresses]: addresses } : {}),
    [ENV.upstream]: options.upstream ?? 'saml',
    ...(options.publishSingleLogout && !options.service ? { [ENV.publishSingleLogout]: '1' } : {}),
    ...(options.sampleLogout ? { [ENV.sampleLogout]: options.sampleLogout } : {}),
    ...(options.sampleProtocol ? { [ENV.protocol]: options.sampleProtocol } : {}),
    ...(options.service ? { [ENV.config]: options.service.loaded.path } : {}),
  };
}
