import { test } from '../../harness/fixtures.js';
import { expectFullLogout, judgeLogout } from '../../harness/flows/judge-logout.js';
import { nextPupil } from '../../harness/probes/next-pupil-probe.js';

test('the next pupil on the device gets their own account', async ({ page, stack, target, pupil, nextPupil: next, protocol, recordVerdict }, testInfo) => {
  const verdict = await judgeLogout({
    page, stack, target, protocol, user: pupil, scenario: testInfo.title, project: testInfo.project.name,
    probes: [nextPupil(next)],
  });
  await recordVerdict(verdict);
  expectFullLogout(verdict);
});
