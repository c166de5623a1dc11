import type { LedgerSession } from '../../mock-idp/core/ledger.js';
import { PARTY_ORDER, type Finding, type Outcome, type ProbeResult, type SessionState } from '../verdict/verdict.js';
import type { EvidenceAttachment, RunEvidence, ScenarioEvidence } from './evidence.js';
import { escapeXml as esc, shortHash, truncate } from './markup.js';
import { captionOf, renderSequenceDiagram, survivingParties, SYSTEM_FONT } from './sequence-diagram.js';

/** How {@link renderHtmlReport} links a scenario's attachments. */
export interface HtmlReportOptions {
  /**
   * The address of an attachment relative to the report file. Default: `assets/<scenario folder>/<asset name>`
   * (see {@link scenarioFolder} and {@link assetNames}), where {@link writeReports} copies it.
   */
  assetHref?: (scenario: ScenarioEvidence, attachment: EvidenceAttachment) => string;
  /**
   * Whether the attachment's file was kept next to the report. A file that was not kept is named, with a note
   * instead of a link. Default: every attachment counts as kept.
   */
  assetKept?: (scenario: ScenarioEvidence, attachment: EvidenceAttachment) => boolean;
}

/** The Content-Security-Policy of the report: nothing may load, except images next to the report or inline. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;";

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_SEGMENT = 96;

/** A file or folder name made of `[A-Za-z0-9._-]` only; a name that had to change gets a hash of the original. */
function safeSegment(raw: string, fallback: string): string {
  if (raw.length <= MAX_SEGMENT && SAFE_SEGMENT.test(raw) && !raw.includes('..')) return raw;
  const cleaned = raw.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.{2,}/g, '.').replace(/^[._-]+/, '').slice(0, MAX_SEGMENT - 10).replace(/[._-]+$/, '');
  return `${cleaned || fallback}-${shortHash(raw)}`;
}

/**
 * The folder (one path segment, safe on every file system) that holds a scenario's attachments under `assets/`.
 * An id that is already safe is kept as is; any other gets its unsafe characters replaced and a hash of the id
 * appended, so two different ids never share a folder.
 */
export function scenarioFolder(id: string): string {
  return safeSegment(id, 'scenario');
}

/**
 * The file names a scenario's attachments get in its assets folder, in the order of `scenario.attachments`: the
 * basename of each path, made safe; a name already taken in the scenario is prefixed with the attachment's number.
 */
export function assetNames(scenario: ScenarioEvidence): string[] {
  const taken = new Set<string>();
  return scenario.attachments.map((attachment, i) => {
    const base = attachment.path.split(/[\\/]/).filter(Boolean).pop() || attachment.name || `attachment-${i + 1}`;
    let name = safeSegment(base, `attachment-${i + 1}`);
    if (taken.has(name)) name = `${i + 1}-${name}`;
    taken.add(name);
    return name;
  });
}

/** The default address of an attachment: `assets/<scenario folder>/<asset name>`, relative to the report. */
export function defaultAssetHref(scenario: ScenarioEvidence, attachment: EvidenceAttachment): string {
  const index = scenario.attachments.indexOf(attachment);
  const names = assetNames(scenario);
  const name = index >= 0 ? names[index] : safeSegment(attachment.path.split(/[\\/]/).pop() ?? attachment.name, 'attachment');
  return `assets/${encodeURIComponent(scenarioFolder(scenario.id))}/${encodeURIComponent(name)}`;
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  FULL: 'every session ended',
  PARTIAL: 'a session survived the logout',
  BROKEN: 'the logout flow itself failed',
};

const STATE_TEXT: Record<SessionState, { mark: string; word: string; note: string }> = {
  ended: { mark: '✓', word: 'ended', note: 'ended by the logout' },
  survived: { mark: '✗', word: 'survived', note: 'still open after Log out' },
  unknown: { mark: '?', word: 'unknown', note: 'no session to judge: not known to have ended' },
};

