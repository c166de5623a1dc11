import { expect, test } from '../harness/fixtures.js';
import { signIn } from '../harness/flows/sign-in.js';

test('sign-in through service → MPASSid → Entra shows the pupil and opens exactly one session at each party', async ({ page, stack, target, users }) => {
  const pupil = users.pupil1;
  const trace = await signIn(page, target, pupil);

  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Testi1 Oppilas1');
  expect(trace).toMatchObject({ schoolPickerShown: true, passwordAsked: true });
  const ledgers = await stack.ledgers();
  for (const party of ['service', 'mpassid', 'entra'] as const) {
    const open = ledgers[party].sessions.filter((s) => !s.endedAt);
    expect(open, `${party} sessions`).toHaveLength(1);
  }
  expect(ledgers.service.sessions[0].subject).toBe(pupil.mpass['urn:mpass.id:uid']);
  expect(ledgers.mpassid.sessions[0].subject).toBe(pupil.mpass['urn:mpass.id:uid']);
  expect(ledgers.entra.sessions[0].subject).toBe(pupil.username);

  // Single sign-on: after the service alone forgets the pupil, signing in again passes MPASSid without a page.
  await stack.setSampleLogout('local');
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  const again = await signIn(page, target, pupil);
  expect(again).toMatchObject({ schoolPickerShown: false, passwordAsked: false });
});
