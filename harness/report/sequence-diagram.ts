import type { Hop } from '../../mock-idp/core/hop-trace.js';
import { inTimeOrder } from './time-order.js';
import type { LedgerEvent, LedgerSession } from '../../mock-idp/core/ledger.js';
import { PARTY_ORDER } from '../verdict/verdict.js';
import type { Lifeline, ScenarioEvidence } from './evidence.js';
import { noteOf } from './event-notes.js';
import {
  backChannelCaller, describeLocation, deviceOf, hopKind, isServiceParty, shortCookie, shortenPath, type HopKind,
} from './hop-reading.js';
import { escapeXml as esc, shortHash, truncate } from './markup.js';

/** The font stack of every report: the system's own UI font, nothing to download. */
export const SYSTEM_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, Cantarell, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

const LAYOUT = {
  marginX: 40,
  column: 190,
  headTop: 62,
  headHeight: 40,
  hopRow: 28,
  sessionRow: 20,
  noteRow: 15,
  logoutRow: 26,
  markerHeight: 40,
  charWidth: 6.3,
  smallCharWidth: 5.7,
  legendItem: 300,
} as const;

const COLOUR = {
  navigation: '#1f2937',
  'form-post': '#c2410c',
  'auto-post': '#7c3aed',
  'back-channel': '#0369a1',
  answer: '#6b7280',
  error: '#b91c1c',
  opened: '#15803d',
  ended: '#6b7280',
  survived: '#dc2626',
  logout: '#b91c1c',
  grid: '#9ca3af',
  muted: '#6b7280',
} as const;

const OUTCOME_COLOUR = { FULL: '#15803d', PARTIAL: '#c2410c', BROKEN: '#b91c1c' } as const;

const KIND_PREFIX: Record<HopKind, string> = {
  navigation: '',
  'form-post': 'form post · ',
  'auto-post': 'SAML auto-post · ',
  'back-channel': 'back-channel · ',
};

const HALO = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

interface Column {
  key: string;
  label: string;
  sub: string;
  x: number;
  browser: boolean;
  lifeline?: Lifeline;
}

type Item = { seq: number; hop: Hop } | { seq: number; event: LedgerEvent };

const attrs = (values: Record<string, string | number | undefined>) =>
  Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');

const n = (value: number) => Number(value.toFixed(1));

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** The browser lifelines (one per device, first seen first), then the scenario's, then any party only the trace names. */
function columnsOf(scenario: ScenarioEvidence, survivors: readonly string[]): Column[] {
  const columns: Column[] = [];
  const add = (column: Omit<Column, 'x'>) => {
    if (!columns.some((c) => c.key === column.key)) columns.push({ ...column, x: 0 });
  };
  for (const hop of scenario.hops) {
    if (hop.channel !== 'browser') continue;
    const device = deviceOf(hop);
    add({ key: `browser:${device}`, label: device === 'browser' ? 'Browser' : `Browser (${device})`, sub: hop.context ?? '', browser: true });
  }
  for (const lifeline of scenario.lifelines) add({ key: lifeline.id, label: lifeline.label, sub: hostOf(lifeline.origin), browser: false, lifeline });
  const extra = [...scenario.hops.map((h) => h.party), ...scenario.events.map((e) => e.party), ...survivors];
  for (const party of extra) add({ key: party, label: party, sub: '', browser: false, lifeline: { id: party, label: party, origin: '' } });
  columns.forEach((c, i) => {
    c.x = LAYOUT.marginX + LAYOUT.column * i + LAYOUT.column / 2;
  });
  return columns;
}

/** The parties whose session survived: the verdict's survivors, and a second service a finding blames. */
export function survivingParties(scenario: ScenarioEvidence): string[] {
  const judged = new Set<string>(PARTY_ORDER);
  const out: string[] = [...scenario.verdict.survivors];
  for (const finding of scenario.verdict.findings ?? []) {
    if (finding.cause && !judged.has(finding.cause) && !out.includes(finding.cause)) out.push(finding.cause);
  }
  return out;
}

