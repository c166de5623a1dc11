import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCli } from '../../harness/cli/cli-options.js';
import { configuredService } from '../../harness/config/configured-service.js';
import { loadConfig } from '../../harness/config/load-config.js';
import { HarnessError } from '../../harness/errors.js';
import { partyEnvironment, partySettings } from '../../harness/party/party-settings.js';
import { runSettingsFromEnv } from '../../harness/run-settings.js';
import { InProcessStack } from '../../harness/stack/in-process-stack.js';
import { planStack } from '../../harness/stack/stack-plan.js';
import { stackOptionsOf } from '../../harness/stack/stack.js';

test('--publish-slo is off by default, on for up and check, and lives in the config file when there is one', () => {
  assert.equal(parseCli(['check']).publishSingleLogout, false);
  assert.equal(parseCli(['up', '--publish-slo']).publishSingleLogout, true);
  assert.equal(parseCli(['check', '--publish-slo']).publishSingleLogout, true);
  process.env.MPASSID_HARNESS_PUBLISH_SLO = '1';
  try {
    assert.equal(parseCli(['up']).publishSingleLogout, true, 'the environment stands in for the flag');
    assert.equal(parseCli(['up', '--config', 'x.yaml']).publishSingleLogout, false, 'a config file says it');
  } finally {
    delete process.env.MPASSID_HARNESS_PUBLISH_SLO;
  }
  assert.throws(() => parseCli(['check', '--config', 'x.yaml', '--publish-slo']),
    (err: unknown) => err instanceof HarnessError && /--publish-slo does not go with --config: mocks\.publishSingleLogout/.test(err.message));
});

test('the switch reaches MPASSid from a config file, from the environment the workers read, and in a party container', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpassid-harness-slo-'));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({
    service: { baseUrl: 'http://127.0.0.30:7100', protocol: 'oidc', signIn: { url: '/login' }, logout: { url: '/logout' }, protectedUrl: '/me', signedIn: { text: '{name}' } },
    registration: { oidc: { client_id: 'mine', redirect_uris: ['http://127.0.0.30:7100/cb'] } },
    mocks: { publishSingleLogout: true },
  }));
  const own = configuredService(await loadConfig(file));
  assert.equal(planStack(stackOptionsOf(own)).registrations.mpassid.publishSingleLogout, true);
  assert.equal(planStack({}).registrations.mpassid.publishSingleLogout, undefined);

  assert.equal(runSettingsFromEnv({ MPASSID_HARNESS_PUBLISH_SLO: '1' }).publishSingleLogout, true);
  assert.equal(runSettingsFromEnv({}).publishSingleLogout, false);

  const env = partyEnvironment('mpassid', { publishSingleLogout: true }, 'seed');
  assert.equal((await partySettings([], env)).options.publishSingleLogout, true);
  assert.equal((await partySettings([], partyEnvironment('mpassid', {}, 'seed'))).options.publishSingleLogout, undefined);
});

test('a stack started with the switch publishes a SingleLogoutService whose endpoint says MPASSid has no SLO', async (t) => {
  const stack = await InProcessStack.start({ basePort: 6840, publishSingleLogout: true });
  t.after(() => stack.stop());
  const mpassid = stack.topology.parties.mpassid.origin;
  const metadata = await (await fetch(`${mpassid}/idp/shibboleth`)).text();
  const slo = /<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="([^"]+)"/.exec(metadata);
  assert.ok(slo, `no SingleLogoutService in ${metadata.slice(0, 400)}`);
  const answer = await fetch(slo[1]);
  assert.equal(answer.status, 501);
  assert.match(await answer.text(), /implements no SAML single logout/);
});
