/**
 * Merton jump diffusion (J. Financial Economics 3, 1976): GBM plus Poisson jumps whose log-sizes are
 * normal. The drift is compensated so μ stays the expected return: E[S(t)] = S(0)·e^{μt}.
 */
import { Poisson } from '../core/samplers/poisson.js';
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from './check.js';
import { checkDiffusion, type GbmParameters } from './gbm.js';
import { pathLength, type PriceModel } from './price-model.js';

export interface MertonParameters extends GbmParameters {
  /** λ, jumps per year. */
  jumpsPerYear: number;
  /** Mean of the log jump size. */
  jumpMean: number;
  /** Standard deviation of the log jump size. */
  jumpSd: number;
}

export class Merton implements PriceModel {
  readonly kind = 'merton';
  /** κ = E[e^Y − 1], the mean relative jump. */
  readonly kappa: number;

  constructor(readonly p: MertonParameters) {
    checkDiffusion('merton', p);
    requireModelParameter(finite(p.jumpsPerYear) && p.jumpsPerYear >= 0 && p.jumpsPerYear <= 1000, 'merton', 'jumps', p.jumpsPerYear, 'a rate in [0, 1000] per year');
    requireModelParameter(finite(p.jumpMean) && Math.abs(p.jumpMean) <= 5, 'merton', 'jumpMean', p.jumpMean, 'a log size in [-5, 5]');
    requireModelParameter(finite(p.jumpSd) && p.jumpSd >= 0 && p.jumpSd <= 5, 'merton', 'jumpSd', p.jumpSd, 'a number in [0, 5]');
    this.kappa = Math.exp(p.jumpMean + 0.5 * p.jumpSd ** 2) - 1;
  }

  /** Mean and variance of the log return over `dtYears`. */
  logReturnMoments(dtYears: number): { mean: number; variance: number } {
    const { driftPerYear: mu, volatilityPerSqrtYear: s, jumpsPerYear: l, jumpMean: m, jumpSd: d } = this.p;
    return {
      mean: (mu - l * this.kappa - 0.5 * s * s) * dtYears + l * dtYears * m,
      variance: s * s * dtYears + l * dtYears * (d * d + m * m),
    };
  }

  path(horizonH: number, stepH: number, rng: RandomStream): Float64Array {
    const out = new Float64Array(pathLength(horizonH, stepH));
    const dt = stepH / HOURS_PER_YEAR;
    const { volatilityPerSqrtYear: sigma, jumpsPerYear, jumpMean, jumpSd } = this.p;
    const drift = (this.p.driftPerYear - jumpsPerYear * this.kappa - 0.5 * sigma * sigma) * dt;
    const shock = sigma * Math.sqrt(dt);
    const jumps = new Poisson(jumpsPerYear * dt);
    let logPrice = Math.log(this.p.priceUSD);
    out[0] = this.p.priceUSD;
    for (let i = 1; i < out.length; i++) {
      logPrice += drift + shock * rng.standardNormal();
      for (let n = jumps.sample(rng); n > 0; n--) logPrice += jumpMean + jumpSd * rng.standardNormal();
      out[i] = Math.exp(logPrice);
    }
    return out;
  }
}
