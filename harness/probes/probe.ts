import type { Page } from '@playwright/test';
import type { TestUser } from '../../mock-idp/users/test-users.js';
import type { ServiceTarget } from '../flows/service-target.js';
import type { Stack } from '../stack/stack.js';
import type { PartyName } from '../topology.js';
import type { ProbeName, ProbeResult, SessionState } from '../verdict/verdict.js';

/** What a probe works with: the browser page the user signed in on, the stack, the service, the user. */
export interface ProbeContext {
  page: Page;
  stack: Stack;
  target: ServiceTarget;
  user: TestUser;
}

/**
 * A reusable piece of evidence gathering around a logout. `prepare` runs after sign-in and before the logout
 * (e.g. sign in to a second service); `run` after the logout, with what the ledgers said.
 */
export interface LogoutProbe {
  readonly name: ProbeName;
  prepare?(ctx: ProbeContext): Promise<void>;
  run(ctx: ProbeContext, ledgerStates: Record<PartyName, SessionState>): Promise<ProbeResult>;
}

/** Opens another browser profile ("device"), as the `newDevice` fixture does. */
export type NewDevice = (name: string) => Promise<{ context: import('@playwright/test').BrowserContext; page: Page }>;
