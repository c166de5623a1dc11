/**
 * `mpassid-harness/config`: the config file's types, a typed helper for `mpassid-harness.config.ts`, the loader and
 * the JSON Schema.
 *
 * @example
 * ```ts
 * // mpassid-harness.config.ts
 * import { defineConfig } from 'mpassid-harness/config';
 * export default defineConfig({ service: { … }, registration: { oidc: { … } } });
 * ```
 * @packageDocumentation
 */
import type { HarnessConfigInput } from '../config/config-schema.js';

export type { HarnessConfig, HarnessConfigInput } from '../config/config-schema.js';
export { harnessConfigSchema } from '../config/config-schema.js';
export { loadConfig, CONFIG_EXTENSIONS, type LoadedConfig } from '../config/load-config.js';
export { configJsonSchema, JSON_SCHEMA_FILE } from '../config/json-schema.js';
export { SCENARIO_IDS, type ScenarioId } from '../catalogue-ids.js';

/** Returns the config unchanged, typed: for `mpassid-harness.config.ts` files. */
export function defineConfig(config: HarnessConfigInput): HarnessConfigInput {
  return config;
}
