/**
 * bench/baseline.json: one machine's record of the gated normalised figures, committed, and
 * rewritten only on purpose (`npm run bench -- --update-baseline`). It records where it was
 * measured, so a reader can tell a figure from another machine or another reference. The gate does
 * not compare with it: another host's caches and memory move the memory-heavy figures by a third
 * (docs/benchmarks.md); the gate measures against the parent commit on the machine it runs on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../sim/study/atomic-write.js';
import { packageFile } from '../sim/package-files.js';
import type { Figure } from './figure.js';
import { spread } from './measure.js';
import type { Provenance } from './provenance.js';

export const BASELINE_PATH = packageFile('bench/baseline.json');

export interface BaselineFigure {
  normalised: number;
  unit: string;
}

export interface Baseline extends Provenance {
  figures: Record<string, BaselineFigure>;
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** The baseline in `path`, or undefined when there is none yet. Throws a BaselineError when the file is not a baseline. */
export function readBaseline(path = BASELINE_PATH): Baseline | undefined {
  if (!existsSync(path)) return undefined;
  return parseBaseline(readFileSync(path, 'utf8'), path);
}

export function parseBaseline(text: string, path: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${path}: not JSON (${(e as Error).message})`);
  }
  const figures = (data as Baseline | null)?.figures;
  if (typeof figures !== 'object' || figures === null || Array.isArray(figures)) throw new BaselineError(`${path}: no "figures" object`);
  for (const [name, f] of Object.entries(figures)) {
    if (!(typeof f?.normalised === 'number' && f.normalised > 0)) throw new BaselineError(`${path}: figures.${name}.normalised must be a positive number`);
    if (typeof f.unit !== 'string') throw new BaselineError(`${path}: figures.${name}.unit must be a string`);
  }
  return data as Baseline;
}

/**
 * The baseline after this run: every gated figure measured now replaces its old value — the median,
 * when it was measured more than once — figures this run did not measure keep theirs, and figures
 * no benchmark of `suite` measures any more are dropped. Names are sorted so the file's diff shows
 * only what changed.
 */
export function updatedBaseline(old: Baseline | undefined, figures: readonly Figure[], provenance: Provenance, suite: readonly string[]): Baseline {
  const merged: Record<string, BaselineFigure> = {};
  for (const [name, f] of Object.entries(old?.figures ?? {})) if (suite.includes(name)) merged[name] = f;
  const measured = new Map<string, Figure[]>();
  for (const f of figures) {
    if (f.gated && f.normalised !== undefined) measured.set(f.name, [...(measured.get(f.name) ?? []), f]);
  }
  for (const [name, fs] of measured) {
    merged[name] = { normalised: roundTo3(spread(fs.map((f) => f.normalised!)).median), unit: fs[0].normalisedUnit! };
  }
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  return { ...provenance, figures: sorted };
}

export function writeBaseline(baseline: Baseline, path = BASELINE_PATH): void {
  writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Three significant digits: the figures are not steadier than that, and the diff stays readable. */
function roundTo3(x: number): number {
  return Number(x.toPrecision(3));
}
