/**
 * Writes a study folder. Everything is computed first, then each file is written atomically, the
 * manifest last: summary.json, replications.csv, bands.csv and charts for a whole study; the same
 * marked partial for an interrupted one; and always state/ (plan and band histograms), from which a
 * run can be resumed, merged with its sibling shards, or re-rendered.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { studyCharts } from '../../reports/charts.js';
import { reportHtml } from '../../reports/html.js';
import { renderPng, renderSvg } from '../../reports/render.js';
import type { Accumulator } from './accumulator.js';
import { writeFileAtomic } from './atomic-write.js';
import { rowsToCsv } from './csv.js';
import { gitCommit, hostInfo, toolVersion } from './manifest.js';
import type { ChunkFailure } from './pool.js';
import { bandsToBytes, type SavedPlan } from './saved-study.js';
import { type StoppingRule, type Summary, summarize } from './summarize.js';

export interface FolderContents {
  plan: SavedPlan;
  acc: Accumulator;
  stopping: StoppingRule;
  failures: readonly ChunkFailure[];
  /** What to record in the manifest about this run (never in summary.json). */
  run: { workers: number; startedAt: Date; /** Running the replications (charts and files come after). */ simulationSeconds: number; mergedFrom?: string[] };
}

export interface WrittenFolder {
  summary?: Summary;
  files: string[];
}

export async function writeStudyFolder(outDir: string, c: FolderContents): Promise<WrittenFolder> {
  const rows = c.acc.rows();
  const isShard = c.plan.shard !== null && !c.plan.complete;
  const summary =
    !isShard && rows.length > 0
      ? summarize(rows, {
          scenario: c.plan.scenario,
          scenarioHash: c.plan.scenarioHash,
          seed: c.plan.seed,
          confidence: c.plan.confidence,
          baseline: c.plan.baseline,
          variants: c.plan.variants,
          stopping: c.stopping,
          inputs: c.plan.inputs ?? [],
        })
      : undefined;
  const charts = summary && c.acc.count >= 2 ? studyCharts(summary, rows, { discountRatePerYear: c.plan.discountRatePerYear, bands: c.acc.bands.table(c.plan.startUnixSeconds) }) : [];
  const rendered = await Promise.all(charts.map(async (chart) => ({ chart, svg: await renderSvg(chart.spec) })));

  const files: string[] = [];
  const write = (name: string, data: string | Uint8Array): void => {
    writeFileAtomic(join(outDir, name), data);
    files.push(name);
  };
  for (const { chart, svg } of rendered) {
    write(`charts/${chart.name}.vl.json`, JSON.stringify(chart.spec, null, 2) + '\n');
    write(`charts/${chart.name}.svg`, svg);
    write(`charts/${chart.name}.png`, renderPng(svg));
  }
  write('replications.csv', rowsToCsv(rows, (c.plan.inputs ?? []).map((i) => i.id)));
  if (summary) {
    write('bands.csv', c.acc.bands.toCsv(c.plan.startUnixSeconds));
    write('summary.json', JSON.stringify(summary, null, 2) + '\n');
  }
  write('state/bands.bin', bandsToBytes(c.acc.bands));
  write('state/plan.json', JSON.stringify(c.plan, null, 2) + '\n');
  const manifest = {
    scenario: { file: c.plan.scenarioFile, name: c.plan.scenario, sha256: c.plan.scenarioHash },
    seed: c.plan.seed,
    replications: { planned: c.plan.replications, done: c.acc.count },
    variants: c.plan.variants,
    shard: c.plan.shard,
    partial: !c.plan.complete,
    stopping: c.stopping,
    failures: c.failures,
    mergedFrom: c.run.mergedFrom ?? null,
    workers: c.run.workers,
    tool: { name: 'campus-sim', version: toolVersion(), commit: gitCommit() },
    host: hostInfo(),
    startedAt: c.run.startedAt.toISOString(),
    simulationSeconds: c.run.simulationSeconds,
  };
  if (summary && charts.length > 0) write('report.html', reportHtml({ summary, charts, description: c.plan.description, manifest }));
  write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  // A shard's folder, or a study that draws fewer charts than one run before it here, keeps nothing stale.
  for (const name of OWN_OUTPUTS) if (!files.includes(name)) rmSync(join(outDir, name), { force: true });
  removeStaleCharts(outDir, files);
  return { summary, files };
}

/** Outputs this tool writes that a run may leave out: a chart of a layout no longer in the study, a shard's missing summary. */
const OWN_OUTPUTS = ['summary.json', 'bands.csv', 'report.html'];
const OWN_CHART = /\.(vl\.json|svg|png)$/;

/**
 * Removes charts an earlier run left in `outDir/charts` that this one did not draw (a layout or a
 * segment no longer in the study). Only files of the kinds this tool writes are touched.
 */
export function removeStaleCharts(outDir: string, written: readonly string[]): void {
  const keep = new Set(written);
  const chartsDir = join(outDir, 'charts');
  if (!existsSync(chartsDir)) return;
  for (const name of readdirSync(chartsDir)) {
    if (OWN_CHART.test(name) && !keep.has(`charts/${name}`)) rmSync(join(chartsDir, name), { force: true });
  }
}
