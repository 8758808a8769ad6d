/**
 * Monthly quantile bands (p5, p25, p50, p75, p95) of each series, in memory that does not grow with
 * the number of replications: one fixed histogram per series, variant and month. Bins are fixed in
 * advance (log-spaced, or asinh-spaced for values that can be negative), so histograms from any
 * split of the replications — workers, chunks, shards, a resumed run — add up to the same counts,
 * and the bands come out byte-identical. A band value is read off the histogram by linear
 * interpolation within its bin (resolution ≈ 1.4 % of the value for log bins), clamped to the exact
 * smallest and largest values seen, which are kept beside each histogram.
 */
import { VARIANT_SERIES, WORLD_SERIES, type SeriesInfo } from '../campus/series.js';
import { monthLabel } from '../core/calendar.js';

export const BAND_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
const BINS = 1000;

interface Scale {
  toUnit(x: number): number; // value → [0, 1)
  fromUnit(u: number): number;
}

function scaleOf(info: SeriesInfo): Scale {
  const b = info.bins;
  if (b.transform === 'log') {
    const lo = Math.log(b.lo), span = Math.log(b.hi) - lo;
    return { toUnit: (x) => (Math.log(Math.max(x, b.lo)) - lo) / span, fromUnit: (u) => Math.exp(lo + u * span) };
  }
  const top = Math.asinh(b.limit / b.scale);
  return { toUnit: (x) => (Math.asinh(x / b.scale) + top) / (2 * top), fromUnit: (u) => b.scale * Math.sinh(u * 2 * top - top) };
}

