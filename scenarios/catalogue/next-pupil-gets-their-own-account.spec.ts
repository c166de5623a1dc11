import { test } from '../../harness/fixtures.js';

test('the next pupil on the device gets their own account', async ({ verdict, probes }) => {
  await verdict({ probes: [probes.nextPupil()] });
});
