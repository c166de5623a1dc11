import { expect, test } from '../harness/fixtures.js';
import { judgeLogout } from '../harness/flows/judge-logout.js';
import { browserRestart } from '../harness/probes/browser-restart-probe.js';

test('a browser that restores its session keeps the MPASSid session cookie: after a local logout the restart lands in the same account', async ({ page, stack, target, users, protocol, newDevice }) => {
  await stack.setSampleLogout('local');
  const verdict = await judgeLogout({
    page, stack, target, protocol, user: users.pupil1, scenario: 'restart with session restore',
    probes: [browserRestart(newDevice, { restoreSession: true })],
  });
  const restart = verdict.probes.find((p) => p.probe === 'browser-restart')!;
  expect(restart.kept).toBe('persistent+session');
  expect(restart.cookiesKept).toContainEqual('mpassid:shib_idp_session (session)');
  expect(restart).toMatchObject({ passwordAsked: false, landedAs: 'Testi1 Oppilas1' });
  expect(verdict.findings).toEqual([expect.objectContaining({ probe: 'browser-restart', cause: 'mpassid' })]);
  expect(verdict.findings[0].consequence).toContain('opened again with the previous session restored');
});

test('without session restore the same restart asks for a password: only persistent cookies survive a plain restart', async ({ page, stack, target, users, protocol, newDevice }) => {
  await stack.setSampleLogout('local');
  const verdict = await judgeLogout({
    page, stack, target, protocol, user: users.pupil1, scenario: 'restart without session restore',
    probes: [browserRestart(newDevice)],
  });
  const restart = verdict.probes.find((p) => p.probe === 'browser-restart')!;
  expect(restart.kept).toBe('persistent');
  expect(restart.cookiesKept?.some((c) => c.endsWith('(session)'))).toBe(false);
  expect(restart.passwordAsked).toBe(true);
  expect(verdict.findings).toEqual([]);
});
