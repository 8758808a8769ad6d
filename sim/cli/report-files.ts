/**
 * The report of a study, drawn into its folder before the folder is swapped into place: every
 * chart as Vega-Lite, SVG and PNG under charts/, and report.html. The study itself writes only its
 * data (sim/study); the CLI composes the two.
 */
import { join } from 'node:path';
import { studyCharts } from '../../reports/charts.js';
import { reportHtml } from '../../reports/html.js';
import { renderPng, renderSvg } from '../../reports/render.js';
import { formatWarning } from '../scenario/plausible.js';
import { writeFileAtomic } from '../study/atomic-write.js';
import type { StudyData } from '../study/outputs.js';

/** Draws the charts and report.html of `data` into `dir`; returns the files written (none for a shard or a study of fewer than two replications). */
export async function writeReport(dir: string, data: Pick<StudyData, 'plan' | 'summary' | 'rows' | 'bands' | 'manifest'>): Promise<string[]> {
  const { plan, summary } = data;
  if (!summary || summary.replications < 2) return [];
  const charts = studyCharts(summary, data.rows, { discountRatePerYear: plan.discountRatePerYear, bands: data.bands.table(plan.startUnixSeconds) });
  const rendered = await Promise.all(charts.map(async (chart) => ({ chart, svg: await renderSvg(chart.spec) })));
  const files: string[] = [];
  const write = (name: string, bytes: string | Uint8Array): void => {
    writeFileAtomic(join(dir, name), bytes);
    files.push(name);
  };
  for (const { chart, svg } of rendered) {
    write(`charts/${chart.name}.vl.json`, JSON.stringify(chart.spec, null, 2) + '\n');
    write(`charts/${chart.name}.svg`, svg);
    write(`charts/${chart.name}.png`, renderPng(svg));
  }
  write('report.html', reportHtml({ summary, charts, description: plan.description ?? '', manifest: data.manifest, warnings: (plan.warnings ?? []).map(formatWarning) }));
  return files;
}
