import { defineConfig, type PlaywrightTestConfig, type ReporterDescription } from '@playwright/test';
import { ensureChromium } from '../browser/ensure-chromium.js';
import { launchOptions } from '../browser/launch-options.js';
import { runSettingsFromEnv } from '../run-settings.js';
import { createTopology } from '../topology.js';
import type { HarnessOptions } from '../fixtures.js';

/** What differs between the harness's Playwright configurations. */
export interface HarnessConfigInput {
  testDir: string;
  testIgnore?: string[];
  reporter?: ReporterDescription[];
  /** One project per protocol × sample logout strategy (the catalogue), or one per protocol (claims set their own strategy). */
  projectsPerStrategy: boolean;
  outputDir?: string;
}

/**
 * A Playwright configuration that drives the found Chromium (never Playwright's `channel`) with hermetic flags,
 * one stack per worker, no retries (a flake is a bug to fix, not to hide).
 */
export function harnessPlaywrightConfig(input: HarnessConfigInput): PlaywrightTestConfig<HarnessOptions> {
  const settings = runSettingsFromEnv();
  const browser = ensureChromium();
  const topology = createTopology({ hostMode: settings.hostMode, basePort: settings.basePort, addresses: settings.addresses });
  const projects = input.projectsPerStrategy
    ? settings.protocols.flatMap((protocol) => settings.sampleLogouts.map((strategy) => ({
      name: `${protocol} · logout=${strategy}`,
      use: { protocol, sampleLogout: strategy },
    })))
    : settings.protocols.map((protocol) => ({ name: protocol, use: { protocol } }));
  return defineConfig<HarnessOptions>({
    testDir: input.testDir,
    testIgnore: input.testIgnore,
    outputDir: input.outputDir ?? 'test-results',
    fullyParallel: false,
    workers: settings.workers,
    forbidOnly: !!process.env.CI,
    retries: 0,
    timeout: 30_000,
    expect: { timeout: 10_000 },
    reporter: input.reporter ?? [['list']],
    use: {
      headless: true,
      launchOptions: launchOptions(browser.executablePath, topology),
      trace: 'retain-on-failure',
      screenshot: 'only-on-failure',
      navigationTimeout: 15_000,
      actionTimeout: 10_000,
    },
    projects,
  });
}
