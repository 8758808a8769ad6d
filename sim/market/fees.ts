/**
 * The fee share of the miner reward, f ∈ (0, 1), as a mean-reverting process on the logit scale:
 * x = ln(f/(1−f)) follows Ornstein–Uhlenbeck around ln(m/(1−m)), stepped exactly. So f stays in
 * (0, 1), wanders (fees were 0.5–11 % of rewards 2021–2026, Hashrate Index) and returns to its median m.
 */
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from './check.js';
import { pathLength } from './price-model.js';

export interface FeeParameters {
  /** m: the long-run median fee share, e.g. 0.0055. */
  median: number;
  /** κ: reversion rate per year (a shock halves in ln2/κ years). */
  reversionPerYear: number;
  /** σ: volatility of the logit per √year; 0 keeps the share fixed at the median. */
  volatilityPerSqrtYear: number;
  /** Share at t = 0 (default: the median). */
  initial?: number;
}

const logit = (f: number) => Math.log(f / (1 - f));

export class FeeShare {
  constructor(readonly p: FeeParameters) {
    requireModelParameter(finite(p.median) && p.median > 0 && p.median < 1, 'fees', 'median', p.median, 'a share in (0, 1)');
    requireModelParameter(finite(p.reversionPerYear) && p.reversionPerYear > 0 && p.reversionPerYear <= 1000, 'fees', 'reversion', p.reversionPerYear, 'a rate in (0, 1000] per year');
    requireModelParameter(finite(p.volatilityPerSqrtYear) && p.volatilityPerSqrtYear >= 0 && p.volatilityPerSqrtYear <= 20, 'fees', 'volatility', p.volatilityPerSqrtYear, 'a number in [0, 20]');
    if (p.initial !== undefined) requireModelParameter(finite(p.initial) && p.initial > 0 && p.initial < 1, 'fees', 'initial', p.initial, 'a share in (0, 1)');
  }

  /** Fee shares at t = 0, Δ, 2Δ, … over `horizonH`. */
  path(horizonH: number, stepH: number, rng: RandomStream): Float64Array {
    const out = new Float64Array(pathLength(horizonH, stepH));
    const theta = logit(this.p.median);
    const kappa = this.p.reversionPerYear;
    const decay = Math.exp((-kappa * stepH) / HOURS_PER_YEAR);
    // Exact OU transition: x' = θ + (x − θ)e^{−κΔ} + σ√((1 − e^{−2κΔ})/(2κ))·Z.
    const sd = this.p.volatilityPerSqrtYear * Math.sqrt((1 - decay * decay) / (2 * kappa));
    let x = logit(this.p.initial ?? this.p.median);
    for (let i = 0; i < out.length; i++) {
      if (i > 0) x = theta + (x - theta) * decay + sd * rng.standardNormal();
      out[i] = 1 / (1 + Math.exp(-x));
    }
    return out;
  }
}
