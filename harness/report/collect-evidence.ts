import type { Stack } from '../stack/stack.js';
import type { HostedParty } from '../topology.js';
import type { ScenarioEvidence } from './evidence.js';
import { inTimeOrder } from './time-order.js';

const PARTIES: readonly HostedParty[] = ['service', 'mpassid', 'entra', 'service-b'];

/** What a scenario's fixture records for the reports: the lifelines, every hop and every ledger event, in order. */
export type CollectedEvidence = Pick<ScenarioEvidence, 'lifelines' | 'hops' | 'events'>;

/**
 * Reads every party's hop trace and ledger after a scenario (the stack is reset before each one, so all of it
 * belongs to this scenario). The second service is a lifeline only when the scenario used it.
 */
export async function collectEvidence(stack: Stack): Promise<CollectedEvidence> {
  const [hops, ...ledgers] = await Promise.all([stack.hops(), ...PARTIES.map((p) => stack.ledgerOf(p))]);
  const events = ledgers.flatMap((l) => l.events).sort(inTimeOrder);
  const { service, mpassid, entra, 'service-b': serviceB } = stack.topology.parties;
  const lifelines = [
    { id: 'service', label: `${stack.serviceUnderTest.name} (service)`, origin: service.origin },
    { id: 'mpassid', label: 'MPASSid', origin: mpassid.origin },
    { id: 'entra', label: 'Entra ID', origin: entra.origin },
    ...(hops.some((h) => h.party === 'service-b')
      ? [{ id: 'service-b', label: `${stack.secondService.name} (service B)`, origin: serviceB.origin }]
      : []),
  ];
  return { lifelines, hops, events };
}
