/**
 * `--mode containers`: the same catalogue, each party in its own container (testcontainers). Without a container
 * engine it fails at once and says so; with one (and the image built) it runs a scenario end to end.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PARTY_IMAGE } from '../../harness/stack/containers/image.js';
import { loadTestcontainers } from '../../harness/stack/containers/party-container.js';
import { runCli } from '../cli/run-cli.js';

test('check --mode containers with no reachable engine exits 2 and says what to do', async () => {
  const started = Date.now();
  const { code, stderr } = await runCli(['check', '--mode', 'containers', '--scenarios', 'logout-ends-every-session', '--protocol', 'oidc', '--base-port', '6540'], {
    env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock', TESTCONTAINERS_RYUK_DISABLED: 'true' },
  });
  assert.equal(code, 2, stderr);
  assert.match(stderr, /--mode containers needs a container engine, and none is reachable .*start Docker \(or set DOCKER_HOST\), or run with --mode in-process/);
  assert.ok(Date.now() - started < 30_000);
});

test('an unknown mode names the three', async () => {
  const { code, stderr } = await runCli(['check', '--mode', 'kubernetes']);
  assert.equal(code, 2);
  assert.match(stderr, /--mode kubernetes is not a stack mode; use in-process, containers, attached/);
});

test('with a container engine and the image built: check --mode containers gives the same verdicts as in-process', async (t) => {
  const { getContainerRuntimeClient, ImageName } = await loadTestcontainers();
  let client: Awaited<ReturnType<typeof getContainerRuntimeClient>>;
  try {
    client = await getContainerRuntimeClient();
  } catch (err) {
    t.skip(`no container engine reachable here (${(err as Error).message}); CI machines of this project have none`);
    return;
  }
  if (!(await client.image.exists(ImageName.fromString(PARTY_IMAGE)).catch(() => false))) {
    t.skip(`image ${PARTY_IMAGE} is not built; docker build -t ${PARTY_IMAGE} .`);
    return;
  }
  const { code, stdout, stderr } = await runCli(['check', '--mode', 'containers', '--scenarios', 'logout-ends-every-session,sign-in-after-logout-asks-for-password',
    '--sample-logout', 'local,full', '--protocol', 'both', '--base-port', '6540', '--workers', '1']);
  assert.equal(code, 1, `${stdout}\n${stderr}`);
  assert.match(stdout, /logout ends every session \[logout=full\]\s+saml\s+ended\s+ended\s+ended\s+FULL/);
  assert.match(stdout, /sign in after logout asks for a password \[logout=local\]\s+oidc\s+ended\s+survived\s+survived\s+PARTIAL\s+silent-relogin: mpassid/);
});
