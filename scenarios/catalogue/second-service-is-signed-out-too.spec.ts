import { test } from '../../harness/fixtures.js';
import { expectFullLogout, expectNoFindings, judgeLogout } from '../../harness/flows/judge-logout.js';
import { secondService } from '../../harness/probes/second-service-probe.js';

test('a second service signed in through MPASSid is signed out too', async ({ page, stack, target, serviceB, pupil, protocol, recordVerdict }, testInfo) => {
  const verdict = await judgeLogout({
    page, stack, target, protocol, user: pupil, scenario: testInfo.title, project: testInfo.project.name,
    probes: [secondService(serviceB, target.name)],
  });
  await recordVerdict(verdict);
  expectFullLogout(verdict);
  expectNoFindings(verdict);
});
