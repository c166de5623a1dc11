import { test } from '../../harness/fixtures.js';

test('sign in after logout asks for a password', async ({ verdict, probes }) => {
  await verdict({ probes: [probes.silentRelogin()] });
});
