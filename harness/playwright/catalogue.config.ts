import { fileURLToPath } from 'node:url';
import { harnessPlaywrightConfig } from './config-builder.js';

/** The scenario catalogue `mpassid-harness check` runs: one project per sample logout strategy. */
export default harnessPlaywrightConfig({
  testDir: fileURLToPath(new URL('../../scenarios/catalogue', import.meta.url)),
  projectsPerStrategy: true,
  reporter: [[fileURLToPath(new URL('./verdict-reporter.ts', import.meta.url))]],
  outputDir: process.env.MPASSID_HARNESS_OUTPUT_DIR ?? 'test-results/catalogue',
});
