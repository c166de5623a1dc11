import { resolve } from 'node:path';
import type { PlaywrightTestOptions, PlaywrightWorkerOptions } from '@playwright/test';
import { ensureChromium } from '../browser/ensure-chromium.js';
import { launchOptions } from '../browser/launch-options.js';
import { configuredService, type ConfiguredService } from '../config/configured-service.js';
import { loadConfig } from '../config/load-config.js';
import type { HarnessOptions } from '../fixtures.js';
import type { LogoutStrategy } from '../../sample-service/config.js';
import { ENV, runSettingsFromEnv } from '../run-settings.js';
import { runCa, type RunCa } from '../tls/run-ca.js';
import { stackOptionsOf, stackTopology, type StackOptions } from '../stack/stack.js';

/** What {@link harnessUse} is given. */
export interface HarnessUseInput {
  /** Your `mpassid-harness.config.{json,yaml,ts}` (relative to the working folder). Default: the sample service. */
  config?: string;
  /** Serve the mocks over HTTPS with a CA made for the run (also the config's `mocks.tls`). */
  tls?: boolean;
  /** Without a config: the sample service's logout strategy (default mpassid). */
  sampleLogout?: LogoutStrategy;
  /** Without a config: the stack's first port (default 5600; with a config, `mocks.basePort`). */
  basePort?: number;
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
  // Workers read these from the environment they inherit from this (the main) process.
  if (input.tls) process.env[ENV.tls] = '1';
  if (input.basePort !== undefined) process.env[ENV.basePort] = String(input.basePort);
  const tls = await runCaOfRun(own);
  return {
    ...browserUse(own ? stackOptionsOf(own, tls) : sampleStackOptions(tls)),
    ...(own ? { harnessConfig: resolve(own.loaded.path), protocol: own.loaded.config.service.protocol } : {}),
    ...(input.sampleLogout ? { sampleLogout: input.sampleLogout } : {}),
  };
}

/**
 * The run's CA when this run serves HTTPS (`--tls`, `MPASSID_HARNESS_TLS=1` or the config's `mocks.tls`): read from
 * `MPASSID_HARNESS_TLS_DIR`, or made now and its folder put there, so the Playwright workers started after this
 * serve certificates of the same CA the browser was told to trust.
 */
export async function runCaOfRun(own?: ConfiguredService): Promise<RunCa | undefined> {
  const settings = runSettingsFromEnv();
  if (!settings.tls && !own?.loaded.config.mocks.tls) return undefined;
  const ca = await runCa(settings.tlsDir);
  process.env[ENV.tlsDir] = ca.dir;
  return ca;
}

/** The stack options the environment (the CLI) sets for the sample service. */
export function sampleStackOptions(tls?: RunCa): StackOptions {
  const settings = runSettingsFromEnv();
  return { hostMode: settings.hostMode, basePort: settings.basePort, addresses: settings.addresses, ...(tls ? { tls } : {}) };
}

/** Browser settings for a stack started with these options. */
export function browserUse(options: StackOptions): Partial<PlaywrightTestOptions & PlaywrightWorkerOptions> {
  const browser = ensureChromium();
  return {
    headless: true,
    launchOptions: launchOptions(browser.executablePath, stackTopology(options), options.tls?.spkiSha256),
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