/** One month of one series' bands. */
export interface BandRow {
  series: string;
  /** '' for the shared world's series. */
  variant: string;
  month: number;
  date: string;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export class Bands {
  /** counts[((series · groups + group) · months + month) · BINS + bin]; group 0 is the world, 1 + v a variant. */
  readonly counts: Uint32Array;
  /** Smallest and largest value seen per histogram: extremes[2 · cell], extremes[2 · cell + 1]. */
  readonly extremes: Float64Array;
  private readonly series: readonly SeriesInfo[];
  private readonly scales: Scale[];

  constructor(readonly variants: readonly string[], readonly months: number, counts?: Uint32Array, extremes?: Float64Array) {
    this.series = [...WORLD_SERIES, ...VARIANT_SERIES];
    this.scales = this.series.map(scaleOf);
    const cells = this.series.length * (1 + variants.length) * months;
    if (counts && counts.length !== cells * BINS) throw new RangeError(`band state holds ${counts.length} counts, expected ${cells * BINS}`);
    if (extremes && extremes.length !== 2 * cells) throw new RangeError(`band state holds ${extremes.length} extremes, expected ${2 * cells}`);
    this.counts = counts ?? new Uint32Array(cells * BINS);
    this.extremes = extremes ?? Float64Array.from({ length: 2 * cells }, (_, i) => (i % 2 === 0 ? Infinity : -Infinity));
  }

  /** Adds one replication's monthly series (laid out as ReplicationResult packs them). */
  add(worldSeries: Float64Array, variantSeries: Float64Array): void {
    const W = WORLD_SERIES.length, V = VARIANT_SERIES.length, months = this.months;
    for (let s = 0; s < W; s++) for (let m = 0; m < months; m++) this.bump(s, 0, m, worldSeries[s * months + m]);
    for (let v = 0; v < this.variants.length; v++) {
      for (let s = 0; s < V; s++) {
        for (let m = 0; m < months; m++) this.bump(W + s, 1 + v, m, variantSeries[(v * V + s) * months + m]);
      }
    }
  }

  /** Adds another set of histograms over the same series, variants and months. */
  merge(other: Bands): void {
    if (other.counts.length !== this.counts.length) throw new RangeError('cannot merge bands of different shapes');
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += other.counts[i];
    for (let i = 0; i < this.extremes.length; i += 2) {
      if (other.extremes[i] < this.extremes[i]) this.extremes[i] = other.extremes[i];
      if (other.extremes[i + 1] > this.extremes[i + 1]) this.extremes[i + 1] = other.extremes[i + 1];
    }
  }

  /** The bands as records (one per series, variant and month), for charts. */
  table(startUnixSeconds: number): BandRow[] {
    const groups = 1 + this.variants.length;
    const dates = this.dates(startUnixSeconds);
    const rows: BandRow[] = [];
    this.series.forEach((info, s) => {
      const isWorld = s < WORLD_SERIES.length;
      for (let g = isWorld ? 0 : 1; g < (isWorld ? 1 : groups); g++) {
        for (let m = 0; m < this.months; m++) {
          const [p5, p25, p50, p75, p95] = this.levels(s, g, m);
          if (Number.isNaN(p50)) continue;
          rows.push({ series: info.name, variant: g === 0 ? '' : this.variants[g - 1], month: m, date: dates[m], p5, p25, p50, p75, p95 });
        }
      }
    });
    return rows;
  }

  /**
   * CSV: series, variant ('' for the shared world), month, its calendar month as its first day
   * (YYYY-MM-01, UTC), then one column per band level. World series are values on the month's first
   * day in the horizon; revenue is the month's total; cumulative cash is the value at the month's end.
   */
  toCsv(startUnixSeconds: number): string {
    const groups = 1 + this.variants.length;
    const dates = this.dates(startUnixSeconds);
    const lines = [['series', 'variant', 'month', 'date', ...BAND_LEVELS.map((p) => `p${Math.round(p * 100)}`)].join(',')];
    this.series.forEach((info, s) => {
      const isWorld = s < WORLD_SERIES.length;
      for (let g = isWorld ? 0 : 1; g < (isWorld ? 1 : groups); g++) {
        for (let m = 0; m < this.months; m++) {
          const values = this.levels(s, g, m);
          lines.push([info.name, g === 0 ? '' : this.variants[g - 1], String(m), dates[m], ...values.map((x) => (Number.isNaN(x) ? '' : String(x)))].join(','));
        }
      }
    });
    return lines.join('\n') + '\n';
  }

  /** Each month's label: the first day of its calendar month. */
  private dates(startUnixSeconds: number): string[] {
    return Array.from({ length: this.months }, (_, m) => monthLabel(startUnixSeconds, m));
  }

  private cell(s: number, g: number, m: number): number {
    return (s * (1 + this.variants.length) + g) * this.months + m;
  }

  private offset(s: number, g: number, m: number): number {
    return this.cell(s, g, m) * BINS;
  }

  private bump(s: number, g: number, m: number, x: number): void {
    if (!Number.isFinite(x)) return;
    const u = this.scales[s].toUnit(x);
    const bin = u <= 0 ? 0 : u >= 1 ? BINS - 1 : Math.floor(u * BINS);
    const c = this.cell(s, g, m);
    this.counts[c * BINS + bin]++;
    if (x < this.extremes[2 * c]) this.extremes[2 * c] = x;
    if (x > this.extremes[2 * c + 1]) this.extremes[2 * c + 1] = x;
  }

  /** The band levels of one histogram (NaN when it is empty), read in one walk up its bins. */
  private levels(s: number, g: number, m: number): number[] {
    const base = this.offset(s, g, m);
    const cell = this.cell(s, g, m);
    let n = 0;
    for (let b = 0; b < BINS; b++) n += this.counts[base + b];
    if (n === 0) return BAND_LEVELS.map(() => NaN);
    const out: number[] = [];
    let below = 0, b = 0;
    for (const p of BAND_LEVELS) {
      const target = p * n;
      // The first bin whose count takes the running total to the target (levels ascend, so the walk goes on from there).
      while (b < BINS && !(this.counts[base + b] > 0 && below + this.counts[base + b] >= target)) below += this.counts[base + b++];
      if (b === BINS) {
        out.push(this.extremes[2 * cell + 1]);
        continue;
      }
      const within = (target - below) / this.counts[base + b];
      const value = Math.min(this.extremes[2 * cell + 1], Math.max(this.extremes[2 * cell], this.scales[s].fromUnit((b + within) / BINS)));
      // Round to 6 significant digits: the bins resolve ~1 %, more digits would be noise.
      out.push(Number(value.toPrecision(6)));
    }
    return out;
  }
}
