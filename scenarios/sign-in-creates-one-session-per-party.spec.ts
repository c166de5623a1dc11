import { expect, test } from '../harness/fixtures.js';
import { signIn } from '../harness/flows/sign-in.js';

test('sign-in through service → MPASSid → Entra shows the pupil and opens exactly one session at each party', async ({ page, stack, target, users, protocol }) => {
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

  // The directory's assertion (SAML, as production) or ID token reached MPASSid with Entra's claims, and the
  // hop trace shows that hop in the upstream's protocol.
  const upstream = ledgers.mpassid.events.find((e) => e.name === 'upstream.authenticated');
  const hops = await stack.hops();
  if (stack.registrations.mpassid.upstream.protocol === 'saml') {
    expect(upstream?.detail).toMatchObject({ protocol: 'saml', oid: pupil.oid, tid: stack.topology.tenantId, issuer: `${stack.topology.parties.entra.origin}/${stack.topology.tenantId}/` });
    expect(upstream?.detail?.sessionIndex).toEqual(expect.any(String));
    expect(hops.some((h) => h.party === 'entra' && h.path.startsWith(`/${stack.topology.tenantId}/saml2?SAMLRequest=`))).toBe(true);
    expect(hops.some((h) => h.party === 'mpassid' && h.method === 'POST' && h.path === '/Shibboleth.sso/SAML2/POST' && h.status < 400)).toBe(true);
    expect(hops.some((h) => h.party === 'entra' && h.path.includes('/oauth2/v2.0/token'))).toBe(false);
  } else {
    expect(upstream?.detail).toMatchObject({ protocol: 'oidc', oid: pupil.oid, tid: stack.topology.tenantId, ver: '2.0' });
    expect(upstream?.detail?.sid).toEqual(expect.any(String));
  }

  // The service signed in with the project's protocol.
  if (protocol === 'saml') {
    expect(hops.some((h) => h.party === 'mpassid' && h.path.startsWith('/idp/profile/SAML2/Redirect/SSO?SAMLRequest='))).toBe(true);
    expect(hops.some((h) => h.party === 'service' && h.method === 'POST' && h.path === '/saml/acs' && h.status < 400)).toBe(true);
  } else {
    expect(hops.some((h) => h.party === 'mpassid' && h.path.includes('/idp/profile/oidc/token') && h.channel === 'back-channel')).toBe(true);
  }

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
  await expect(claim(protocol === 'saml' ? 'urn:oid:2.5.4.42' : 'given_name')).toHaveText(pupil.givenName);

  // Single sign-on: after the service alone forgets the pupil, signing in again passes MPASSid without a page.
  await stack.setSampleLogout('local');
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  const again = await signIn(page, target, pupil);
  expect(again).toMatchObject({ schoolPickerShown: false, passwordAsked: false });
});
