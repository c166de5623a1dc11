import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import { causeOfLanding } from '../../harness/probes/landing-cause.js';
import { consequencesOf } from '../../harness/verdict/consequences.js';
import { outcomeOf, partyStates, withProbeEvidence } from '../../harness/verdict/verdict.js';

const snapshot = (party: string, sessions: Array<{ id: string; ended?: boolean }>): LedgerSnapshot => ({
  party,
  events: [],
  sessions: sessions.map((s) => ({
    party, sessionId: s.id, subject: 'x', createdAt: '2026-01-01T00:00:00Z',
    ...(s.ended ? { endedAt: '2026-01-01T00:01:00Z', endedBy: 'logout' as const } : {}),
  })),
});

test('a party whose sessions all ended is ended; one still open is survived; none is unknown', () => {
  const before = { service: snapshot('service', [{ id: 'a' }]), mpassid: snapshot('mpassid', [{ id: 'b' }]), entra: snapshot('entra', []) };
  const after = { service: snapshot('service', [{ id: 'a', ended: true }]), mpassid: snapshot('mpassid', [{ id: 'b' }]), entra: snapshot('entra', []) };
  assert.deepEqual(partyStates(before, after), { service: 'ended', mpassid: 'survived', entra: 'unknown' });
});

test('a session opened after the logout does not count as a survivor', () => {
  const before = { service: snapshot('service', [{ id: 'a' }]) };
  const after = { service: snapshot('service', [{ id: 'a', ended: true }, { id: 'new' }]) };
  assert.equal(partyStates(before, after).service, 'ended');
});

test('outcome: FULL only when every party ended, BROKEN whenever the flow broke', () => {
  assert.equal(outcomeOf({ service: 'ended', mpassid: 'ended', entra: 'ended' }), 'FULL');
  assert.equal(outcomeOf({ service: 'ended', mpassid: 'ended', entra: 'survived' }), 'PARTIAL');
  assert.equal(outcomeOf({ service: 'ended', mpassid: 'ended', entra: 'unknown' }), 'PARTIAL');
  assert.equal(outcomeOf({ service: 'ended', mpassid: 'ended', entra: 'ended' }, 'error page'), 'BROKEN');
});

test('consequences name the pupil and what the surviving session does', () => {
  const local = consequencesOf({ service: 'ended', mpassid: 'survived', entra: 'survived' }, 'Testi1 Oppilas1');
  assert.match(local[0], /lands in Testi1 Oppilas1's account without a password/);
  assert.match(local[1], /stays signed in to the school's directory/);
  const mpassid = consequencesOf({ service: 'ended', mpassid: 'ended', entra: 'survived' }, 'Testi1 Oppilas1');
  assert.match(mpassid[0], /school picker but asks no password/);
  assert.deepEqual(consequencesOf({ service: 'ended', mpassid: 'ended', entra: 'ended' }, 'Testi1 Oppilas1'), []);
  const service = consequencesOf({ service: 'survived', mpassid: 'ended', entra: 'ended' }, 'Testi1 Oppilas1');
  assert.match(service[0], /still shows Testi1 Oppilas1's pages/);
});

test('probes outrank the ledger: a protected page showing the user or a silent re-login is never FULL', () => {
  const allEnded = { service: 'ended', mpassid: 'ended', entra: 'ended' } as const;
  const shown = withProbeEvidence(allEnded, [{ probe: 'protected-page', observation: '', showsUser: true }]);
  assert.equal(shown.service, 'survived');
  assert.equal(outcomeOf(shown), 'PARTIAL');
  assert.equal(outcomeOf(allEnded, undefined, [{ probe: 'silent-relogin', cause: 'mpassid', consequence: 'Seen: …' }]), 'PARTIAL');
  assert.equal(outcomeOf(allEnded, undefined, []), 'FULL');
});

test('a second service still signed in is its own finding: it does not make this logout PARTIAL', () => {
  const allEnded = { service: 'ended', mpassid: 'ended', entra: 'ended' } as const;
  assert.equal(outcomeOf(allEnded, undefined, [{ probe: 'second-service', cause: 'service-b', consequence: 'Tehtäväpankki is still signed in' }]), 'FULL');
  assert.equal(outcomeOf(allEnded, undefined, [{ probe: 'next-pupil', cause: 'entra', consequence: 'next pupil lands in …' }]), 'PARTIAL');
});

test('the landing cause: the service when already signed in, MPASSid when no picker, Entra when only the picker', () => {
  const trace = { passwordAsked: false, stoppedAtPassword: false };
  assert.equal(causeOfLanding({ ...trace, alreadySignedIn: true, schoolPickerShown: false }), 'service');
  assert.equal(causeOfLanding({ ...trace, alreadySignedIn: false, schoolPickerShown: false }), 'mpassid');
  assert.equal(causeOfLanding({ ...trace, alreadySignedIn: false, schoolPickerShown: true }), 'entra');
});
