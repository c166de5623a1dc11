import { expect, test } from '../harness/fixtures.js';
import { signIn } from '../harness/flows/sign-in.js';
import { signOut } from '../harness/flows/sign-out.js';

test('the browser reaches only the topology hosts, and no page loads anything from elsewhere', async ({ page, stack, target, users, protocol }) => {
  const hosts = new Set<string>();
  page.on('request', (request) => hosts.add(new URL(request.url()).host));
  await stack.setSampleLogout('full');
  await signIn(page, target, users.pupil1);
  await signOut(page, target);

  // Exactly the three parties of this flow (the second sample service is in the topology too, but not in this flow).
  const { service: s, mpassid, entra } = stack.topology.parties;
  expect([...hosts].sort()).toEqual([s, mpassid, entra].map((p) => `${p.host}:${p.port}`).sort());

  // Any other name fails to resolve inside the browser, even `localhost`, which would otherwise reach the service's
  // port on 127.0.0.1 without any DNS.
  const service = stack.topology.parties.service;
  const other = stack.topology.hostMode === 'loopback-addresses' ? `http://localhost:${service.port}/` : `http://elsewhere.localhost:${service.port}/`;
  const failure = await page.goto(other).then(() => 'loaded', (err: Error) => err.message);
  expect(failure).toContain('net::ERR_NAME_NOT_RESOLVED');
});
