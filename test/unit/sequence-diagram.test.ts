import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import type { RunEvidence, ScenarioEvidence } from '../../harness/report/evidence.js';
import { renderSequenceDiagram } from '../../harness/report/sequence-diagram.js';

const FIXTURE = new URL('../fixtures/evidence/partial-logout.json', import.meta.url);
const fixtureScenario = (): ScenarioEvidence => (JSON.parse(readFileSync(FIXTURE, 'utf8')) as RunEvidence).scenarios[0];

function parse(svg: string): Document {
  const fail = (message: string) => {
    throw new Error(`SVG is not well-formed: ${message}`);
  };
  return new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(svg, 'image/svg+xml') as unknown as Document;
}

const all = (doc: Document): Element[] => Array.from(doc.getElementsByTagName('*')) as Element[];
const withAttr = (doc: Document, name: string) => all(doc).filter((e) => e.hasAttribute(name));
const values = (doc: Document, name: string) => withAttr(doc, name).map((e) => e.getAttribute(name));

test('the fixture diagram is well-formed SVG in the SVG namespace', () => {
  const doc = parse(renderSequenceDiagram(fixtureScenario()));
  const root = doc.documentElement as unknown as Element;
  assert.equal(root.tagName, 'svg');
  assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
  assert.equal(root.getAttribute('data-outcome'), 'PARTIAL');
  for (const tag of ['script', 'image', 'foreignObject', 'a', 'style', 'use']) assert.equal(doc.getElementsByTagName(tag).length, 0, `no <${tag}>`);
});

test('one browser lifeline per device, then the parties', () => {
  const doc = parse(renderSequenceDiagram(fixtureScenario()));
  const lifelines = values(doc, 'data-lifeline');
  assert.deepEqual(lifelines.filter((l) => l!.startsWith('browser:')), ['browser:device-1', 'browser:after-restart']);
  assert.deepEqual(lifelines.filter((l) => !l!.startsWith('browser:')), ['service', 'mpassid', 'entra', 'service-b']);
});

test('survivor markers for entra and service-b only; service and MPASSid are marked ended', () => {
  const doc = parse(renderSequenceDiagram(fixtureScenario()));
  assert.deepEqual(values(doc, 'data-survivor').sort(), ['entra', 'service-b']);
  const markers = Object.fromEntries(withAttr(doc, 'data-marker').map((e) => [e.getAttribute('data-party'), e.getAttribute('data-marker')]));
  assert.deepEqual(markers, { service: 'ended', mpassid: 'ended', entra: 'survived', 'service-b': 'survived' });
  const survivedBars = withAttr(doc, 'data-session-bar').filter((e) => e.getAttribute('data-session-bar') === 'survived').map((e) => e.getAttribute('data-party'));
  assert.deepEqual(survivedBars.sort(), ['entra', 'service-b']);
});

test('the logout line is drawn, and every hop has its arrow', () => {
  const scenario = fixtureScenario();
  const doc = parse(renderSequenceDiagram(scenario));
  const logout = withAttr(doc, 'data-logout');
  assert.equal(logout.length, 1);
  assert.match(logout[0].textContent ?? '', /Log out/);
  const hops = withAttr(doc, 'data-hop');
  assert.deepEqual(hops.map((h) => Number(h.getAttribute('data-hop'))), scenario.hops.map((h) => h.seq));
  const arrows = hops.flatMap((h) => Array.from(h.getElementsByTagName('*')) as Element[]).filter((e) => e.hasAttribute('marker-end'));
  assert.ok(arrows.length >= scenario.hops.length, `${arrows.length} arrows for ${scenario.hops.length} hops`);
  const backChannel = hops.filter((h) => h.getAttribute('data-kind') === 'back-channel').length;
  assert.equal(backChannel, scenario.hops.filter((h) => h.channel === 'back-channel').length);
});

test('a scenario with no hops or events still gives a well-formed diagram saying so', () => {
  const scenario: ScenarioEvidence = { ...fixtureScenario(), hops: [], events: [], title: 'empty <run> & "more"' };
  const doc = parse(renderSequenceDiagram(scenario));
  assert.equal(withAttr(doc, 'data-hop').length, 0);
  assert.match(doc.documentElement?.textContent ?? '', /No hops or ledger events were recorded/);
  assert.match(doc.getElementsByTagName('title')[0].textContent ?? '', /empty <run> & "more"/);
});
