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

  // The directory's ID token reached MPASSid with Entra's claims.
  const upstream = ledgers.mpassid.events.find((e) => e.name === 'upstream.authenticated');
  expect(upstream?.detail).toMatchObject({ protocol: 'oidc', oid: pupil.oid, tid: stack.topology.tenantId, ver: '2.0' });
  expect(upstream?.detail?.sid).toEqual(expect.any(String));

  // MPASSid released the pupil's attributes to the service, multi-valued ones as several values.
  await page.goto(target.protectedUrl);
  const claim = (name: string) => page.locator(`[data-claim="${name}"]`);
  await expect(claim('urn:mpass.id:uid')).toHaveText(pupil.mpass['urn:mpass.id:uid']);
  await expect(claim('urn:oid:1.3.6.1.4.1.16161.1.1.27')).toHaveText('1.2.246.562.24.20000000018');
  await expect(claim('urn:mpass.id:role')).toHaveText([
    '1.2.246.562.99.00000000001;30076;9F;Oppilas;1;1.2.246.562.99.00000000002;1.2.246.562.99.00000000003',
  ]);
  await expect(claim('urn:mpass.id:schoolInfo')).toHaveText(['30076;Mansikkalan testi peruskoulu', '1.2.246.562.99.00000000002;Mansikkalan testi peruskoulu']);
  await expect(claim('urn:mpass.id:classLevel')).toHaveText('9');

  // Single sign-on: after the service alone forgets the pupil, signing in again passes MPASSid without a page.
  await stack.setSampleLogout('local');
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  const again = await signIn(page, target, pupil);
  expect(again).toMatchObject({ schoolPickerShown: false, passwordAsked: false });
});
