import { test } from '../../harness/fixtures.js';

test('after a browser restart sign in asks for a password (stay signed in: no)', async ({ verdict, probes }) => {
  await verdict({ staySignedIn: false, probes: [probes.browserRestart()] });
});
