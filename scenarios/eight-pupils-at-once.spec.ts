import { displayName } from '../mock-idp/users/test-users.js';
import { expect, test } from '../harness/fixtures.js';
import { judgeLogout } from '../harness/flows/judge-logout.js';

for (const [strategy, outcome, survivors] of [['full', 'FULL', []], ['local', 'PARTIAL', ['mpassid', 'entra']]] as const) {
  test(`eight pupils on eight devices sign in and out at once (logout=${strategy}): each sees only their own name, each verdict is ${outcome}`, async ({ stack, target, users, newDevice, protocol }) => {
    // Eight whole sign-ins at once share the machine's cores with whatever else runs: more time, same checks.
    test.setTimeout(120_000);
    await stack.setSampleLogout(strategy);
    const pupils = Object.values(users).filter((u) => /^pupil\d$/.test(u.handle)).slice(0, 8);
    expect(pupils).toHaveLength(8);
    const devices = await Promise.all(pupils.map((p) => newDevice(p.handle)));
    const seen: string[][] = pupils.map(() => []);
    devices.forEach(({ page }, i) => page.on('load', () => {
      void page.locator('body').innerText().then((text) => seen[i].push(text), () => undefined);
    }));

    const verdicts = await Promise.all(pupils.map((pupil, i) => judgeLogout({
      page: devices[i].page, stack, target, protocol, user: pupil, scenario: `eight at once: ${pupil.handle}`, probes: ['protected-page'],
    })));

    for (const [i, verdict] of verdicts.entries()) {
      expect(verdict.user).toBe(displayName(pupils[i]));
      expect(verdict.outcome, `${pupils[i].handle}: ${verdict.consequences.join(' ')}`).toBe(outcome);
      expect(verdict.survivors).toEqual(survivors);
      const protectedPage = verdict.probes.find((p) => p.probe === 'protected-page');
      expect(protectedPage?.showsUser).toBe(false);
    }
    // Nobody ever saw another pupil's name on any page of their device.
    for (const [i, texts] of seen.entries()) {
      const others = pupils.filter((_, j) => j !== i).map(displayName);
      for (const text of texts) for (const other of others) expect(text, `${pupils[i].handle}'s device`).not.toContain(other);
    }
    expect(seen.every((texts) => texts.length > 0)).toBe(true);
  });
}
