import { harnessPlaywrightConfig } from './harness/playwright/config-builder.js';

/** `npm test`'s browser part: the project's claims in scenarios/ (the catalogue runs through `mpassid-harness check`). */
export default await harnessPlaywrightConfig({
  testDir: './scenarios',
  testIgnore: ['catalogue/**'],
  projectsPerStrategy: false,
});
