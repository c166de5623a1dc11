import { expect, test } from '../harness/fixtures.js';
import { judgeLogout } from '../harness/flows/judge-logout.js';

test('a logout return address that is not registered at MPASSid is BROKEN, and the page names the address', async ({ page, stack, target, users, protocol }) => {
  const unregistered = `${stack.topology.parties.service.origin}/goodbye`;
  await stack.setSampleLogout('mpassid', { returnUrl: unregistered });
  const verdict = await judgeLogout({
    page, stack, target, protocol, user: users.pupil1, scenario: 'unregistered return', probes: [],
  });

  expect(verdict.outcome).toBe('BROKEN');
  expect(verdict.broken).toContain(unregistered);
  await expect(page.locator('[data-error-code="unregistered_return"]')).toContainText(`logout return address ${unregistered} is not registered`);
  const ledgers = await stack.ledgers();
  expect(ledgers.mpassid.events.map((e) => e.name)).toContain('logout.return_rejected');
});
