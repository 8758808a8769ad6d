/**
 * Merton jump diffusion (J. Financial Economics 3, 1976): GBM plus Poisson jumps whose log-sizes are
 * normal. The drift is compensated so μ stays the expected return: E[S(t)] = S(0)·e^{μt}.
 */
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from './check.js';
import { checkDiffusion } from './gbm.js';
import { jumpDiffusionPath, type JumpParameters } from './jump-diffusion.js';
import type { PriceModel } from './price-model.js';

export interface MertonParameters extends JumpParameters {
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
    const { jumpMean, jumpSd } = this.p;
    return jumpDiffusionPath(this.p, this.kappa, (r) => jumpMean + jumpSd * r.standardNormal(), horizonH, stepH, rng);
  }
}
