import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EvidenceAttachment, RunEvidence, ScenarioEvidence } from './evidence.js';
import { assetNames, renderHtmlReport, scenarioFolder } from './html-report.js';
import { renderJunitXml } from './junit-report.js';

/** Where {@link writeReports} put everything (absolute paths). */
export interface WrittenReports {
  /** `<dir>/report.html` */
  html: string;
  /** `<dir>/junit.xml` */
  junit: string;
  /** `<dir>/evidence.json` */
  json: string;
  /** Every attachment copied, as `<dir>/assets/<scenario folder>/<asset name>`. */
  assets: string[];
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Writes a run's reports into `dir` (created when missing): `report.html` (see {@link renderHtmlReport}),
 * `junit.xml` (see {@link renderJunitXml}) and `evidence.json` (the {@link RunEvidence} as given), and copies each
 * scenario's attachments into `assets/<scenario folder>/<asset name>`, the folder and names made safe for every
 * file system. An attachment whose file is missing or cannot be copied is skipped (the HTML says it was not kept);
 * the other files are still written.
 *
 * @param dir - The report folder.
 * @param run - The run's evidence.
 * @returns The absolute paths of the files written and of the attachments copied.
 */
export async function writeReports(dir: string, run: RunEvidence): Promise<WrittenReports> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });

  const kept = new Set<EvidenceAttachment>();
  const assets: string[] = [];
  for (const scenario of run.scenarios) {
    const names = assetNames(scenario);
    const folder = join(root, 'assets', scenarioFolder(scenario.id));
    for (const [i, attachment] of scenario.attachments.entries()) {
      if (!attachment.path || !(await isFile(attachment.path))) continue;
      const target = join(folder, names[i]);
      try {
        await mkdir(folder, { recursive: true });
        await copyFile(attachment.path, target);
      } catch {
        continue; // unreadable or vanished meanwhile: reported as not kept
      }
      kept.add(attachment);
      assets.push(target);
    }
  }

  const html = join(root, 'report.html');
  const junit = join(root, 'junit.xml');
  const json = join(root, 'evidence.json');
  const assetKept = (_scenario: ScenarioEvidence, attachment: EvidenceAttachment) => kept.has(attachment);
  await Promise.all([
    writeFile(html, renderHtmlReport(run, { assetKept }), 'utf8'),
    writeFile(junit, renderJunitXml(run), 'utf8'),
    writeFile(json, `${JSON.stringify(run, null, 2)}\n`, 'utf8'),
  ]);
  return { html, junit, json, assets };
}
