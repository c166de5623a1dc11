import { test } from '../../harness/fixtures.js';

test('logout ends every session', async ({ verdict, probes }) => {
  await verdict({ probes: [probes.protectedPage()] });
});
