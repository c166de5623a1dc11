import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { listen } from '../../mock-idp/core/listen.js';
import { launchOptions } from '../../harness/browser/launch-options.js';
import { runCa, serverCredentials } from '../../harness/tls/run-ca.js';
import { createTopology } from '../../harness/topology.js';
import { topologyFetch } from '../../harness/topology-fetch.js';

test('the run CA issues a certificate for the topology hosts that a client trusting the CA accepts, and nobody else does', async () => {
  const ca = await runCa();
  const topology = createTopology({ tls: true, basePort: 6470 });
  assert.equal(topology.parties.mpassid.origin, 'https://127.0.0.3:6471');
  const tls = await serverCredentials(ca, topology.hosts());
  const leaf = new X509Certificate(tls.cert);
  assert.ok(leaf.verify(new X509Certificate(ca.certificatePem).publicKey), 'signed by the run CA');
  assert.match(leaf.subjectAltName ?? '', /IP Address:127\.0\.0\.3/);
  assert.equal(leaf.checkIP('127.0.0.4'), '127.0.0.4');
  const server = await listen((_req, res) => res.end('over https'), '127.0.0.3', 6471, tls);
  try {
    const trusted = await topologyFetch(topology, ca.certificatePem)(`${topology.parties.mpassid.origin}/`);
    assert.equal(await trusted.text(), 'over https');
    await assert.rejects(fetch(`${topology.parties.mpassid.origin}/`), 'a client without the run CA refuses the certificate');
  } finally {
    await server.close();
  }
});

test('the browser is told to accept exactly the run CA\'s key', async () => {
  const ca = await runCa();
  const spki = new X509Certificate(ca.certificatePem).publicKey.export({ format: 'der', type: 'spki' });
  assert.equal(ca.spkiSha256, createHash('sha256').update(spki).digest('base64'));
  const args = launchOptions('/usr/bin/chromium', createTopology({ tls: true }), ca.spkiSha256).args ?? [];
  assert.ok(args.includes(`--ignore-certificate-errors-spki-list=${ca.spkiSha256}`));
  assert.equal(args.some((a) => a === '--ignore-certificate-errors'), false, 'never every certificate');
  const again = await runCa(ca.dir);
  assert.equal(again.spkiSha256, ca.spkiSha256, 'the workers read the same CA from its folder');
});
