import type { StartedTestContainer } from 'testcontainers';
import { PartyContainer, type StartedPartyContainer } from './party-container.js';

/** A sample service (the one under test, or the second one) in its container. */
export interface StartedSampleServiceContainer extends StartedPartyContainer {
  name: string;
  homeUrl: string;
}

/** Starts a sample service container: `service` ("Oppimisalusta") or `service-b` ("Tehtäväpankki"). */
export class SampleServiceContainer extends PartyContainer<StartedSampleServiceContainer> {
  constructor(party: 'service' | 'service-b', options: ConstructorParameters<typeof PartyContainer>[1], seed: string, private readonly name: string) {
    super(party, options, seed);
  }

  protected started(base: StartedPartyContainer, _container: StartedTestContainer): StartedSampleServiceContainer {
    return { ...base, name: this.name, homeUrl: `${base.origin}/` };
  }
}
