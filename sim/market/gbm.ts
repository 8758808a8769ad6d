/** Geometric Brownian motion price paths, stepped exactly (no discretisation error at the steps). */
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';

export interface GbmParameters {
  priceUSD: number;
  /** μ per year: E[S(t)] = S(0)·e^{μt}. */
  driftPerYear: number;
  /** σ per √year. */
  volatilityPerSqrtYear: number;
}

/**
 * Prices at times 0, Δ, 2Δ, … covering `horizonH` (one extra step so the last interval is closed):
 * S(t+Δ) = S(t)·exp((μ − σ²/2)Δ + σ√Δ·Z), the exact solution of dS = μS dt + σS dW.
 */
export function gbmPath(p: GbmParameters, horizonH: number, stepH: number, rng: RandomStream): Float64Array {
  const steps = Math.ceil(horizonH / stepH) + 1;
  const out = new Float64Array(steps);
  const dtYears = stepH / HOURS_PER_YEAR;
  const drift = (p.driftPerYear - 0.5 * p.volatilityPerSqrtYear ** 2) * dtYears;
  const shock = p.volatilityPerSqrtYear * Math.sqrt(dtYears);
  let logPrice = Math.log(p.priceUSD);
  out[0] = p.priceUSD;
  for (let i = 1; i < steps; i++) {
    logPrice += drift + shock * rng.standardNormal();
    out[i] = Math.exp(logPrice);
  }
  return out;
}
