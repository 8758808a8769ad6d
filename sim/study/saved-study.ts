/**
 * A study folder read back: its plan (state/plan.json), rows (replications.csv) and band histograms
 * (state/bands.bin, gzip). What `--resume`, `campus merge` and `campus report` start from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { METRICS, type Metrics } from '../campus/metrics.js';
import { Bands } from './bands.js';
import type { Row } from './replicate.js';
import { inputColumn } from './csv.js';
import { StudyError } from './study-error.js';

export const STATE_FORMAT = 2; // 2: GPU, inference and finance metrics and series, uncertain-input columns

/** The part of a plan that must match for two folders to be parts of the same study. */
export interface SavedPlan {
  format: number;
  scenario: string;
  /** The scenario's own description, shown at the top of the report. */
  description: string;
  scenarioFile: string;
  scenarioHash: string;
  seed: number;
  replications: number;
  variants: string[];
  baseline: string;
  confidence: number;
  years: number;
  months: number;
  /** Unix seconds of the horizon's start (dates in bands.csv). */
  startUnixSeconds: number;
  /** The baseline layout's discount rate (chart titles). */
  discountRatePerYear: number;
  /** The scenario's uncertain inputs (key path and distribution), in the order of replications.csv's input columns. */
  inputs?: Array<{ id: string; text: string; variants?: string[] }>;
  shard: { index: number; count: number } | null;
  /** Replications this folder was meant to hold, [start, end). */
  range: { start: number; end: number };
  /** Replications it holds, as [start, end) runs. */
  done: Array<[number, number]>;
  /** Replications a sequential rule decided on (the study's final size), or null. */
  stoppedAt: number | null;
  complete: boolean;
}

export interface SavedStudy {
  dir: string;
  plan: SavedPlan;
  rows: Row[];
  bands: Bands;
}

/** Band state on disk: the extremes (float64) then the counts (uint32), gzip-compressed. */
export function bandsToBytes(bands: Bands): Uint8Array {
  const raw = Buffer.concat([
    new Uint8Array(bands.extremes.buffer, bands.extremes.byteOffset, bands.extremes.byteLength),
    new Uint8Array(bands.counts.buffer, bands.counts.byteOffset, bands.counts.byteLength),
  ]);
  return gzipSync(raw, { level: 6 });
}

function bandsFromBytes(bytes: Buffer, plan: SavedPlan): Bands {
  const raw = gunzipSync(bytes);
  const empty = new Bands(plan.variants, plan.months);
  const split = empty.extremes.byteLength;
  if (raw.byteLength !== split + empty.counts.byteLength) throw new StudyError(`state/bands.bin holds ${raw.byteLength} bytes, expected ${split + empty.counts.byteLength}`);
  const copy = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  return new Bands(plan.variants, plan.months, new Uint32Array(copy, split), new Float64Array(copy, 0, split / 8));
}

/** Runs of consecutive integers: [0,1,2,5,6] → [[0,3],[5,7]]. */
export function toRuns(sorted: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === r) last[1] = r + 1;
    else runs.push([r, r + 1]);
  }
  return runs;
}

/** Only the plan of a saved study (what `--resume` needs to know before loading the scenario). */
export function readSavedPlan(dir: string): SavedPlan {
  let text: string;
  try {
    text = readFileSync(join(dir, 'state/plan.json'), 'utf8');
  } catch (e) {
    throw new StudyError(`${dir} is not a study folder this tool can continue: cannot read state/plan.json (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new StudyError(`${join(dir, 'state/plan.json')} is not valid JSON`);
  }
}

export function readSavedStudy(dir: string): SavedStudy {
  const read = (name: string): Buffer => {
    try {
      return readFileSync(join(dir, name));
    } catch (e) {
      throw new StudyError(`${dir} is not a study folder this tool can continue: cannot read ${name} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  let plan: SavedPlan;
  try {
    plan = JSON.parse(read('state/plan.json').toString('utf8'));
  } catch (e) {
    if (e instanceof StudyError) throw e;
    throw new StudyError(`${join(dir, 'state/plan.json')} is not valid JSON`);
  }
  if (plan.format !== STATE_FORMAT) throw new StudyError(`${dir}: saved with state format ${plan.format}, this tool reads ${STATE_FORMAT}`);
  const rows = parseRows(read('replications.csv').toString('utf8'), join(dir, 'replications.csv'));
  return { dir, plan, rows, bands: bandsFromBytes(read('state/bands.bin'), plan) };
}

/** Parses replications.csv back into rows; numbers round-trip exactly (String(x) is the shortest exact form). */
export function parseRows(text: string, file: string): Row[] {
  const lines = text.split('\n').filter((l) => l !== '');
  const head = splitCsv(lines[0] ?? '');
  const fixed = ['replication', 'variant', ...METRICS];
  const inputs = head.slice(fixed.length);
  if (fixed.some((c, i) => head[i] !== c) || inputs.some((c) => !c.startsWith(inputColumn('')))) {
    throw new StudyError(`${file}: unexpected header; this tool writes '${fixed.join(',')}' and then one input:<key> column per uncertain input`);
  }
  const width = head.length;
  return lines.slice(1).map((line, i) => {
    const cells = splitCsv(line);
    if (cells.length !== width) throw new StudyError(`${file}:${i + 2}: expected ${width} columns, found ${cells.length}`);
    const metrics = Object.fromEntries(METRICS.map((m, k) => [m, Number(cells[2 + k])])) as Metrics;
    return { replication: Number(cells[0]), variant: cells[1], metrics, inputs: Float64Array.from(cells.slice(fixed.length), Number) };
  });
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') { value += '"'; i += 2; }
        else if (line[i] === '"') { i++; break; }
        else value += line[i++];
      }
      out.push(value);
      i++; // the comma
    } else {
      const next = line.indexOf(',', i);
      const end = next < 0 ? line.length : next;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}
