/**
 * A study's state on disk, in `state/` of its folder: what `--resume`, `campus merge` and `campus
 * report` read back, and — while a study runs — its checkpoints, so a kill at any moment loses at
 * most the chunks that were running.
 *
 *   state/plan.json           the study (SavedPlan), written before the first replication
 *   state/chunks/S-E.chunk    one finished chunk, replications S … E−1: metrics, inputs and monthly
 *                             series, written (atomically) the moment it finishes, in any order
 *   state/chunks/S-E.rows     the same chunk once its series are folded into bands.bin
 *   state/bands.bin           band histograms of replications [range.start, upTo), the contiguous
 *                             prefix folded so far, so the disk does not grow with the study
 *   state/rows.bin            a finished study's rows, all in one file
 *
 * Every file is a JSON header line and float64 data (bands.bin gzipped: it is mostly zeros), and
 * carries the study's id: state of another study (another seed, scenario or build) is refused,
 * never mixed in.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { METRICS } from '../campus/metrics.js';
import { DECISIONS_PER_VARIANT } from '../campus/policies.js';
import { VARIANT_SERIES, WORLD_SERIES } from '../campus/series.js';
import { WORLD_DRIVERS } from '../campus/world-drivers.js';
import { writeFileAtomic } from './atomic-write.js';
import { Bands } from './bands.js';
import { annualLength, type ReplicationResult } from './replicate.js';
import { StudyError } from './study-error.js';

/** Version of the files in state/: 3 added checkpoints, the study id and the one-file rows; 4 the world’s drivers and the annual cash by segment; 5 the metrics against the baseline and when capital runs out; 6 what each layout’s decision rules did; 7 the BTC treasury as a segment of its own. */
export const STATE_FORMAT = 7;

/** Series bytes of unfolded chunks past which the contiguous prefix is folded into bands.bin. */
const FOLD_BYTES = 64 << 20;

/** The shape of a study's results: how many numbers each part of a replication holds. */
export interface ResultShape {
  readonly studyId: string;
  readonly variants: readonly string[];
  readonly months: number;
  readonly inputs: number;
}

/** A replication's rows: its metrics (variant-major), its inputs' draws, its world's drivers and each variant's annual cash by segment. */
export interface PackedRow {
  readonly metrics: Float64Array;
  readonly inputs: Float64Array;
  readonly drivers: Float64Array;
  readonly annual: Float64Array;
  readonly decisions: Float64Array;
}

/** What a folder's state holds. */
export interface StoredState {
  /** Band histograms of [start, upTo). */
  bands: Bands;
  upTo: number;
  /** Rows of every replication in the state, by index (those past upTo come with their chunk in `pending` too). */
  rows: Map<number, PackedRow>;
  /** Finished chunks past upTo, with their series, in order: still to be delivered into the bands. */
  pending: ReplicationResult[][];
}

const sizes = (s: ResultShape) => {
  const z = {
    metrics: s.variants.length * METRICS.length,
    world: WORLD_SERIES.length * s.months,
    variant: s.variants.length * VARIANT_SERIES.length * s.months,
    inputs: s.inputs,
    drivers: WORLD_DRIVERS.length,
    annual: s.variants.length * annualLength(s.months),
    decisions: s.variants.length * DECISIONS_PER_VARIANT,
  };
  return { ...z, row: z.metrics + z.inputs + z.drivers + z.annual + z.decisions };
};

/** The parts of a packed row, in the order they are stored. */
const rowParts = (r: PackedRow): Float64Array[] => [r.metrics, r.inputs, r.drivers, r.annual, r.decisions];

/** A packed row read at `offset` (in numbers) of `data`. */
function readRow(data: Buffer, offset: number, z: ReturnType<typeof sizes>): PackedRow {
  let o = offset;
  const next = (count: number): Float64Array => {
    const part = floats(data, o, count);
    o += count;
    return part;
  };
  return { metrics: next(z.metrics), inputs: next(z.inputs), drivers: next(z.drivers), annual: next(z.annual), decisions: next(z.decisions) };
}

interface Header {
  format: number;
  studyId: string;
  kind: 'chunk' | 'rows' | 'bands' | 'all-rows';
  start: number;
  end: number;
}

/**
 * A header line and float64s, uncompressed: gzip took ~0.3–0.6 ms a replication on the main thread
 * (8 % of a cheap mining replication) to save a disk the folding bounds anyway.
 */
