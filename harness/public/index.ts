/**
 * `mpassid-harness`: the stack (mock MPASSid, mock Entra ID, sample services) and the verdict types, for programs
 * that run the parties themselves. Scenarios: `mpassid-harness/fixtures`; config: `mpassid-harness/config`;
 * command line: `mpassid-harness/cli`.
 * @packageDocumentation
 */
export { InProcessStack } from '../stack/in-process-stack.js';
export { stackOptionsOf, stackTopology, type Stack, type StackOptions, type StackMode } from '../stack/stack.js';
export { createTopology, type Topology, type TopologyOptions, type PartyName, type HostedParty, type PartyLocation } from '../topology.js';
export { HarnessError, type HarnessErrorCode } from '../errors.js';
export { runCa, type RunCa } from '../tls/run-ca.js';
export { configuredService, type ConfiguredService } from '../config/configured-service.js';
export type { Verdict, Finding, Outcome, ProbeResult, SessionState } from '../verdict/verdict.js';
export type { VerdictFile } from '../report/verdict-file.js';
export { TEST_USERS, type TestUser } from '../../mock-idp/users/test-users.js';
