/**
 * The report of a study, drawn into its folder before the folder is swapped into place: every
 * chart as Vega-Lite, SVG and PNG under charts/, report.html and results.xlsx. The study itself
 * writes only its data (sim/study); the CLI composes the two, passing this as the study's beforeCommit.
 */
import { join } from 'node:path';
import type { Chart } from './chart.js';
import { studyCharts } from './charts.js';
import { reportHtml } from './html.js';
import { renderPng, renderSvg } from './render.js';
import { writeWorkbook } from './workbook.js';
import { formatWarning } from '../sim/scenario/plausible.js';
import { writeFileAtomic } from '../sim/study/atomic-write.js';
import type { StudyData } from '../sim/study/outputs.js';

export interface ReportOptions {
  /** NPV whose probability of being exceeded the report gives, USD (default: the study's `--target`, else 0). */
  targetUSD?: number;
}

/** Draws the charts, report.html and results.xlsx of `data` into `dir`; returns the files written (none for a shard or a study of fewer than two replications). */
export async function writeReport(dir: string, data: Pick<StudyData, 'plan' | 'summary' | 'rows' | 'bands' | 'manifest'>, options: ReportOptions = {}): Promise<string[]> {
  const { plan, summary } = data;
  if (!summary || summary.replications < 2) return [];
  const targetUSD = options.targetUSD ?? plan.targetUSD ?? 0;
  const inputs = plan.inputs ?? [];
  const charts = studyCharts(summary, data.rows, {
    discountRatePerYear: plan.discountRatePerYear,
    bands: data.bands.table(plan.startUnixSeconds),
    targetUSD,
    inputUnits: new Map(inputs.map((i) => [i.id, i.unit])),
  });
  const rendered = await Promise.all(charts.map(async (chart) => ({ chart, svg: await renderSvg(chart.spec) })));
  const files: string[] = [];
  const write = (name: string, bytes: string | Uint8Array): void => {
    writeFileAtomic(join(dir, name), bytes);
    files.push(name);
  };
  for (const { chart, svg } of rendered) for (const [name, bytes] of chartFiles(chart, svg)) write(name, bytes);
  write(
    'report.html',
    reportHtml({ summary, charts, description: plan.description ?? '', manifest: data.manifest, warnings: (plan.warnings ?? []).map(formatWarning), rows: data.rows, targetUSD, assumptions: plan.assumptions, inputs }),
  );
  write('results.xlsx', await writeWorkbook({ summary, rows: data.rows, targetUSD, assumptions: plan.assumptions, inputs }));
  return files;
}

/** A chart's files under charts/: its Vega-Lite spec, the SVG drawn from it, and a PNG of that. */
export function chartFiles(chart: Chart, svg: string): Array<[name: string, bytes: string | Uint8Array]> {
  return [
    [`charts/${chart.name}.vl.json`, JSON.stringify(chart.spec, null, 2) + '\n'],
    [`charts/${chart.name}.svg`, svg],
    [`charts/${chart.name}.png`, renderPng(svg)],
  ];
}
