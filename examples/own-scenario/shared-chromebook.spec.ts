import { expect, test } from 'mpassid-harness/fixtures';

test('after Log out, the next pupil on a shared Chromebook gets their own account', async ({ verdict, probes }) => {
  const result = await verdict({ probes: [probes.protectedPage(), probes.nextPupil()] });

  expect(result.survivors, result.consequences.join('\n')).toEqual([]);
  expect(result.findings.map((f) => f.consequence)).toEqual([]);
});

test('the school directory asks for the password again after a browser restart', async ({ verdict, probes }) => {
  const result = await verdict({ staySignedIn: true, probes: [probes.browserRestart()] });

  const restart = result.probes.find((p) => p.probe === 'browser-restart');
  expect(restart?.passwordAsked).toBe(true);
});
