/** Geometric Brownian motion, stepped exactly (no discretisation error at the steps). */
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from './check.js';
import { pathLength, type PriceModel } from './price-model.js';

export interface GbmParameters {
  priceUSD: number;
  /** μ per year: E[S(t)] = S(0)·e^{μt}. */
  driftPerYear: number;
  /** σ per √year. */
  volatilityPerSqrtYear: number;
}

export function checkDiffusion(model: string, p: GbmParameters): void {
  requireModelParameter(finite(p.priceUSD) && p.priceUSD > 0, model, 'price', p.priceUSD, 'a finite price > 0 USD');
  requireModelParameter(finite(p.driftPerYear) && Math.abs(p.driftPerYear) <= 10, model, 'drift', p.driftPerYear, 'a number per year in [-10, 10]');
  requireModelParameter(finite(p.volatilityPerSqrtYear) && p.volatilityPerSqrtYear >= 0 && p.volatilityPerSqrtYear <= 5, model, 'volatility', p.volatilityPerSqrtYear, 'an annualised volatility in [0, 5]');
}

/** S(t+Δ) = S(t)·exp((μ − σ²/2)Δ + σ√Δ·Z), the exact solution of dS = μS dt + σS dW. */
export class Gbm implements PriceModel {
  readonly kind = 'gbm';

  constructor(readonly p: GbmParameters) {
    checkDiffusion('gbm', p);
  }

  /** Mean and variance of the log return over `dtYears`. */
  logReturnMoments(dtYears: number): { mean: number; variance: number } {
    const s = this.p.volatilityPerSqrtYear;
    return { mean: (this.p.driftPerYear - 0.5 * s * s) * dtYears, variance: s * s * dtYears };
  }

  path(horizonH: number, stepH: number, rng: RandomStream): Float64Array {
    const out = new Float64Array(pathLength(horizonH, stepH));
    const dt = stepH / HOURS_PER_YEAR;
    const sigma = this.p.volatilityPerSqrtYear;
    const drift = (this.p.driftPerYear - 0.5 * sigma * sigma) * dt;
    const shock = sigma * Math.sqrt(dt);
    let logPrice = Math.log(this.p.priceUSD);
    out[0] = this.p.priceUSD;
    for (let i = 1; i < out.length; i++) {
      logPrice += drift + shock * rng.standardNormal();
      out[i] = Math.exp(logPrice);
    }
    return out;
  }
}

/** The same path as a plain function, for callers that hold parameters rather than a model. */
export function gbmPath(p: GbmParameters, horizonH: number, stepH: number, rng: RandomStream): Float64Array {
  return new Gbm(p).path(horizonH, stepH, rng);
}
