/**
 * docker-compose.yml and the topology are one source of truth: the compose file's services, hosts, ports and party
 * settings must be what the harness's single-loopback topology says, and the image what the package pins.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { PARTIES } from '../../harness/party/party-settings.js';
import { packageVersion } from '../../harness/package-version.js';
import { ENV } from '../../harness/run-settings.js';
import { PARTY_IMAGE } from '../../harness/stack/containers/image.js';
import { createTopology, DEFAULT_BASE_PORT } from '../../harness/topology.js';

interface ComposeService {
  image: string;
  environment: Record<string, string>;
  ports: string[];
  networks: { default: { aliases: string[] } };
  healthcheck: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const topology = createTopology({ hostMode: 'single-loopback' });

test('docker-compose.yml runs exactly the topology\'s parties, each on its host (network alias) and port (published on 127.0.0.1)', () => {
  assert.deepEqual(Object.keys(compose.services).sort(), [...PARTIES].sort());
  for (const party of PARTIES) {
    const service = compose.services[party];
    const location = topology.parties[party];
    assert.equal(service.environment.MPASSID_HARNESS_PARTY, party);
    assert.deepEqual(service.networks.default.aliases, [location.host], `${party}: the alias is the topology host`);
    assert.deepEqual(service.ports, [`127.0.0.1:${location.port}:${location.port}`], `${party}: published on loopback only, same port`);
    assert.equal(service.environment[ENV.hostMode], topology.hostMode);
    assert.equal(service.environment[ENV.basePort], String(DEFAULT_BASE_PORT));
    assert.equal(service.environment.MPASSID_HARNESS_BIND, '0.0.0.0', `${party}: binds inside its own network namespace`);
    assert.match(service.environment.MPASSID_HARNESS_SECRET_SEED, /\S/);
    assert.match(service.environment.MPASSID_HARNESS_ADMIN_TOKEN, /\S/, `${party}: bound beyond loopback, so /__harness/* needs a token`);
    assert.deepEqual(service.healthcheck.test, ['CMD', 'node', 'dist/harness/party/party-health.js']);
  }
  assert.equal(compose.services.mpassid.depends_on?.entra.condition, 'service_healthy');
});

test('the compose file, the Dockerfile and the container mode use the image the package pins', () => {
  const tag = `mpassid-harness:${packageVersion()}`;
  assert.equal(PARTY_IMAGE, process.env.MPASSID_HARNESS_IMAGE ?? tag);
  for (const service of Object.values(compose.services)) assert.equal(service.image, `\${MPASSID_HARNESS_IMAGE:-${tag}}`, 'the image tag is the package version');
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  assert.match(dockerfile, /^ARG BASE_IMAGE=node:20[\w.-]*slim$/m, 'the base image is a build argument, an official Node 20 slim image by default');
  assert.match(dockerfile, /^USER 1000:1000$/m, 'non-root');
  assert.match(dockerfile, /^HEALTHCHECK .*party-health\.js/m);
  assert.match(dockerfile, /^ENTRYPOINT \["node", (?:"--[\w-]+=\d+", )*"dist\/harness\/party\/start-party\.js"\]$/m);
});

test('docker-compose config validates the file (Debian\'s docker-compose 1.29, installed by .ci/run)', (t) => {
  const found = spawnSync('docker-compose', ['--version'], { encoding: 'utf8' });
  if (found.error) {
    t.skip('docker-compose is not installed here (apt-get install --no-install-recommends docker-compose); .ci/run installs it');
    return;
  }
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '--quiet'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
