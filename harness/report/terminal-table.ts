import type { Verdict } from '../verdict/verdict.js';
import { PARTY_ORDER } from '../verdict/verdict.js';

const COLOURS = { FULL: '\x1b[32m', PARTIAL: '\x1b[33m', BROKEN: '\x1b[31m', survived: '\x1b[33m', ended: '\x1b[32m', unknown: '\x1b[90m' } as const;
const RESET = '\x1b[0m';
const HEADERS = ['Scenario', 'Protocol', 'Service', 'MPASSid', 'Entra ID', 'Outcome', 'Findings'];
const PLAIN_COLUMNS = 2;

/**
 * The verdict table: one row per scenario with each party's session (ended / survived / unknown) and the outcome,
 * the findings of the probes, then what every partial or broken outcome and every finding means for a pupil.
 */
export function renderVerdictTable(verdicts: Verdict[], options: { colour?: boolean } = {}): string {
  const paint = (text: string, key: keyof typeof COLOURS, width: number) => {
    const padded = text.padEnd(width);
    return options.colour ? `${COLOURS[key]}${padded}${RESET}` : padded;
  };
  const rows = verdicts.map((v) => [
    label(v),
    v.protocol,
    ...PARTY_ORDER.map((p) => v.parties[p]),
    v.outcome,
    v.findings.length ? findingsCell(v) : '-',
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[], colourise: boolean) => cells.map((cell, i) => {
    if (colourise && i >= PLAIN_COLUMNS && cell in COLOURS) return paint(cell, cell as keyof typeof COLOURS, widths[i]);
    return cell.padEnd(widths[i]);
  }).join('  ').trimEnd();
  const out = [line(HEADERS, false), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r) => line(r, true))];

  const explained = verdicts.filter((v) => v.outcome !== 'FULL' || v.findings.length > 0);
  if (explained.length) {
    out.push('', 'What it means:');
    explained.forEach((v, i) => {
      const survivors = v.survivors.length ? `, surviving: ${v.survivors.join(', ')}` : '';
      const found = v.findings.length ? `; findings: ${findingsCell(v)}` : '';
      out.push(`${i + 1}. ${label(v)} (${v.protocol}): ${v.outcome}${survivors}${found}`);
      if (v.broken) out.push(`   - broken: ${v.broken}`);
      for (const c of v.consequences) out.push(`   - ${c}`);
    });
  }
  const counts = { FULL: 0, PARTIAL: 0, BROKEN: 0 };
  for (const v of verdicts) counts[v.outcome] += 1;
  out.push('', `${verdicts.length} scenario${verdicts.length === 1 ? '' : 's'}: ${counts.FULL} FULL, ${counts.PARTIAL} PARTIAL, ${counts.BROKEN} BROKEN`);
  return out.join('\n');
}

/** `next-pupil: mpassid` etc.: each finding's probe and the session that caused it. */
function findingsCell(v: Verdict): string {
  return v.findings.map((f) => `${f.probe}${f.cause ? `: ${f.cause}` : ''}`).join(', ');
}

/** The scenario and what else its project varies (the protocol has its own column). */
function label(v: Verdict): string {
  const rest = v.project?.replace(new RegExp(`^${v.protocol}( · )?`), '');
  return rest ? `${v.scenario} [${rest}]` : v.scenario;
}
