import { fileURLToPath } from 'node:url';
import { ENV } from '../run-settings.js';
import { harnessPlaywrightConfig } from './config-builder.js';

// In the npm package this file is JavaScript (dist/); in the repository it is TypeScript.
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** The scenario catalogue `mpassid-harness check` runs: one project per sample logout strategy. */
export default await harnessPlaywrightConfig({
  testDir: fileURLToPath(new URL('../../scenarios/catalogue', import.meta.url)),
  projectsPerStrategy: true,
  reporter: [[fileURLToPath(new URL(`./verdict-reporter${EXT}`, import.meta.url))]],
  outputDir: process.env.MPASSID_HARNESS_OUTPUT_DIR ?? 'test-results/catalogue',
  // Traces and screenshots of failed scenarios are only read from the --report folder.
  keepFailureArtifacts: process.env[ENV.report] !== undefined,
});
