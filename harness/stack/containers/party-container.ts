import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { HarnessError } from '../../errors.js';
import { partyEnvironment } from '../../party/party-settings.js';
import type { HostedParty, PartyLocation } from '../../topology.js';
import type { StackOptions } from '../stack.js';
import { PARTY_IMAGE } from './image.js';

/** A party container that runs, with where it serves and how to stop it. */
export interface StartedPartyContainer {
  party: HostedParty;
  /** The origin the browser and the other parties use (the same as in-process: host networking). */
  origin: string;
  containerId: string;
  stop(): Promise<void>;
}

/**
 * testcontainers is loaded only in containers mode, and its import failure (no Node support, not installed) is an
 * error that says so rather than a crash of every mode.
 */
export async function loadTestcontainers(): Promise<typeof import('testcontainers')> {
  // The party containers use host networking, so the host they serve on is this machine. Said up front, because
  // testcontainers otherwise looks for the gateway of a `bridge` network when it runs inside a container itself.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
  try {
    return await import('testcontainers');
  } catch (err) {
    throw new HarnessError('HARNESS_START_FAILED', `--mode containers needs the testcontainers package (11.x): ${(err as Error).message}`, undefined, { cause: err });
  }
}

/**
 * One party of the stack in its own container of {@link PARTY_IMAGE}: host networking (so it serves the same
 * loopback URLs as in-process and the browser needs nothing else), the stack's settings in its environment, the
 * config file's folder mounted read-only at the same path, ready when the image's health check says so.
 */
export abstract class PartyContainer<Started extends StartedPartyContainer> {
  constructor(readonly party: HostedParty, protected readonly options: StackOptions, protected readonly seed: string) {}

  protected abstract started(base: StartedPartyContainer, container: StartedTestContainer): Started;

  async start(location: PartyLocation): Promise<Started> {
    const { GenericContainer: Container, Wait } = await loadTestcontainers();
    let container: GenericContainer = new Container(PARTY_IMAGE)
      .withNetworkMode('host')
      .withEnvironment(partyEnvironment(this.party, this.options, this.seed))
      .withWaitStrategy(Wait.forHealthCheck())
      .withStartupTimeout(60_000);
    if (this.options.service) container = container.withBindMounts([{ source: this.options.service.loaded.dir, target: this.options.service.loaded.dir, mode: 'ro' }]);
    let running: StartedTestContainer;
    try {
      running = await container.start();
    } catch (err) {
      throw new HarnessError('HARNESS_START_FAILED', `the ${this.party} container (${PARTY_IMAGE}) did not become healthy: ${(err as Error).message}; build the image with \`docker build -t ${PARTY_IMAGE} .\` in the mpassid-harness folder, or set MPASSID_HARNESS_IMAGE`, undefined, { cause: err });
    }
    const base: StartedPartyContainer = {
      party: this.party,
      origin: location.origin,
      containerId: running.getId(),
      stop: async () => {
        await running.stop();
      },
    };
    return this.started(base, running);
  }
}
