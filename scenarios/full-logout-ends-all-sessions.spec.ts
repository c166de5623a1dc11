import { expect, test } from '../harness/fixtures.js';
import { judgeLogout } from '../harness/flows/judge-logout.js';

test('a full logout (service + MPASSid + Entra chained) ends all three sessions: FULL', async ({ page, stack, target, users, protocol }) => {
  await stack.setSampleLogout('full');
  const verdict = await judgeLogout({ page, stack, target, protocol, user: users.pupil1, scenario: 'full logout' });

  expect(verdict.outcome).toBe('FULL');
  expect(verdict.parties).toEqual({ service: 'ended', mpassid: 'ended', entra: 'ended' });
  expect(verdict.survivors).toEqual([]);
  expect(verdict.consequences).toEqual([]);
  const relogin = verdict.probes.find((p) => p.probe === 'silent-relogin');
  expect(relogin).toMatchObject({ passwordAsked: true, schoolPickerShown: true });
  expect(verdict.probes.find((p) => p.probe === 'protected-page')).toMatchObject({ showsUser: false });
  await expect(page.getByTestId('entra-sign-in')).toBeVisible();
});
