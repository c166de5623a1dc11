import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hermeticArgs } from '../../harness/browser/launch-options.js';
import { createTopology, partyOf } from '../../harness/topology.js';

test('each party gets its own loopback address and port, so cookies never mix', () => {
  const t = createTopology();
  assert.equal(t.parties.service.origin, 'http://127.0.0.2:5602');
  assert.equal(t.parties.mpassid.origin, 'http://127.0.0.3:5601');
  assert.equal(t.parties.entra.origin, 'http://127.0.0.4:5600');
  assert.equal(t.parties['service-b'].origin, 'http://127.0.0.5:5603');
  assert.equal(new Set(t.hosts()).size, 4);
});

test('the base port and addresses are configurable', () => {
  const t = createTopology({ basePort: 7000, addresses: { mpassid: '127.0.0.33' } });
  assert.equal(t.parties.mpassid.origin, 'http://127.0.0.33:7001');
  assert.equal(t.parties.mpassid.bindAddress, '127.0.0.33');
});

test('single-loopback puts every party on 127.0.0.1 under its own *.localhost name', () => {
  const t = createTopology({ hostMode: 'single-loopback' });
  assert.deepEqual(t.hosts(), ['entra.localhost', 'mpassid.localhost', 'service.localhost', 'service-b.localhost']);
  assert.ok(Object.values(t.parties).every((p) => p.bindAddress === '127.0.0.1'));
  assert.equal(t.parties.service.origin, 'http://service.localhost:5602');
});

test('partyOf finds the party of a URL by origin and ignores other origins', () => {
  const t = createTopology();
  assert.equal(partyOf(t, 'http://127.0.0.3:5601/idp/profile/Logout?return=x'), 'mpassid');
  assert.equal(partyOf(t, 'http://127.0.0.3:9999/'), undefined);
  assert.equal(partyOf(t, 'not a url'), undefined);
});

test('the browser resolves nothing but the topology hosts', () => {
  const rules = hermeticArgs(createTopology()).find((a) => a.startsWith('--host-resolver-rules='));
  assert.equal(rules, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.4, EXCLUDE 127.0.0.3, EXCLUDE 127.0.0.2, EXCLUDE 127.0.0.5');
  const named = hermeticArgs(createTopology({ hostMode: 'single-loopback' })).find((a) => a.startsWith('--host-resolver-rules='));
  assert.match(named ?? '', /MAP service\.localhost 127\.0\.0\.1/);
});