function pack(header: Header, parts: Float64Array[]): Uint8Array {
  const head = Buffer.from(JSON.stringify(header) + '\n');
  return Buffer.concat([head, ...parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))]);
}

function unpack(file: string, shape: ResultShape, kind: Header['kind']): { header: Header; data: Buffer } {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (e) {
    throw new StudyError(`${file}: cannot read this checkpoint (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const newline = raw.indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(raw.subarray(0, newline).toString('utf8'));
  } catch {
    throw new StudyError(`${file}: not a checkpoint of this tool`);
  }
  if (header.format !== STATE_FORMAT || header.kind !== kind) throw new StudyError(`${file}: saved in another format (${header.format}/${header.kind}); this tool reads ${STATE_FORMAT}`);
  if (header.studyId !== shape.studyId) throw new StudyError(`${file} belongs to another study (another scenario, seed, request or build): it is not mixed in`);
  // Copy: Float64Array views need 8-byte alignment.
  const data = Buffer.from(raw.subarray(newline + 1));
  return { header, data };
}

/** Reads `count` float64s from `data` at `offset` (in numbers). */
const floats = (data: Buffer, offset: number, count: number): Float64Array => new Float64Array(data.buffer, data.byteOffset + offset * 8, count).slice();

export class Checkpoints {
  private readonly dir: string;
  /** Series bytes written in chunk files not yet folded. */
  private unfolded = 0;

  constructor(stateDir: string, readonly shape: ResultShape) {
    this.dir = join(stateDir, 'chunks');
  }

  /** Saves a finished chunk (results of replications start … end−1, in order). */
  save(results: readonly ReplicationResult[]): void {
    const start = results[0].replication, end = start + results.length;
    const parts = results.flatMap((r) => [...rowParts(r), r.worldSeries, r.variantSeries]);
    writeFileAtomic(join(this.dir, `${start}-${end}.chunk`), pack({ format: STATE_FORMAT, studyId: this.shape.studyId, kind: 'chunk', start, end }, parts));
    const s = sizes(this.shape);
    this.unfolded += results.length * (s.world + s.variant) * 8;
  }

  /** Has enough been written since the last fold that the next contiguous prefix should be folded? */
  get wantsFold(): boolean {
    return this.unfolded >= FOLD_BYTES;
  }

  /**
   * Folds replications [start, upTo) — all delivered, in `bands` — into bands.bin, then keeps only
   * the rows of those chunks. A kill between the two leaves chunk files the next read skips.
   */
  fold(bands: Bands, start: number, upTo: number): void {
    writeBands(join(this.dir, '..', 'bands.bin'), this.shape, bands, start, upTo);
    for (const name of chunkFiles(this.dir)) {
      const [s, e] = rangeOf(name);
      if (!name.endsWith('.chunk') || e > upTo) continue;
      const { data } = unpack(join(this.dir, name), this.shape, 'chunk');
      const z = sizes(this.shape);
      const per = z.row + z.world + z.variant;
      const parts: Float64Array[] = [];
      for (let k = 0; k < e - s; k++) parts.push(floats(data, k * per, z.row));
      writeFileAtomic(join(this.dir, `${s}-${e}.rows`), pack({ format: STATE_FORMAT, studyId: this.shape.studyId, kind: 'rows', start: s, end: e }, parts));
      rmSync(join(this.dir, name), { force: true });
    }
    this.unfolded = 0;
  }
}

/** Writes band histograms of [start, upTo) with their header. */
export function writeBands(file: string, shape: ResultShape, bands: Bands, start: number, upTo: number): void {
  const head = Buffer.from(JSON.stringify({ format: STATE_FORMAT, studyId: shape.studyId, kind: 'bands', start, end: upTo } satisfies Header) + '\n');
  const raw = Buffer.concat([
    head,
    new Uint8Array(bands.extremes.buffer, bands.extremes.byteOffset, bands.extremes.byteLength),
    new Uint8Array(bands.counts.buffer, bands.counts.byteOffset, bands.counts.byteLength),
  ]);
  writeFileAtomic(file, gzipSync(raw, { level: 6 }));
}

/** Writes every row of a finished study, in replication order. */
export function writeAllRows(file: string, shape: ResultShape, rows: ReadonlyMap<number, PackedRow>): void {
  const order = [...rows.keys()].sort((a, b) => a - b);
  const parts = order.flatMap((r) => [Float64Array.of(r), ...rowParts(rows.get(r)!)]);
  writeFileAtomic(file, pack({ format: STATE_FORMAT, studyId: shape.studyId, kind: 'all-rows', start: order[0] ?? 0, end: order.length }, parts));
}

/**
 * Reads the state in `stateDir` for a study of `shape` whose range starts at `start`. Stray
 * temporary files (a kill mid-write) are removed; files of another study are refused.
 */
export function readState(stateDir: string, shape: ResultShape, start: number): StoredState {
  const z = sizes(shape);
  let bands = new Bands(shape.variants, shape.months);
  let upTo = start;
  const bandsFile = join(stateDir, 'bands.bin');
  if (existsSync(bandsFile)) {
    let raw: Buffer;
    try {
      raw = gunzipSync(readFileSync(bandsFile));
    } catch (e) {
      throw new StudyError(`${bandsFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const newline = raw.indexOf(10);
    const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Header;
    if (header.studyId !== shape.studyId || header.kind !== 'bands') throw new StudyError(`${bandsFile} belongs to another study: it is not mixed in`);
    const body = raw.buffer.slice(raw.byteOffset + newline + 1, raw.byteOffset + raw.byteLength);
    const split = bands.extremes.byteLength;
    if (body.byteLength !== split + bands.counts.byteLength) throw new StudyError(`${bandsFile} holds ${body.byteLength} bytes, expected ${split + bands.counts.byteLength}`);
    bands = new Bands(shape.variants, shape.months, new Uint32Array(body, split), new Float64Array(body, 0, split / 8));
    upTo = header.end;
  }
  const rows = new Map<number, PackedRow>();
  const add = (r: number, row: PackedRow, file: string) => {
    if (rows.has(r)) throw new StudyError(`${file}: replication ${r} is saved twice in ${stateDir}`);
    rows.set(r, row);
  };
  const allRows = join(stateDir, 'rows.bin');
  if (existsSync(allRows)) {
    const { data } = unpack(allRows, shape, 'all-rows');
    const per = 1 + z.row;
    for (let k = 0; k * per * 8 < data.byteLength; k++) add(data.readDoubleLE(k * per * 8), readRow(data, k * per + 1, z), allRows);
  }
  const pending: ReplicationResult[][] = [];
  const chunks = join(stateDir, 'chunks');
  for (const name of chunkFiles(chunks, true)) {
    const file = join(chunks, name);
    const [s, e] = rangeOf(name);
    if (name.endsWith('.rows')) {
      if (e > upTo) throw new StudyError(`${file}: rows past the bands saved (${upTo}): the state is inconsistent`);
      const { data } = unpack(file, shape, 'rows');
      for (let k = 0; k < e - s; k++) add(s + k, readRow(data, k * z.row, z), file);
      continue;
    }
    const { data } = unpack(file, shape, 'chunk');
    const per = z.row + z.world + z.variant;
    if (data.byteLength !== (e - s) * per * 8) throw new StudyError(`${file}: holds ${data.byteLength} bytes, expected ${(e - s) * per * 8}`);
    const results: ReplicationResult[] = [];
    for (let k = 0; k < e - s; k++) {
      const o = k * per;
      results.push({ replication: s + k, ...readRow(data, o, z), worldSeries: floats(data, o + z.row, z.world), variantSeries: floats(data, o + z.row + z.world, z.variant) });
    }
    // Folded already (killed before its series were dropped): its rows count, its series are in bands.bin.
    if (e <= upTo) {
      for (const r of results) add(r.replication, r, file);
      continue;
    }
    if (s < upTo) throw new StudyError(`${file}: straddles the bands saved (${upTo}): the state is inconsistent`);
    for (const r of results) add(r.replication, r, file);
    pending.push(results);
  }
  pending.sort((a, b) => a[0].replication - b[0].replication);
  return { bands, upTo, rows, pending };
}

/** Chunk files in `dir` (none when it does not exist); with `clean`, stray temporary files are removed. */
function chunkFiles(dir: string, clean = false): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  if (clean) for (const n of names.filter((n) => n.endsWith('.tmp'))) rmSync(join(dir, n), { force: true });
  return names.filter((n) => /^\d+-\d+\.(chunk|rows)$/.test(n)).sort((a, b) => rangeOf(a)[0] - rangeOf(b)[0]);
}

const rangeOf = (name: string): [number, number] => {
  const [s, e] = name.replace(/\.(chunk|rows)$/, '').split('-').map(Number);
  return [s, e];
};