/** The one-line caption: the outcome and who survived, in words. */
export function captionOf(scenario: ScenarioEvidence): string {
  const v = scenario.verdict;
  const name = (id: string) => scenario.lifelines.find((l) => l.id === id)?.label ?? id;
  const list = (ids: string[]) => (ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);
  const survivors = survivingParties(scenario);
  const ended = PARTY_ORDER.filter((p) => v.parties[p] === 'ended').map(name);
  const unknown = PARTY_ORDER.filter((p) => v.parties[p] === 'unknown').map(name);
  const parts: string[] = [];
  if (v.outcome === 'BROKEN' && v.broken) parts.push(`the logout flow broke: ${v.broken}`);
  if (survivors.length) parts.push(`${list(survivors.map(name))} ${survivors.length > 1 ? 'sessions' : 'session'} survived the logout`);
  if (ended.length) parts.push(survivors.length || unknown.length ? `${list(ended)} ended` : `every session ended (${list(ended)})`);
  if (unknown.length) parts.push(`no evidence about ${list(unknown)}`);
  if (!survivors.length && v.outcome === 'PARTIAL') parts.push('a silent sign-in after the logout still reached the account');
  return `${v.outcome}: ${parts.join('; ') || 'no verdict details'}.`;
}

function arrowMarkers(prefix: string): string {
  const filled = (id: string, colour: string) =>
    `<marker id="${prefix}-${id}" viewBox="0 0 10 10" refX="9.5" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
  const open = (id: string, colour: string) =>
    `<marker id="${prefix}-${id}" viewBox="0 0 10 10" refX="9.5" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10" fill="none" stroke="${colour}" stroke-width="1.6"/></marker>`;
  return `<defs>${(['navigation', 'form-post', 'auto-post', 'back-channel'] as const).map((k) => filled(k, COLOUR[k])).join('')}${open('answer', COLOUR.answer)}${open('error', COLOUR.error)}</defs>`;
}

/**
 * The hop trace of one scenario as a sequence diagram: a standalone SVG (no fonts, images, styles or scripts from
 * anywhere; the system UI font) with a browser lifeline per device and one per party, an arrow per request with
 * its answer (dashed, status and redirect target), ledger events on the lifelines at their place in the order,
 * the sessions as bars (red when they survived the logout), a marker per party at the bottom, a caption and a
 * legend. Hovering an arrow or note shows its full text. The same evidence always gives the same SVG.
 */
