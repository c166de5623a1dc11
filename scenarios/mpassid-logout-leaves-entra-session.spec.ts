import { expect, test } from '../harness/fixtures.js';
import { judgeLogout } from '../harness/flows/judge-logout.js';

test('an MPASSid-only logout is PARTIAL: Entra survives, the school picker comes back but the password does not', async ({ page, stack, target, users, protocol }) => {
  await stack.setSampleLogout('mpassid');
  const verdict = await judgeLogout({ page, stack, target, protocol, user: users.pupil1, scenario: 'MPASSid logout' });

  expect(verdict.outcome).toBe('PARTIAL');
  expect(verdict.parties).toEqual({ service: 'ended', mpassid: 'ended', entra: 'survived' });
  expect(verdict.survivors).toEqual(['entra']);
  expect(verdict.consequences[0]).toContain('shows the school picker but asks no password');
  expect(verdict.probes.find((p) => p.probe === 'silent-relogin')).toMatchObject({
    passwordAsked: false, schoolPickerShown: true, landedAs: 'Testi1 Oppilas1',
  });
});
