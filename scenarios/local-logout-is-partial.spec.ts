import { expect, test } from '../harness/fixtures.js';
import { judgeLogout } from '../harness/flows/judge-logout.js';

test('a local logout is PARTIAL: MPASSid and Entra survive, and Sign in lands in the same account with no password', async ({ page, stack, target, users, protocol }) => {
  await stack.setSampleLogout('local');
  const verdict = await judgeLogout({ page, stack, target, protocol, user: users.pupil1, scenario: 'local logout' });

  expect(verdict.outcome).toBe('PARTIAL');
  expect(verdict.parties).toEqual({ service: 'ended', mpassid: 'survived', entra: 'survived' });
  expect(verdict.survivors).toEqual(['mpassid', 'entra']);
  expect(verdict.consequences[0]).toContain("lands in Testi1 Oppilas1's account without a password");
  expect(verdict.probes.find((p) => p.probe === 'silent-relogin')).toMatchObject({
    passwordAsked: false, schoolPickerShown: false, landedAs: 'Testi1 Oppilas1',
  });
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Testi1 Oppilas1');
});