export function renderSequenceDiagram(scenario: ScenarioEvidence): string {
  const verdict = scenario.verdict;
  const survivors = survivingParties(scenario);
  const columns = columnsOf(scenario, survivors);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const lifelines = columns.map((c) => c.lifeline).filter((l): l is Lifeline => Boolean(l));
  const prefix = `sd${shortHash(scenario.id)}`;
  const partyKeys = columns.filter((c) => !c.browser).map((c) => c.key);

  const items: Item[] = [
    ...scenario.hops.map((hop) => ({ seq: hop.seq, at: hop.at, hop })),
    ...scenario.events.map((event) => ({ seq: event.seq, at: event.at, event })),
  ].sort((a, b) => inTimeOrder(a, b) || ('hop' in a ? 0 : 1) - ('hop' in b ? 0 : 1));

  const bands: string[] = [];
  const body: string[] = [];
  const rowsTop = LAYOUT.headTop + LAYOUT.headHeight + 12;
  let y = rowsTop;
  let right = 0;
  let hopIndex = 0;
  const previousOnDevice = new Map<string, Hop>();
  let lastService: string | undefined;
  const sessionRows = new Map<string, { party: string; sessionId: string; from?: number; to?: number; subject?: string }>();
  const sessionRow = (party: string, sessionId: string) => {
    const key = `${party}\u0000${sessionId}`;
    let row = sessionRows.get(key);
    if (!row) sessionRows.set(key, (row = { party, sessionId }));
    return row;
  };

  for (const item of items) {
    if ('hop' in item) {
      const hop = item.hop;
      const device = deviceOf(hop);
      const kind = hopKind(hop, hop.channel === 'browser' ? previousOnDevice.get(device) : undefined);
      const fromKey = hop.channel === 'browser' ? `browser:${device}` : backChannelCaller(hop, lastService, partyKeys);
      if (hop.channel === 'browser') {
        previousOnDevice.set(device, hop);
        if (isServiceParty(hop.party)) lastService = hop.party;
      }
      const from = byKey.get(fromKey) ?? columns[0];
      const to = byKey.get(hop.party) ?? columns[columns.length - 1];
      if (hopIndex++ % 2 === 1) bands.push(`<rect x="0" y="${y}" width="100%" height="${LAYOUT.hopRow}" fill="#f8fafc"/>`);
      const colour = COLOUR[kind];
      const dir = to.x >= from.x ? 1 : -1;
      const span = Math.abs(to.x - from.x);
      const prefixText = KIND_PREFIX[kind];
      const room = Math.max(30, Math.floor(span / LAYOUT.charWidth) - 2) - prefixText.length;
      const request = `${prefixText}${hop.method} ${shortenPath(hop.path, Math.max(18, room - hop.method.length - 1))}`;
      const failed = hop.status >= 400;
      const answerColour = failed ? COLOUR.error : COLOUR.answer;
      const location = hop.location ? ` → ${describeLocation(hop.location, to.lifeline, lifelines, 58)}` : '';
      const cookies = [
        ...hop.cookiesSet.map((c) => ({ text: `set ${shortCookie(c)}`, colour: COLOUR.opened })),
        ...hop.cookiesCleared.map((c) => ({ text: `cleared ${shortCookie(c)}`, colour: COLOUR.error })),
      ];
      const answerText = `${hop.status}${location}`;
      const answerLength = answerText.length + cookies.reduce((sum, c) => sum + c.text.length + 3, 0);
      const answerWidth = answerLength * LAYOUT.smallCharWidth;
      const answerOnRight = dir === 1 || to.x - 8 - answerWidth < 4;
      const answerX = answerOnRight ? to.x + 8 : to.x - 8;
      right = Math.max(right, answerOnRight ? answerX + answerWidth : 0, from.x + dir * 8 + (dir === 1 ? request.length * LAYOUT.charWidth : 0));
      const tooltip = [
        `#${hop.seq} ${from.label} → ${to.label}${kind === 'navigation' ? '' : ` (${prefixText.replace(' · ', '')})`}`,
        `${hop.method} ${hop.path}`,
        `${hop.status}${hop.location ? ` → ${hop.location}` : ''}`,
        ...(hop.cookiesSet.length ? [`cookies set: ${hop.cookiesSet.join(', ')}`] : []),
        ...(hop.cookiesCleared.length ? [`cookies cleared: ${hop.cookiesCleared.join(', ')}`] : []),
        ...(hop.context ? [`context: ${hop.context}`] : []),
        hop.at,
      ].join('\n');
      const lineY = y + 14;
      const backY = y + 22;
      const arrow = span === 0
        ? `<path d="M${from.x},${lineY - 4} h28 v10 h-26" fill="none" stroke="${colour}" stroke-width="1.4" marker-end="url(#${prefix}-${kind})"/>`
        : `<line x1="${from.x}" y1="${lineY}" x2="${n(to.x - dir * 2)}" y2="${lineY}" stroke="${colour}" stroke-width="1.4" marker-end="url(#${prefix}-${kind})"/>`
          + `<line x1="${to.x}" y1="${backY}" x2="${n(from.x + dir * 2)}" y2="${backY}" stroke="${answerColour}" stroke-width="1.1" stroke-dasharray="4 3" marker-end="url(#${prefix}-${failed ? 'error' : 'answer'})"/>`;
      const cookieSpans = cookies.map((c) => `<tspan fill="${c.colour}"> · ${esc(c.text)}</tspan>`).join('');
      body.push(
        `<g${attrs({ 'data-hop': hop.seq, 'data-kind': kind, 'data-party': hop.party, 'data-from': from.key })}><title>${esc(tooltip)}</title>`
        + `<text x="${LAYOUT.marginX - 10}" y="${y + 17}" text-anchor="end" font-size="9" fill="${COLOUR.grid}">${hop.seq}</text>`
        + arrow
        + `<text x="${n(from.x + dir * 8)}" y="${y + 10}" text-anchor="${dir === 1 ? 'start' : 'end'}" font-size="11" fill="${colour}"${kind === 'navigation' ? '' : ' font-weight="600"'} ${HALO}>${esc(request)}</text>`
        + `<text x="${n(answerX)}" y="${y + 25}" text-anchor="${answerOnRight ? 'start' : 'end'}" font-size="10" fill="${answerColour}" ${HALO}><tspan font-weight="600">${hop.status}</tspan>${esc(location)}${cookieSpans}</text>`
        + '</g>',
      );
      y += LAYOUT.hopRow;
      continue;
    }

    const event = item.event;
    const note = noteOf(event);
    const column = byKey.get(event.party) ?? columns[columns.length - 1];
    const tooltip = [`#${event.seq} ${column.label}: ${event.name}`, ...(event.subject ? [`subject: ${event.subject}`] : []),
      ...(event.sessionId ? [`session: ${event.sessionId}`] : []), ...(event.detail ? [JSON.stringify(event.detail)] : []), event.at].join('\n');
    const open = (extra: Record<string, string | number>) => `<g${attrs({ 'data-event': event.name, 'data-party': event.party, ...extra })}><title>${esc(tooltip)}</title>`;
    if (note.weight === 'session-created' || note.weight === 'session-ended') {
      const created = note.weight === 'session-created';
      const mid = y + LAYOUT.sessionRow / 2;
      if (event.sessionId) {
        const row = sessionRow(event.party, event.sessionId);
        if (created) {
          row.from = mid;
          row.subject = event.subject;
        } else row.to = mid;
      }
      const colour = created ? COLOUR.opened : COLOUR.ended;
      const mark = created
        ? `<circle cx="${column.x}" cy="${mid}" r="5" fill="${colour}"/>`
        : `<rect x="${column.x - 4.5}" y="${mid - 4.5}" width="9" height="9" fill="#ffffff" stroke="${colour}" stroke-width="1.6"/><path d="M${column.x - 3},${mid - 3} L${column.x + 3},${mid + 3} M${column.x + 3},${mid - 3} L${column.x - 3},${mid + 3}" stroke="${colour}" stroke-width="1.4"/>`;
      body.push(`${open({ 'data-session': created ? 'created' : 'ended' })}${mark}<text x="${column.x + 10}" y="${mid + 4}" font-size="11" font-weight="600" fill="${colour}" ${HALO}>${esc(note.text)}</text></g>`);
      right = Math.max(right, column.x + 10 + note.text.length * LAYOUT.charWidth);
      y += LAYOUT.sessionRow;
    } else if (note.weight === 'logout') {
      const mid = y + LAYOUT.logoutRow / 2 + 2;
      const label = `${note.text} at ${column.label}`;
      body.push(`${open({ 'data-logout': 'started' })}<line x1="${LAYOUT.marginX / 2}" y1="${mid}" x2="100%" y2="${mid}" stroke="${COLOUR.logout}" stroke-width="1.2" stroke-dasharray="8 4"/>`
        + `<text x="${LAYOUT.marginX / 2 + 4}" y="${mid - 4}" font-size="11.5" font-weight="700" fill="${COLOUR.logout}" ${HALO}>${esc(`▼ ${label}`)}</text></g>`);
      right = Math.max(right, LAYOUT.marginX + label.length * 6.8);
      y += LAYOUT.logoutRow;
    } else {
      const problem = note.weight === 'problem';
      const mid = y + LAYOUT.noteRow / 2;
      const colour = problem ? COLOUR.error : COLOUR.muted;
      body.push(`${open({ 'data-note': note.weight })}<circle cx="${column.x}" cy="${mid}" r="${problem ? 3.5 : 2}" fill="${colour}"/>`
        + `<text x="${column.x + 8}" y="${mid + 3.5}" font-size="${problem ? 10.5 : 9.5}" fill="${colour}"${problem ? ' font-weight="700"' : ' font-style="italic"'} ${HALO}>${esc(note.text)}</text></g>`);
      right = Math.max(right, column.x + 8 + note.text.length * LAYOUT.smallCharWidth);
      y += LAYOUT.noteRow;
    }
  }
  if (!items.length) {
    body.push(`<text x="${LAYOUT.marginX}" y="${y + 16}" font-size="12" fill="${COLOUR.muted}">No hops or ledger events were recorded for this scenario.</text>`);
    y += 28;
  }

  const bottom = y + 12;
  const lastSessions = verdict.sessions?.after ?? [];
  const openBefore = new Set((verdict.sessions?.before ?? []).filter((s) => !s.endedAt).map((s) => `${s.party}\u0000${s.sessionId}`));
  const stillOpen = new Set(lastSessions.filter((s) => !s.endedAt).map((s) => `${s.party}\u0000${s.sessionId}`));
  for (const s of [...(verdict.sessions?.before ?? []), ...lastSessions] as LedgerSession[]) sessionRow(s.party, s.sessionId);
  const bars: string[] = [];
  const slots = new Map<string, Array<[number, number]>>();
  for (const [key, row] of sessionRows) {
    const column = byKey.get(row.party);
    if (!column) continue;
    const endedInAfter = lastSessions.some((s) => s.party === row.party && s.sessionId === row.sessionId && s.endedAt);
    if (row.from === undefined && row.to === undefined && !openBefore.has(key) && !stillOpen.has(key)) continue;
    const from = row.from ?? rowsTop;
    const to = row.to ?? (endedInAfter ? from + 6 : bottom);
    const survived = row.to === undefined && !endedInAfter && survivors.includes(row.party)
      && (openBefore.size === 0 || openBefore.has(key));
    const taken = slots.get(row.party) ?? [];
    let slot = 0;
    while (taken.some(([a, b], i) => i === slot && a < to && from < b)) slot++;
    while (taken.length <= slot) taken.push([0, 0]);
    taken[slot] = [from, to];
    slots.set(row.party, taken);
    const x = column.x - 3 + (slot % 2 === 0 ? 1 : -1) * Math.ceil(slot / 2) * 8;
    const colour = survived ? COLOUR.survived : COLOUR.opened;
    bars.push(`<rect${attrs({ 'data-session-bar': survived ? 'survived' : row.to === undefined ? 'open' : 'ended', 'data-party': row.party })} x="${n(x)}" y="${n(from)}" width="6" height="${n(Math.max(2, to - from))}" rx="2" fill="${colour}" fill-opacity="${survived ? 0.8 : row.to === undefined ? 0.25 : 0.45}"><title>${esc(`${column.label} session ${row.sessionId}${row.subject ? ` (${row.subject})` : ''}: ${survived ? 'survived the logout' : row.to === undefined ? 'open at the end' : 'ended'}`)}</title></rect>`);
  }

  const markers = columns.filter((c) => !c.browser).map((c) => {
    const state = survivors.includes(c.key) ? 'survived' : (verdict.parties as Record<string, string | undefined>)[c.key] ?? 'not-judged';
    const look = {
      survived: { fill: '#fee2e2', stroke: COLOUR.survived, text: '✗ session survived', sub: 'still open after Log out', colour: '#991b1b' },
      ended: { fill: '#f3f4f6', stroke: COLOUR.grid, text: '✓ session ended', sub: 'by the logout', colour: '#374151' },
      unknown: { fill: '#ffffff', stroke: COLOUR.grid, text: '? no evidence', sub: 'no session to judge', colour: '#374151' },
      'not-judged': { fill: '#ffffff', stroke: '#d1d5db', text: 'not judged', sub: 'no finding', colour: COLOUR.muted },
    }[state as 'survived' | 'ended' | 'unknown' | 'not-judged'] ?? { fill: '#ffffff', stroke: COLOUR.grid, text: state, sub: '', colour: '#374151' };
    const w = 150;
    return `<g${attrs({ 'data-marker': state, 'data-party': c.key, ...(state === 'survived' ? { 'data-survivor': c.key } : {}) })}><title>${esc(`${c.label}: ${look.text} — ${look.sub}`)}</title>`
      + `<rect x="${c.x - w / 2}" y="${bottom}" width="${w}" height="${LAYOUT.markerHeight - 4}" rx="6" fill="${look.fill}" stroke="${look.stroke}" stroke-width="${state === 'survived' ? 2 : 1}"/>`
      + `<text x="${c.x}" y="${bottom + 15}" text-anchor="middle" font-size="12" font-weight="700" fill="${look.colour}">${esc(look.text)}</text>`
      + `<text x="${c.x}" y="${bottom + 29}" text-anchor="middle" font-size="10" fill="${look.colour}">${esc(look.sub)}</text></g>`;
  });

  const headBottom = LAYOUT.headTop + LAYOUT.headHeight;
  const heads = columns.map((c) => {
    const w = LAYOUT.column - 20;
    return `<g${attrs({ 'data-lifeline': c.key })}><title>${esc(`${c.label}${c.sub ? ` — ${c.sub}` : ''}`)}</title>`
      + `<line x1="${c.x}" y1="${headBottom}" x2="${c.x}" y2="${bottom}" stroke="${COLOUR.grid}" stroke-width="1" stroke-dasharray="3 4"/>`
      + `<rect x="${c.x - w / 2}" y="${LAYOUT.headTop}" width="${w}" height="${LAYOUT.headHeight}" rx="6" fill="${c.browser ? '#eff6ff' : '#f9fafb'}" stroke="${c.browser ? '#93c5fd' : '#d1d5db'}"/>`
      + `<text x="${c.x}" y="${LAYOUT.headTop + 17}" text-anchor="middle" font-size="12.5" font-weight="700" fill="#111827">${esc(truncate(c.label, 26))}</text>`
      + `<text x="${c.x}" y="${LAYOUT.headTop + 32}" text-anchor="middle" font-size="10" fill="${COLOUR.muted}">${esc(truncate(c.sub, 30))}</text></g>`;
  });

  const caption = captionOf(scenario);
  const title = `Logout sequence: ${scenario.title}${scenario.project ? ` [${scenario.project}]` : ` [${scenario.protocol}]`}`;
  const legendTop = bottom + LAYOUT.markerHeight + 16;
  const baseWidth = LAYOUT.marginX * 2 + LAYOUT.column * columns.length;
  const width = Math.ceil(Math.max(baseWidth, right + 16, 24 + caption.length * 7, 24 + title.length * 8.6, 2 * LAYOUT.legendItem + 40));
  const legend = legendOf(prefix, legendTop, width);
  const height = Math.ceil(legend.bottom + 12);
  const outcomeColour = OUTCOME_COLOUR[verdict.outcome] ?? COLOUR.error;
  const [outcomeWord, ...captionRest] = caption.split(':');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"`
    + `${attrs({ 'aria-label': `${title}. ${caption}`, 'font-family': SYSTEM_FONT, 'data-outcome': verdict.outcome })}>`,
    `<title>${esc(`${title}. ${caption}`)}</title>`,
    arrowMarkers(prefix),
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="700" fill="#111827">${esc(title)}</text>`,
    `<text x="16" y="46" font-size="13" fill="#1f2937" data-caption="true"><tspan font-weight="700" fill="${outcomeColour}">${esc(outcomeWord)}</tspan>${esc(`:${captionRest.join(':')}`)}</text>`,
    `<g data-rows="bands">${bands.join('')}</g>`,
    `<g data-rows="lifelines">${heads.join('')}</g>`,
    `<g data-rows="sessions">${bars.join('')}</g>`,
    `<g data-rows="hops">${body.join('')}</g>`,
    `<g data-rows="markers">${markers.join('')}</g>`,
    legend.svg,
    '</svg>',
  ].join('\n');
}

/** The legend: what each arrow, bar and marker means. */
function legendOf(prefix: string, top: number, width: number): { svg: string; bottom: number } {
  const arrow = (kind: HopKind | 'answer') => (x: number, y: number) => kind === 'answer'
    ? `<line x1="${x}" y1="${y}" x2="${x + 40}" y2="${y}" stroke="${COLOUR.answer}" stroke-width="1.1" stroke-dasharray="4 3" marker-end="url(#${prefix}-answer)"/>`
    : `<line x1="${x}" y1="${y}" x2="${x + 40}" y2="${y}" stroke="${COLOUR[kind]}" stroke-width="1.4" marker-end="url(#${prefix}-${kind})"/>`;
  const bar = (colour: string, opacity: number) => (x: number, y: number) => `<rect x="${x + 17}" y="${y - 8}" width="6" height="16" rx="2" fill="${colour}" fill-opacity="${opacity}"/>`;
  const entries: Array<[(x: number, y: number) => string, string]> = [
    [arrow('navigation'), 'browser request (link, redirect)'],
    [arrow('form-post'), 'form post (the person submitted a form)'],
    [arrow('auto-post'), 'SAML auto-post (a form that submits itself)'],
    [arrow('back-channel'), 'back-channel: server to server'],
    [arrow('answer'), 'answer: status → redirect target · cookies'],
    [(x, y) => `<line x1="${x}" y1="${y}" x2="${x + 40}" y2="${y}" stroke="${COLOUR.logout}" stroke-width="1.2" stroke-dasharray="8 4"/>`, 'the moment Log out was pressed'],
    [(x, y) => `<circle cx="${x + 20}" cy="${y}" r="5" fill="${COLOUR.opened}"/>`, 'session opened on that party'],
    [(x, y) => `<rect x="${x + 15.5}" y="${y - 4.5}" width="9" height="9" fill="#ffffff" stroke="${COLOUR.ended}" stroke-width="1.6"/>`, 'session ended (how: logout, propagation, …)'],
    [bar(COLOUR.opened, 0.45), 'a session while it was open'],
    [bar(COLOUR.survived, 0.8), 'a session that survived the logout'],
  ];
  const perRow = Math.max(1, Math.floor((width - 32) / LAYOUT.legendItem));
  const rows = Math.ceil(entries.length / perRow);
  const parts = entries.map(([draw, label], i) => {
    const x = 24 + (i % perRow) * LAYOUT.legendItem;
    const y = top + 30 + Math.floor(i / perRow) * 20;
    return `${draw(x, y)}<text x="${x + 50}" y="${y + 4}" font-size="11" fill="#374151">${esc(label)}</text>`;
  });
  const bottom = top + 30 + rows * 20;
  return {
    svg: `<g data-legend="true"><rect x="12" y="${top}" width="${width - 24}" height="${bottom - top}" rx="6" fill="#ffffff" stroke="#e5e7eb"/>`
      + `<text x="24" y="${top + 16}" font-size="11" font-weight="700" fill="#374151">Legend (hover an arrow or note for its full text)</text>${parts.join('')}</g>`,
    bottom,
  };
}