const DEFAULT_LABELS: Record<string, string> = { service: 'Service', mpassid: 'MPASSid', entra: 'Entra ID', 'service-b': 'Second service' };

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${SYSTEM_FONT}; font-size: 15px; line-height: 1.45; color: #111827; background: #f3f4f6; }
header.run { background: #111827; color: #f9fafb; padding: 18px 28px 16px; }
header.run h1 { margin: 0 0 4px; font-size: 22px; }
header.run p { margin: 2px 0; color: #d1d5db; }
header.run .headline { color: #ffffff; font-size: 16px; font-weight: 600; margin-top: 8px; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
.count { border-radius: 999px; padding: 2px 12px; font-weight: 700; background: #374151; color: #f9fafb; }
.count.FULL { background: #15803d; } .count.PARTIAL { background: #c2410c; } .count.BROKEN { background: #b91c1c; }
.count.zero { opacity: 0.45; }
main { padding: 18px 28px 40px; max-width: 1500px; }
h2 { font-size: 19px; margin: 22px 0 10px; }
h3 { font-size: 15.5px; margin: 20px 0 8px; color: #1f2937; }
.legend { color: #4b5563; font-size: 13.5px; margin: 0 0 12px; }
table { border-collapse: collapse; background: #ffffff; margin: 4px 0 8px; }
th, td { border: 1px solid #e5e7eb; padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f9fafb; font-size: 13px; color: #374151; font-weight: 700; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; border-radius: 4px; padding: 1px 8px; font-weight: 800; font-size: 13px; letter-spacing: 0.03em; color: #ffffff; background: #6b7280; }
.badge.FULL { background: #15803d; } .badge.PARTIAL { background: #c2410c; } .badge.BROKEN { background: #b91c1c; }
.badge.SKIPPED { background: #9ca3af; }
.survivor-names { color: #b91c1c; font-weight: 700; }
.none { color: #6b7280; }
section.scenario { background: #ffffff; border: 1px solid #e5e7eb; border-left: 6px solid #9ca3af; border-radius: 6px; margin: 18px 0; }
section.scenario.FULL { border-left-color: #15803d; } section.scenario.PARTIAL { border-left-color: #c2410c; } section.scenario.BROKEN { border-left-color: #b91c1c; }
section.scenario > details > summary { cursor: pointer; padding: 12px 18px; list-style-position: outside; }
section.scenario > details > summary h2 { display: inline; font-size: 18px; margin: 0 8px 0 0; }
section.scenario .project { color: #4b5563; font-size: 14px; }
.body { padding: 0 22px 18px; }
.caption { font-size: 16px; font-weight: 600; padding: 10px 14px; border-radius: 6px; margin: 4px 0 10px; background: #f3f4f6; }
.caption.PARTIAL { background: #fff7ed; color: #9a3412; border: 1px solid #fdba74; }
.caption.BROKEN { background: #fef2f2; color: #991b1b; border: 1px solid #fca5a5; }
.caption.FULL { background: #f0fdf4; color: #166534; border: 1px solid #86efac; }
ul.consequences { margin: 4px 0; padding-left: 22px; }
ul.consequences li { margin: 4px 0; font-size: 15.5px; }
.findings ul { margin: 4px 0; padding-left: 22px; }
.findings li { margin: 4px 0; }
.tag { white-space: nowrap; font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12.5px; background: #eef2ff; color: #3730a3; border-radius: 4px; padding: 0 5px; }
.cause { font-weight: 700; }
tr.state-survived td { background: #fef2f2; }
.state { font-weight: 800; white-space: nowrap; }
table[data-testid=party-states] th { white-space: nowrap; }
.state.survived { color: #b91c1c; } .state.ended { color: #15803d; } .state.unknown { color: #6b7280; }
.origin, .mono, code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12.5px; }
.origin { color: #4b5563; }
.still-open { color: #b91c1c; font-weight: 800; }
.still-open.new { color: #9a3412; font-weight: 700; }
.ended-at { color: #374151; }
.why { color: #4b5563; font-size: 13px; }
.diagram { overflow-x: auto; border: 1px solid #e5e7eb; border-radius: 6px; background: #ffffff; }
.diagram svg { display: block; }
.broken-reason { background: #fef2f2; border: 1px solid #fca5a5; color: #991b1b; padding: 8px 12px; border-radius: 6px; font-weight: 600; }
pre.errors { background: #111827; color: #f3f4f6; padding: 10px 12px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; font-size: 12.5px; }
.attachments li { margin: 6px 0; }
.attachments img { display: block; max-width: 100%; max-height: 480px; border: 1px solid #d1d5db; margin-top: 6px; }
.not-kept { color: #9a3412; }
.tables { display: flex; flex-wrap: wrap; gap: 18px; }
.status-note { color: #991b1b; font-size: 13px; font-weight: 600; }
`.trim();

const labelOf = (scenario: ScenarioEvidence, party: string) =>
  scenario.lifelines.find((l) => l.id === party)?.label ?? DEFAULT_LABELS[party] ?? party;

const originOf = (scenario: ScenarioEvidence, party: string) => scenario.lifelines.find((l) => l.id === party)?.origin ?? '';

/** `2026-12-03 21:25:57 UTC` from an ISO time; anything else unchanged. */
function readableTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** `21:25:59.330` from an ISO time (the date is in the header); anything else unchanged. */
function clockTime(iso: string | undefined): string {
  if (!iso) return '';
  const match = /T(\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)/.exec(iso);
  return match ? match[1] : iso;
}

function seconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

const isSkipped = (scenario: ScenarioEvidence) => scenario.status === 'skipped';

/** The anchor of a scenario's section. */
const sectionId = (index: number) => `scenario-${index}`;

/** Playwright failed the test although the verdict says every session ended (a timeout, a crash in a probe). */
const failedDespiteFull = (scenario: ScenarioEvidence) =>
  scenario.verdict.outcome === 'FULL' && !isSkipped(scenario) && scenario.status !== 'passed';

function outcomeBadge(scenario: ScenarioEvidence): string {
  if (isSkipped(scenario)) return '<span class="badge SKIPPED" data-outcome="SKIPPED">SKIPPED</span>';
  const outcome = scenario.verdict.outcome;
  return `<span class="badge ${esc(outcome)}" data-outcome="${esc(outcome)}" title="${esc(OUTCOME_TEXT[outcome] ?? '')}">${esc(outcome)}</span>`;
}

function projectOf(scenario: ScenarioEvidence): string {
  return scenario.project ?? scenario.verdict.project ?? scenario.protocol;
}

function survivorNames(scenario: ScenarioEvidence): string {
  const survivors = survivingParties(scenario);
  if (!survivors.length) return '<span class="none">none</span>';
  return `<span class="survivor-names">${survivors.map((p) => esc(labelOf(scenario, p))).join(', ')}</span>`;
}

function summaryTable(run: RunEvidence): string {
  if (!run.scenarios.length) {
    return '<table data-testid="summary-table"><thead><tr><th>Scenario</th><th>Outcome</th></tr></thead>'
      + '<tbody><tr><td colspan="2" class="none">No scenarios ran.</td></tr></tbody></table>';
  }
  const rows = run.scenarios.map((scenario, i) => {
    const findings = scenario.verdict.findings?.length ?? 0;
    return `<tr data-testid="summary-row-${i}" data-outcome="${esc(isSkipped(scenario) ? 'SKIPPED' : scenario.verdict.outcome)}">`
      + `<td class="num">${i + 1}</td>`
      + `<td><a href="#${sectionId(i)}">${esc(scenario.title)}</a>${failedDespiteFull(scenario) ? `<div class="status-note">test ${esc(scenario.status)}</div>` : ''}</td>`
      + `<td>${esc(projectOf(scenario))}</td>`
      + `<td>${outcomeBadge(scenario)}</td>`
      + `<td>${isSkipped(scenario) ? '<span class="none">–</span>' : survivorNames(scenario)}</td>`
      + `<td class="num">${findings}</td>`
      + `<td class="num">${esc(seconds(scenario.durationMs))}</td>`
      + `<td><a href="#${sectionId(i)}">details</a></td></tr>`;
  });
  return '<table data-testid="summary-table"><thead><tr><th>#</th><th>Scenario</th><th>Project (protocol · logout strategy)</th>'
    + '<th>Outcome</th><th>Sessions that survived</th><th>Findings</th><th>Time</th><th></th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`;
}

function consequencesList(scenario: ScenarioEvidence): string {
  const items = scenario.verdict.consequences ?? [];
  if (!items.length) {
    const text = scenario.verdict.outcome === 'FULL' ? 'No consequences: every session ended.' : 'No consequences were recorded.';
    return `<p class="none" data-testid="consequences">${esc(text)}</p>`;
  }
  return `<ul class="consequences" data-testid="consequences">${items.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`;
}

function findingItem(scenario: ScenarioEvidence, finding: Finding): string {
  const cause = finding.cause
    ? ` <span class="why">caused by the surviving</span> <span class="cause">${esc(labelOf(scenario, finding.cause))}</span> <span class="why">session</span>`
    : '';
  return `<li data-probe="${esc(finding.probe)}"${finding.cause ? ` data-cause="${esc(finding.cause)}"` : ''}>`
    + `<span class="tag">${esc(finding.probe)}</span>${cause}: ${esc(finding.consequence)}</li>`;
}

function findingsBlock(scenario: ScenarioEvidence): string {
  const findings = scenario.verdict.findings ?? [];
  const inner = findings.length
    ? `<ul>${findings.map((f) => findingItem(scenario, f)).join('')}</ul>`
    : '<p class="none">No findings</p>';
  return `<div class="findings" data-testid="findings">${inner}</div>`;
}

const sessionKey = (s: Pick<LedgerSession, 'party' | 'sessionId'>) => `${s.party}\u0000${s.sessionId}`;

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 10)}…` : id;
}

/** One row per judged party (and per second service a finding blames), survivors marked for the eye and for tests. */
function partiesTable(scenario: ScenarioEvidence): string {
  const v = scenario.verdict;
  const before = v.sessions?.before ?? [];
  const after = v.sessions?.after ?? [];
  const stillOpen = new Set(after.filter((s) => !s.endedAt).map(sessionKey));
  const openedBefore = (party: string) => before.filter((s) => s.party === party && !s.endedAt);
  const extra = survivingParties(scenario).filter((p) => !(PARTY_ORDER as readonly string[]).includes(p));
  const rows = [...PARTY_ORDER.map((p) => ({ party: p as string, state: v.parties[p] ?? 'unknown', judged: true })),
    ...extra.map((p) => ({ party: p, state: 'survived' as SessionState, judged: false }))];
  const body = rows.map(({ party, state, judged }) => {
    const look = STATE_TEXT[state] ?? STATE_TEXT.unknown;
    const open = openedBefore(party).filter((s) => stillOpen.has(sessionKey(s)));
    const details: string[] = [];
    const inBrowser = party === 'service' && !before.some((s) => s.party === 'service')
      ? v.probes.find((p) => p.probe === 'protected-page') : undefined;
    if (state === 'survived' && open.length) {
      details.push(`${open.length === 1 ? 'session' : 'sessions'} ${open.map((s) => shortId(s.sessionId)).join(', ')} from before Log out ${open.length === 1 ? 'is' : 'are'} still open`);
    } else if (inBrowser) {
      details.push(`no session ledger (your service): judged in the browser, ${inBrowser.observation}`);
    } else details.push(look.note);
    if (!judged) details.push('a second service signed in through the same MPASSid session: its own finding, not part of this logout\'s outcome');
    const blamed = (v.findings ?? []).filter((f) => f.cause === party).map((f) => f.probe);
    if (blamed.length) details.push(`seen by the ${[...new Set(blamed)].join(', ')} ${blamed.length === 1 ? 'probe' : 'probes'} (see Findings)`);
    const testid = state === 'survived' ? `survivor-${party}` : `party-${party}`;
    return `<tr class="state-${esc(state)}" data-testid="${esc(testid)}" data-party="${esc(party)}" data-state="${esc(state)}">`
      + `<td><strong>${esc(labelOf(scenario, party))}</strong><div class="origin">${esc(originOf(scenario, party))}</div></td>`
      + `<td><span class="state ${esc(state)}">${esc(`${look.mark} ${look.word}`)}</span></td>`
      + `<td class="why">${details.map((d) => esc(d)).join('<br/>')}</td></tr>`;
  });
  return '<table data-testid="party-states"><thead><tr><th>Party</th><th>Session after Log out</th><th>Why</th></tr></thead>'
    + `<tbody>${body.join('')}</tbody></table>`;
}

function probeDetails(probe: ProbeResult): string {
  const parts: string[] = [];
  if (probe.passwordAsked !== undefined) parts.push(`password asked: ${probe.passwordAsked ? 'yes' : 'no'}`);
  if (probe.schoolPickerShown !== undefined) parts.push(`school picker shown: ${probe.schoolPickerShown ? 'yes' : 'no'}`);
  if (probe.landedAs) parts.push(`landed as: ${probe.landedAs}`);
  if (probe.showsUser !== undefined) parts.push(`still shows the user: ${probe.showsUser ? 'yes' : 'no'}`);
  if (probe.kept) parts.push(`browser kept: ${probe.kept === 'persistent' ? 'persistent cookies only' : 'persistent and session cookies'}`);
  if (probe.cookiesKept?.length) parts.push(`cookies kept: ${probe.cookiesKept.join(', ')}`);
  return parts.map((p) => esc(p)).join('<br/>');
}

function probesTable(scenario: ScenarioEvidence): string {
  const probes = scenario.verdict.probes ?? [];
  if (!probes.length) return '<p class="none" data-testid="probes">No probes ran.</p>';
  const rows = probes.map((p) => `<tr data-probe="${esc(p.probe)}"><td><span class="tag">${esc(p.probe)}</span></td>`
    + `<td>${esc(p.observation)}</td><td class="why">${probeDetails(p)}</td></tr>`);
  return '<table data-testid="probes"><thead><tr><th>Probe</th><th>What it saw</th><th>Details</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`;
}

function sessionsTable(scenario: ScenarioEvidence, which: 'before' | 'after'): string {
  const sessions = scenario.verdict.sessions?.[which];
  const testid = `sessions-${which}`;
  const heading = which === 'before' ? 'Just before Log out' : 'After Log out and the probes';
  if (!sessions) return `<div><h4>${heading}</h4><p class="none" data-testid="${testid}">No session ledger was recorded.</p></div>`;
  const openBefore = new Set((scenario.verdict.sessions?.before ?? []).filter((s) => !s.endedAt).map(sessionKey));
  const rows = sessions.map((s) => {
    let ended: string;
    if (s.endedAt) ended = `<span class="ended-at" title="${esc(s.endedAt)}">${esc(clockTime(s.endedAt))}${s.endedBy ? ` (${esc(s.endedBy)})` : ''}</span>`;
    else if (which === 'before') ended = '<span class="none">open</span>';
    else if (openBefore.has(sessionKey(s))) ended = '<span class="still-open">still open</span> <span class="why">survived Log out</span>';
    else ended = '<span class="still-open new">still open</span> <span class="why">opened after Log out (by a probe signing in again)</span>';
    return `<tr data-party="${esc(s.party)}"${!s.endedAt && which === 'after' ? ' data-still-open="true"' : ''}>`
      + `<td>${esc(labelOf(scenario, s.party))}</td><td class="mono">${esc(truncate(s.subject, 40))}</td>`
      + `<td class="mono" title="${esc(s.sessionId)}">${esc(shortId(s.sessionId))}</td>`
      + `<td title="${esc(s.createdAt)}">${esc(clockTime(s.createdAt))}</td><td>${ended}</td></tr>`;
  });
  const body = rows.length ? rows.join('') : '<tr><td colspan="5" class="none">No sessions.</td></tr>';
  return `<div><h4>${heading}</h4><table data-testid="${testid}"><thead><tr><th>Party</th><th>Subject</th><th>Session</th>`
    + `<th>Created</th><th>Ended</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

const isTrace = (a: EvidenceAttachment) => a.name === 'trace' || (/\.zip$/i.test(a.path) && /zip/i.test(a.contentType));

/** A shell word: left bare when it is plainly safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9._/%:=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

function attachmentsBlock(scenario: ScenarioEvidence, options: HtmlReportOptions): string {
  if (!scenario.attachments.length) return '<p class="none" data-testid="attachments">No attachments were kept (no trace or screenshot).</p>';
  const hrefOf = options.assetHref ?? defaultAssetHref;
  const names = assetNames(scenario);
  const items = scenario.attachments.map((attachment, i) => {
    const kept = options.assetKept ? options.assetKept(scenario, attachment) : true;
    const label = `${attachment.name} (${attachment.contentType || 'unknown type'})`;
    if (!kept) {
      return `<li data-attachment="${esc(attachment.name)}" data-kept="false"><strong>${esc(names[i])}</strong> ${esc(label)}: `
        + `<span class="not-kept">the file was not kept (it was gone when the report was written: ${esc(attachment.path)})</span></li>`;
    }
    const href = hrefOf(scenario, attachment);
    const parts = [`<a href="${esc(href)}">${esc(names[i])}</a> <span class="why">${esc(label)}</span>`];
    if (isTrace(attachment)) {
      let path = href;
      try {
        path = decodeURIComponent(href);
      } catch {
        // an address that is not percent-encoded: use it as it is
      }
      parts.push(`<div>Open the trace: <code>${esc(`npx playwright show-trace ${shellWord(path)}`)}</code> <span class="why">(run in the report's folder)</span></div>`);
    }
    if (/^image\//i.test(attachment.contentType)) parts.push(`<img src="${esc(href)}" alt="${esc(`${attachment.name}: screenshot of ${scenario.title}`)}" loading="lazy"/>`);
    return `<li data-attachment="${esc(attachment.name)}" data-kept="true">${parts.join('')}</li>`;
  });
  return `<ul class="attachments" data-testid="attachments">${items.join('')}</ul>`;
}

function scenarioSection(scenario: ScenarioEvidence, index: number, options: HtmlReportOptions): string {
  const v = scenario.verdict;
  const outcome = isSkipped(scenario) ? 'SKIPPED' : v.outcome;
  const open = outcome !== 'FULL' && outcome !== 'SKIPPED' || failedDespiteFull(scenario);
  const caption = isSkipped(scenario) ? 'SKIPPED: this scenario did not run.' : captionOf(scenario);
  const parts: string[] = [
    `<p class="caption ${esc(outcome)}" data-testid="caption">${esc(caption)}</p>`,
    `<p class="why">User: <strong>${esc(v.user)}</strong> · protocol: ${esc(scenario.protocol)} · test ${esc(scenario.status)} in ${esc(seconds(scenario.durationMs))}</p>`,
  ];
  if (v.outcome === 'BROKEN' || v.broken) {
    parts.push(`<p class="broken-reason" data-testid="broken-reason">The logout flow broke: ${esc(v.broken ?? 'no reason was recorded')}</p>`);
  }
  parts.push(
    '<h3>What this means for a pupil on a shared device</h3>', consequencesList(scenario),
    '<h3>Each party\'s session after Log out</h3>', partiesTable(scenario),
    '<h3>Findings</h3>', findingsBlock(scenario),
    '<h3>What the probes saw</h3>', probesTable(scenario),
    '<h3>Sequence diagram</h3>',
    `<div class="diagram" data-testid="sequence-diagram">${renderSequenceDiagram(scenario)}</div>`,
    '<h3>Sessions</h3>', `<div class="tables">${sessionsTable(scenario, 'before')}${sessionsTable(scenario, 'after')}</div>`,
  );
  if (scenario.errors.length) {
    parts.push('<h3>Playwright errors</h3>', `<pre class="errors" data-testid="errors">${scenario.errors.map((e) => esc(e)).join('\n\n')}</pre>`);
  }
  parts.push('<h3>Attachments</h3>', attachmentsBlock(scenario, options));
  return `<section class="scenario ${esc(outcome)}" id="${sectionId(index)}" data-testid="scenario-${index}" data-outcome="${esc(outcome)}">`
    + `<details${open ? ' open="open"' : ''}><summary><h2>${esc(scenario.title)}</h2> ${outcomeBadge(scenario)} `
    + `<span class="project">${esc(projectOf(scenario))}</span></summary>`
    + `<div class="body">${parts.join('\n')}</div></details></section>`;
}

/**
 * Renders a whole `check` run as ONE self-contained HTML page for a QA person: a header with the run time and the
 * outcome counts, a summary table (`data-testid="summary-table"`, one row per scenario with its outcome,
 * survivors and number of findings), then a section per scenario (`data-testid="scenario-<index>"`) with the
 * consequences in plain words first, the findings, each party's session state (survivors carry
 * `data-testid="survivor-<party>"`), the probes' observations, the sequence diagram as inline SVG, the session
 * tables before and after the logout, the BROKEN reason, Playwright's errors and links to the attachments
 * (screenshots shown inline, traces with their `npx playwright show-trace` command).
 *
 * Nothing in the page loads anything: CSS is inline, fonts are the system's, there are no scripts, and a
 * Content-Security-Policy (`default-src 'none'`) forbids any request except images next to the report. Every
 * value from the evidence is escaped. The markup is also well-formed XML. Non-FULL scenarios start expanded,
 * FULL and skipped ones collapsed, so a run of a hundred stays readable.
 *
 * @param run - The run's evidence.
 * @param options - Where attachments are linked (default `assets/<scenario folder>/<asset name>`) and which were kept.
 * @returns The HTML document.
 */
export function renderHtmlReport(run: RunEvidence, options: HtmlReportOptions = {}): string {
  const ran = run.scenarios.filter((s) => !isSkipped(s));
  const counts: Record<Outcome, number> = { FULL: 0, PARTIAL: 0, BROKEN: 0 };
  for (const s of ran) counts[s.verdict.outcome] = (counts[s.verdict.outcome] ?? 0) + 1;
  const skipped = run.scenarios.length - ran.length;
  const bad = counts.PARTIAL + counts.BROKEN;
  const started = Date.parse(run.startedAt);
  const finished = Date.parse(run.finishedAt);
  const took = Number.isFinite(started) && Number.isFinite(finished) ? ` (${seconds(finished - started)})` : '';
  const which = bad === ran.length ? (bad === 1 ? 'The logout' : `All ${bad} logouts`) : `${bad} of ${ran.length} logouts`;
  const headline = !ran.length
    ? `No scenarios ran${skipped ? ` (${skipped} skipped)` : ''}.`
    : bad === 0
      ? `Every logout ended every session (${plural(ran.length, 'scenario')}).`
      : `${which} did not end every session: a pupil on a shared device may stay signed in for the next person.`;
  const countBadge = (key: string, value: number) => `<span class="count ${esc(key)}${value ? '' : ' zero'}" data-count="${esc(key)}">${value} ${esc(key)}</span>`;
  const title = `Logout report: ${counts.PARTIAL} PARTIAL, ${counts.BROKEN} BROKEN, ${counts.FULL} FULL`;

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8"/>',
    `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}"/>`,
    '<meta name="referrer" content="no-referrer"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="run" data-testid="run-header">',
    '<h1>MPASSid logout report</h1>',
    `<p>Run ${esc(readableTime(run.startedAt))} → ${esc(readableTime(run.finishedAt))}${esc(took)} · ${esc(plural(run.scenarios.length, 'scenario'))}</p>`,
    `<p class="headline" data-testid="headline">${esc(headline)}</p>`,
    `<div class="counts">${countBadge('FULL', counts.FULL)}${countBadge('PARTIAL', counts.PARTIAL)}${countBadge('BROKEN', counts.BROKEN)}${skipped ? countBadge('skipped', skipped) : ''}</div>`,
    '</header>',
    '<main>',
    '<h2>Summary</h2>',
    '<p class="legend"><span class="badge FULL">FULL</span> every session ended · <span class="badge PARTIAL">PARTIAL</span> a session survived the logout (the survivors are named) · <span class="badge BROKEN">BROKEN</span> the logout flow itself failed</p>',
    summaryTable(run),
    ...run.scenarios.map((s, i) => scenarioSection(s, i, options)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
