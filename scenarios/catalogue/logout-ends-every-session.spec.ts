import { test } from '../../harness/fixtures.js';
import { expectFullLogout, judgeLogout } from '../../harness/flows/judge-logout.js';

test('logout ends every session', async ({ page, stack, target, pupil, protocol, recordVerdict }, testInfo) => {
  const verdict = await judgeLogout({
    page, stack, target, protocol, user: pupil, scenario: testInfo.title, project: testInfo.project.name, probes: ['protected-page'],
  });
  await recordVerdict(verdict);
  expectFullLogout(verdict);
});
