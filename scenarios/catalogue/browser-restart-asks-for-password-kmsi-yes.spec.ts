import { test } from '../../harness/fixtures.js';
import { expectFullLogout, judgeLogout } from '../../harness/flows/judge-logout.js';
import { browserRestart } from '../../harness/probes/browser-restart-probe.js';

test('after a browser restart sign in asks for a password (stay signed in: yes)', async ({ page, stack, target, pupil, protocol, newDevice, recordVerdict }, testInfo) => {
  const verdict = await judgeLogout({
    page, stack, target, protocol, user: pupil, scenario: testInfo.title, project: testInfo.project.name,
    staySignedIn: true,
    probes: [browserRestart(newDevice)],
  });
  await recordVerdict(verdict);
  expectFullLogout(verdict);
});
