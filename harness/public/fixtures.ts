/**
 * `mpassid-harness/fixtures`: Playwright fixtures and building blocks for writing your own MPASSid logout scenarios.
 *
 * @example
 * ```ts
 * // playwright.config.ts (an ES module project, or playwright.config.mts)
 * import { defineConfig } from '@playwright/test';
 * import { harnessUse } from 'mpassid-harness/fixtures';
 * export default defineConfig({ workers: 1, use: await harnessUse({ config: './mpassid-harness.config.yaml' }) });
 * ```
 * @packageDocumentation
 */
export { test, expect, type HarnessFixtures, type HarnessOptions, type HarnessWorkerFixtures, type Probes, type VerdictOptions } from '../fixtures.js';
export { harnessUse, type HarnessUse, type HarnessUseInput } from '../playwright/harness-use.js';
export { judgeLogout, expectFullLogout, expectNoFindings, type JudgeLogoutInput, type ProbeSpec } from '../flows/judge-logout.js';
export { signIn, driveSignIn, type SignInOptions, type SignInTrace } from '../flows/sign-in.js';
export { signOut, type SignOutResult } from '../flows/sign-out.js';
export type { ServiceAction, ServiceTarget } from '../flows/service-target.js';
export { nextPupil } from '../probes/next-pupil-probe.js';
export { browserRestart, type BrowserRestartOptions } from '../probes/browser-restart-probe.js';
export { secondService } from '../probes/second-service-probe.js';
export { protectedPage } from '../probes/protected-page-run.js';
export { silentRelogin } from '../probes/silent-relogin-probe.js';
export type { LogoutProbe, ProbeContext } from '../probes/probe.js';
export type { Verdict, Finding, Outcome, ProbeResult, SessionState } from '../verdict/verdict.js';
export type { Stack } from '../stack/stack.js';
export type { TestUser } from '../../mock-idp/users/test-users.js';
