import { defineConfig, type PlaywrightTestConfig, type ReporterDescription } from '@playwright/test';
import { SCENARIO_IDS } from '../catalogue-ids.js';
import type { HarnessOptions } from '../fixtures.js';
import { runSettingsFromEnv } from '../run-settings.js';
import { stackOptionsOf } from '../stack/stack.js';
import { browserUse, configuredServiceFromEnv, runCaOfRun, sampleStackOptions } from './harness-use.js';

/** What differs between the harness's Playwright configurations. */
export interface HarnessConfigInput {
  testDir: string;
  testIgnore?: string[];
  reporter?: ReporterDescription[];
  /** One project per protocol × sample logout strategy (the catalogue), or one per protocol (claims set their own strategy). */
  projectsPerStrategy: boolean;
  outputDir?: string;
  /** Record traces and screenshots to keep for failed tests (default true); off when nobody will look at them. */
  keepFailureArtifacts?: boolean;
}

/**
 * A Playwright configuration that drives the found Chromium (never Playwright's `channel`) with hermetic flags, one
 * stack per worker, no retries (a flake is a bug to fix, not to hide). With a config file in the environment
 * (`check --config`), one project for your service's protocol and one worker: your service is registered with one
 * stack's URLs.
 */
export async function harnessPlaywrightConfig(input: HarnessConfigInput): Promise<PlaywrightTestConfig<HarnessOptions>> {
  const settings = runSettingsFromEnv();
  const own = await configuredServiceFromEnv();
  const tls = await runCaOfRun(own);
  const scenarios = settings.scenarios ?? own?.loaded.config.scenarios;
  const projects = own
    ? [{ name: own.loaded.config.service.protocol, use: { protocol: own.loaded.config.service.protocol, harnessConfig: own.loaded.path } }]
    : input.projectsPerStrategy
      ? settings.protocols.flatMap((protocol) => settings.sampleLogouts.map((strategy) => ({
        name: `${protocol} · logout=${strategy}`,
        use: { protocol, sampleLogout: strategy },
      })))
      : settings.protocols.map((protocol) => ({ name: protocol, use: { protocol } }));
  return defineConfig<HarnessOptions>({
    testDir: input.testDir,
    testIgnore: input.testIgnore,
    // A RegExp, not a glob: Playwright's globs never match inside node_modules, where an installed catalogue lives.
    ...(scenarios && scenarios.length < SCENARIO_IDS.length ? { testMatch: new RegExp(`[\\\\/](${scenarios.join('|')})\\.spec\\.[cm]?[jt]s$`) } : {}),
    outputDir: input.outputDir ?? 'test-results',
    fullyParallel: false,
    // A config's service and an attached stack each exist once, at fixed URLs.
    workers: own || settings.mode === 'attached' ? 1 : settings.workers,
    forbidOnly: !!process.env.CI,
    retries: 0,
    timeout: 30_000,
    expect: { timeout: 10_000 },
    reporter: input.reporter ?? [['list']],
    use: {
      ...browserUse(own ? stackOptionsOf(own, tls) : sampleStackOptions(tls)),
      ...(input.keepFailureArtifacts === false ? { trace: 'off' as const, screenshot: 'off' as const } : {}),
    },
    projects,
  });
}
