import { test } from '../../harness/fixtures.js';

test('a second service signed in through MPASSid is signed out too', async ({ verdict, probes }) => {
  await verdict({ probes: [probes.secondService()] });
});
