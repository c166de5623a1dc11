/**
 * Runs one party of the stack in this process: `node dist/harness/party/start-party.js <entra|mpassid|service|service-b>`
 * (or `MPASSID_HARNESS_PARTY`). This is what the container image runs; every party of one stack gets the same
 * run settings and `MPASSID_HARNESS_SECRET_SEED`, so they agree on URLs and client secrets without talking.
 */
import { prepareRunKeys, STACK_KEY_PURPOSES } from '../../mock-idp/core/keys.js';
import { startMockEntra } from '../../mock-idp/entra/server.js';
import { startMockMpassid } from '../../mock-idp/mpassid/server.js';
import { startSampleService } from '../../sample-service/server.js';
import { HarnessError } from '../errors.js';
import { planStack } from '../stack/stack-plan.js';
import { partySettings } from './party-settings.js';

async function startParty(argv: string[]): Promise<() => Promise<void>> {
  const { party, options, bind } = await partySettings(argv);
  await prepareRunKeys(STACK_KEY_PURPOSES);
  const { topology, registrations } = planStack(options);
  const location = topology.parties[party];
  if (location.external) throw new HarnessError('HARNESS_USAGE', `the config names a service of your own at ${location.origin}; run entra, mpassid and service-b, and your service yourself`);
  const listenOn = { host: bind ?? location.bindAddress, port: location.port };
  const started = party === 'entra'
    ? await startMockEntra(registrations.entra, listenOn)
    : party === 'mpassid'
      ? await startMockMpassid(registrations.mpassid, listenOn)
      : await startSampleService(party === 'service' ? registrations.service : registrations.serviceB, listenOn);
  console.log(`mpassid-harness ${party} listening on ${listenOn.host}:${listenOn.port}, serving ${location.origin}`);
  return started.close;
}

try {
  const close = await startParty(process.argv.slice(2));
  const stop = () => {
    close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (err) {
  console.error(`mpassid-harness: ${(err as Error).message}`);
  process.exit(2);
}
