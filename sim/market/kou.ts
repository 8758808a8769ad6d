/**
 * Kou double-exponential jump diffusion (Management Science 48(8), 2002): log jumps are +Exp(η₁) with
 * probability p and −Exp(η₂) otherwise — fat, asymmetric tails, the best fit to BTC options in
 * arXiv 2506.14614. Drift compensated so E[S(t)] = S(0)·e^{μt}.
 */
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from './check.js';
import { checkDiffusion } from './gbm.js';
import { jumpDiffusionPath, type JumpParameters } from './jump-diffusion.js';
import type { PriceModel } from './price-model.js';

export interface KouParameters extends JumpParameters {
  /** p, probability a jump is upward. */
  upProbability: number;
  /** η₁ > 1: rate of upward log jumps (mean size 1/η₁). */
  upRate: number;
  /** η₂ > 0: rate of downward log jumps (mean size 1/η₂). */
  downRate: number;
}

export class Kou implements PriceModel {
  readonly kind = 'kou';
  /** κ = E[e^Y − 1] = p·η₁/(η₁−1) + (1−p)·η₂/(η₂+1) − 1. */
  readonly kappa: number;

  constructor(readonly p: KouParameters) {
    checkDiffusion('kou', p);
    requireModelParameter(finite(p.jumpsPerYear) && p.jumpsPerYear >= 0 && p.jumpsPerYear <= 1000, 'kou', 'jumps', p.jumpsPerYear, 'a rate in [0, 1000] per year');
    requireModelParameter(finite(p.upProbability) && p.upProbability >= 0 && p.upProbability <= 1, 'kou', 'upProbability', p.upProbability, 'a probability in [0, 1]');
    requireModelParameter(finite(p.upRate) && p.upRate > 1, 'kou', 'upRate', p.upRate, 'a rate > 1 (else the expected price is infinite)');
    requireModelParameter(finite(p.downRate) && p.downRate > 0, 'kou', 'downRate', p.downRate, 'a rate > 0');
    const { upProbability: q, upRate: e1, downRate: e2 } = p;
    this.kappa = (q * e1) / (e1 - 1) + ((1 - q) * e2) / (e2 + 1) - 1;
  }

  /** Mean and variance of the log return over `dtYears`. */
  logReturnMoments(dtYears: number): { mean: number; variance: number } {
    const { driftPerYear: mu, volatilityPerSqrtYear: s, jumpsPerYear: l, upProbability: q, upRate: e1, downRate: e2 } = this.p;
    const jumpMean = q / e1 - (1 - q) / e2;
    const jumpSecond = (2 * q) / (e1 * e1) + (2 * (1 - q)) / (e2 * e2);
    return {
      mean: (mu - l * this.kappa - 0.5 * s * s) * dtYears + l * dtYears * jumpMean,
      variance: s * s * dtYears + l * dtYears * jumpSecond,
    };
  }

  path(horizonH: number, stepH: number, rng: RandomStream): Float64Array {
    const { upProbability, upRate, downRate } = this.p;
    const logJump = (r: RandomStream) => {
      const size = r.standardExponential();
      return r.next() < upProbability ? size / upRate : -size / downRate;
    };
    return jumpDiffusionPath(this.p, this.kappa, logJump, horizonH, stepH, rng);
  }
}
