import { resolve } from 'node:path';
import type { PlaywrightTestOptions, PlaywrightWorkerOptions } from '@playwright/test';
import { ensureChromium } from '../browser/ensure-chromium.js';
import { launchOptions } from '../browser/launch-options.js';
import { configuredService, type ConfiguredService } from '../config/configured-service.js';
import { loadConfig } from '../config/load-config.js';
import type { HarnessOptions } from '../fixtures.js';
import { runSettingsFromEnv } from '../run-settings.js';
import { stackOptionsOf, stackTopology, type StackOptions } from '../stack/stack.js';

/** What {@link harnessUse} is given. */
export interface HarnessUseInput {
  /** Your `mpassid-harness.config.{json,yaml,ts}` (relative to the working folder). Default: the sample service. */
  config?: string;
}

/** The `use` block {@link harnessUse} returns: browser settings plus the harness's own options. */
export type HarnessUse = Partial<PlaywrightTestOptions & PlaywrightWorkerOptions> & Partial<HarnessOptions>;

/**
 * The Playwright `use` settings a harness scenario needs: the found Chromium (Debian's, never a download) with the
 * hermetic resolver rules for the stack's hosts, traces and screenshots kept on failure, and — with `config` — your
 * service and its protocol.
 *
 * @example
 * ```ts
 * export default defineConfig({ workers: 1, use: await harnessUse({ config: './mpassid-harness.config.yaml' }) });
 * ```
 */
export async function harnessUse(input: HarnessUseInput = {}): Promise<HarnessUse> {
  const own = input.config ? configuredService(await loadConfig(input.config)) : undefined;
  return {
    ...browserUse(own ? stackOptionsOf(own) : sampleStackOptions()),
    ...(own ? { harnessConfig: resolve(own.loaded.path), protocol: own.loaded.config.service.protocol } : {}),
  };
}

/** The stack options the environment (the CLI) sets for the sample service. */
export function sampleStackOptions(): StackOptions {
  const settings = runSettingsFromEnv();
  return { hostMode: settings.hostMode, basePort: settings.basePort, addresses: settings.addresses };
}

/** Browser settings for a stack started with these options. */
export function browserUse(options: StackOptions): Partial<PlaywrightTestOptions & PlaywrightWorkerOptions> {
  const browser = ensureChromium();
  return {
    headless: true,
    launchOptions: launchOptions(browser.executablePath, stackTopology(options)),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    navigationTimeout: 15_000,
    actionTimeout: 10_000,
  };
}

/** The service of your own that the environment's config names, if any. */
export async function configuredServiceFromEnv(): Promise<ConfiguredService | undefined> {
  const path = runSettingsFromEnv().configPath;
  return path ? configuredService(await loadConfig(path)) : undefined;
}
