import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionLedger } from '../../mock-idp/core/ledger.js';

test('open and end record the session and the dotted events in order', () => {
  const ledger = new SessionLedger('mpassid');
  ledger.open({ sessionId: 's1', subject: 'pupil1', clientId: 'c' });
  assert.equal(ledger.end('s1', 'logout'), true);
  assert.equal(ledger.end('s1', 'logout'), false, 'a session ends once');
  const snap = ledger.snapshot();
  assert.equal(snap.sessions[0].endedBy, 'logout');
  assert.deepEqual(snap.events.map((e) => e.name), ['session.created', 'session.ended']);
  assert.ok(snap.events[0].seq < snap.events[1].seq);
});

test('opening an open session for the same subject is idempotent; another subject replaces it', () => {
  const ledger = new SessionLedger('entra');
  ledger.open({ sessionId: 's1', subject: 'a' });
  ledger.open({ sessionId: 's1', subject: 'a' });
  assert.equal(ledger.snapshot().sessions.length, 1);
  ledger.open({ sessionId: 's1', subject: 'b' });
  const sessions = ledger.snapshot().sessions;
  assert.deepEqual(sessions.map((s) => [s.subject, s.endedBy]), [['a', 'replaced'], ['b', undefined]]);
});

test('reset forgets everything and runs the party reset hooks', async () => {
  const ledger = new SessionLedger('service');
  let hookRan = false;
  ledger.onReset(() => { hookRan = true; });
  ledger.open({ sessionId: 's1', subject: 'a' });
  await ledger.reset();
  assert.deepEqual(ledger.snapshot(), { party: 'service', sessions: [], events: [] });
  assert.equal(hookRan, true);
});
