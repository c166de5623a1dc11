import { basename } from 'node:path';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { Protocol } from '../registrations.js';
import type { Verdict } from '../verdict/verdict.js';
import type { CollectedEvidence } from './collect-evidence.js';
import type { EvidenceAttachment, ScenarioEvidence } from './evidence.js';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const KEPT_FILES = /^(trace|screenshot)/;

/** A test id plus project that is safe as a folder name. */
export function scenarioId(test: TestCase): string {
  const project = test.parent.project()?.name ?? '';
  return `${test.id}-${project}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * One scenario as the reports see it: the verdict, what the fixture collected (lifelines, hops, ledger events; none
 * when the stack never started), and the files Playwright kept (trace and screenshots on failure).
 */
export function scenarioEvidenceOf(
  test: TestCase,
  result: TestResult,
  verdict: Verdict,
  collected: CollectedEvidence | undefined,
): ScenarioEvidence {
  const protocol = (test.parent.project()?.use as { protocol?: Protocol } | undefined)?.protocol ?? verdict.protocol;
  const attachments: EvidenceAttachment[] = result.attachments
    .filter((a): a is typeof a & { path: string } => !!a.path && KEPT_FILES.test(a.name))
    .map((a) => ({ name: a.name === 'trace' ? 'trace' : basename(a.path), path: a.path, contentType: a.contentType }));
  return {
    id: scenarioId(test),
    title: test.title,
    ...(verdict.project ? { project: verdict.project } : {}),
    protocol,
    status: result.status,
    durationMs: result.duration,
    verdict,
    lifelines: collected?.lifelines ?? [],
    hops: collected?.hops ?? [],
    events: collected?.events ?? [],
    errors: result.errors.map((e) => (e.message ?? e.value ?? '').replace(ANSI, '')).filter(Boolean),
    attachments,
  };
}
