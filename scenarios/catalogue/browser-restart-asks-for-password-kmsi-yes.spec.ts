import { test } from '../../harness/fixtures.js';

test('after a browser restart sign in asks for a password (stay signed in: yes)', async ({ verdict, probes }) => {
  await verdict({ staySignedIn: true, probes: [probes.browserRestart()] });
});
