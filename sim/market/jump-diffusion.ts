/**
 * The path shared by the jump-diffusion models: GBM plus compound-Poisson jumps in the log price,
 * with the drift compensated by κ = E[e^Y − 1] so μ stays the expected return, E[S(t)] = S(0)·e^{μt}.
 * Each model supplies only its jump-size sampler and κ.
 */
import { Poisson } from '../core/samplers/poisson.js';
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import type { GbmParameters } from './gbm.js';
import { pathLength } from './price-model.js';

export interface JumpParameters extends GbmParameters {
  /** λ, jumps per year. */
  jumpsPerYear: number;
}

export function jumpDiffusionPath(
  p: JumpParameters,
  kappa: number,
  logJump: (rng: RandomStream) => number,
  horizonH: number,
  stepH: number,
  rng: RandomStream,
): Float64Array {
  const out = new Float64Array(pathLength(horizonH, stepH));
  const dt = stepH / HOURS_PER_YEAR;
  const sigma = p.volatilityPerSqrtYear;
  const drift = (p.driftPerYear - p.jumpsPerYear * kappa - 0.5 * sigma * sigma) * dt;
  const shock = sigma * Math.sqrt(dt);
  const jumps = new Poisson(p.jumpsPerYear * dt);
  let logPrice = Math.log(p.priceUSD);
  out[0] = p.priceUSD;
  for (let i = 1; i < out.length; i++) {
    logPrice += drift + shock * rng.standardNormal();
    for (let n = jumps.sample(rng); n > 0; n--) logPrice += logJump(rng);
    out[i] = Math.exp(logPrice);
  }
  return out;
}
