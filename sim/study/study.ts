/**
 * The main job: a Monte Carlo study of a scenario's variants.
 *
 *   scenario file ──load──▶ Scenario ──plan──▶ Study ──replicate──▶ rows ──aggregate──▶ Summary ──report──▶ charts
 *
 * 1. load: the caller hands us a validated Scenario in canonical units (sim/scenario).
 * 2. plan: choose the variants, the replication count and the seed.
 * 3. replicate: each replication draws its world once and runs every variant on it (common random
 *    numbers); rows come back in (replication, variant) order whatever runs them.
 * 4. aggregate: rows → per-variant means and intervals.
 * 5. report: charts as Vega-Lite specs, SVG and PNG.
 * 6. write: everything is computed first, then written atomically, manifest last — a failed or
 *    interrupted study never leaves a result that looks whole.
 */
import { join } from 'node:path';
import { studyCharts } from '../../reports/charts.js';
import { renderPng, renderSvg } from '../../reports/render.js';
import type { Scenario, VariantConfig } from '../scenario/types.js';
import { writeFileAtomic } from './atomic-write.js';
import { rowsToCsv } from './csv.js';
import { gitCommit, hostInfo, type Manifest, toolVersion } from './manifest.js';
import { replicate, type Row } from './replicate.js';
import { type Summary, summarize } from './summarize.js';

export interface StudyOptions {
  replications?: number;
  seed?: number;
  /** Variant names to run (default: all, in scenario order). */
  variants?: readonly string[];
  outDir: string;
  /** Called after each replication with the count done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface StudyResult {
  summary: Summary;
  outDir: string;
  files: string[];
}

/** Thrown for a study that cannot be planned as asked (e.g. an unknown variant name). */
export class StudyError extends Error {
  override readonly name = 'StudyError';
}

export async function runStudy(scenario: Scenario, options: StudyOptions): Promise<StudyResult> {
  const startedAt = new Date();
  const t0 = performance.now();

  // 2. plan
  const replications = options.replications ?? scenario.study.replications;
  const seed = options.seed ?? scenario.study.seed;
  if (!Number.isInteger(replications) || replications < 2) throw new StudyError(`--replications must be an integer ≥ 2, got ${replications}`);
  if (!Number.isInteger(seed) || seed < 0) throw new StudyError(`--seed must be a non-negative integer, got ${seed}`);
  const variants = selectVariants(scenario, options.variants);
  const baseline = variants.some((v) => v.name === scenario.study.baseline) ? scenario.study.baseline : variants[0].name;

  // 3. replicate
  const rows: Row[] = [];
  for (let r = 0; r < replications; r++) {
    rows.push(...replicate(scenario, variants, seed, r));
    options.onProgress?.(r + 1, replications);
  }

  // 4. aggregate
  const summary = summarize(rows, {
    scenario: scenario.name,
    scenarioHash: scenario.hash,
    seed,
    confidence: scenario.study.confidence,
    baseline,
    variants: variants.map((v) => v.name),
  });

  // 5. report
  const charts = studyCharts(summary, rows, scenario.horizon.years);
  const rendered = await Promise.all(charts.map(async (c) => ({ chart: c, svg: await renderSvg(c.spec) })));

  // 6. write
  const files: string[] = [];
  const write = (name: string, data: string | Uint8Array): void => {
    writeFileAtomic(join(options.outDir, name), data);
    files.push(name);
  };
  for (const { chart, svg } of rendered) {
    write(`charts/${chart.name}.vl.json`, JSON.stringify(chart.spec, null, 2) + '\n');
    write(`charts/${chart.name}.svg`, svg);
    write(`charts/${chart.name}.png`, renderPng(svg));
  }
  write('replications.csv', rowsToCsv(rows));
  write('summary.json', JSON.stringify(summary, null, 2) + '\n');
  const manifest: Manifest = {
    scenario: { file: scenario.file, name: scenario.name, sha256: scenario.hash },
    seed,
    replications,
    variants: variants.map((v) => v.name),
    tool: { name: 'campus-sim', version: toolVersion(), commit: gitCommit() },
    host: hostInfo(),
    startedAt: startedAt.toISOString(),
    wallSeconds: (performance.now() - t0) / 1000,
  };
  write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return { summary, outDir: options.outDir, files };
}

function selectVariants(scenario: Scenario, names: readonly string[] | undefined): VariantConfig[] {
  if (!names || names.length === 0) return [...scenario.variants];
  return names.map((name) => {
    const v = scenario.variants.find((x) => x.name === name);
    if (!v) throw new StudyError(`unknown variant '${name}'; the scenario has ${scenario.variants.map((x) => x.name).join(', ')}`);
    return v;
  });
}
