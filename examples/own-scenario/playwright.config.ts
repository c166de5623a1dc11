// Your own scenarios with the harness's fixtures: the mocks start with your service's registration (and your
// service, when the config says how), one worker, the hermetic Chromium. MPASSID_HARNESS_CONFIG picks the config.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { harnessUse } from 'mpassid-harness/fixtures';

const config = process.env.MPASSID_HARNESS_CONFIG ?? fileURLToPath(new URL('../saml-passport-saml/mpassid-harness.config.yaml', import.meta.url));

export default defineConfig({
  testDir: '.',
  workers: 1,
  reporter: [['list']],
  use: await harnessUse({ config }),
});
