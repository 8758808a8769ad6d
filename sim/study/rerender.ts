/** `campus report DIR`: draws a saved study's charts and report again from its files, without re-running it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { studyCharts } from '../../reports/charts.js';
import { reportHtml } from '../../reports/html.js';
import { renderPng, renderSvg } from '../../reports/render.js';
import { writeFileAtomic } from './atomic-write.js';
import { removeStaleCharts } from './outputs.js';
import { readSavedStudy } from './saved-study.js';
import { StudyError } from './study-error.js';
import type { Summary } from './summarize.js';

export async function rerenderStudy(dir: string): Promise<string[]> {
  const saved = readSavedStudy(dir);
  let summary: Summary;
  try {
    summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  } catch (e) {
    throw new StudyError(`${dir} has no readable summary.json (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): a shard or an empty study has nothing to draw; merge the shards first`);
  }
  const charts = studyCharts(summary, saved.rows, { discountRatePerYear: saved.plan.discountRatePerYear, bands: saved.bands.table(saved.plan.startUnixSeconds) });
  const rendered = await Promise.all(charts.map(async (chart) => ({ chart, svg: await renderSvg(chart.spec) })));
  const files: string[] = [];
  let manifest: unknown = null;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    // the report shows no manifest rather than failing
  }
  writeFileAtomic(join(dir, 'report.html'), reportHtml({ summary, charts, description: saved.plan.description ?? '', manifest }));
  files.push('report.html');
  for (const { chart, svg } of rendered) {
    for (const [name, data] of [[`charts/${chart.name}.vl.json`, JSON.stringify(chart.spec, null, 2) + '\n'], [`charts/${chart.name}.svg`, svg], [`charts/${chart.name}.png`, renderPng(svg)]] as const) {
      writeFileAtomic(join(dir, name), data);
      files.push(name);
    }
  }
  removeStaleCharts(dir, files);
  return files;
}
