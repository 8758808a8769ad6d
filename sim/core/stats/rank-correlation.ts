/**
 * Spearman's rank correlation with a confidence interval: how strongly one quantity moves another,
 * monotone but not necessarily linear, robust to outliers — what a sensitivity (tornado) chart ranks.
 */
import { normalQuantile } from './normal.js';

/** Ranks 1…n, ties sharing the mean of the ranks they span. */
export function ranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && xs[order[j + 1]] === xs[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** Pearson correlation of two equal-length samples (NaN when either is constant). */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx, dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

export interface RankCorrelation {
  rho: number;
  lower: number;
  upper: number;
}

/**
 * Spearman's ρ (Pearson's r of the ranks) with a Fisher-z interval whose variance 1.06/(n − 3) is
 * the one Fieller, Hartley & Pearson (1957) give for Spearman's coefficient.
 */
export function spearman(xs: ArrayLike<number>, ys: ArrayLike<number>, confidence: number): RankCorrelation {
  const n = xs.length;
  const rho = pearson(ranks(xs), ranks(ys));
  if (!Number.isFinite(rho) || n < 4) return { rho, lower: NaN, upper: NaN };
  const clamped = Math.max(-1 + 1e-15, Math.min(1 - 1e-15, rho));
  const half = normalQuantile((1 + confidence) / 2) * Math.sqrt(1.06 / (n - 3));
  return { rho, lower: Math.tanh(Math.atanh(clamped) - half), upper: Math.tanh(Math.atanh(clamped) + half) };
}
