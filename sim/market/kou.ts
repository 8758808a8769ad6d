/**
 * Kou double-exponential jump diffusion (Management Science 48(8), 2002): log jumps are +Exp(η₁) with
 * probability p and −Exp(η₂) otherwise — fat, asymmetric tails, the best fit to BTC options in
 * arXiv 2506.14614. Drift compensated so E[S(t)] = S(0)·e^{μt}.
 */
import { Poisson } from '../core/samplers/poisson.js';
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from './check.js';
import { checkDiffusion, type GbmParameters } from './gbm.js';
import { pathLength, type PriceModel } from './price-model.js';

export interface KouParameters extends GbmParameters {
  /** λ, jumps per year. */
  jumpsPerYear: number;
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
    const out = new Float64Array(pathLength(horizonH, stepH));
    const dt = stepH / HOURS_PER_YEAR;
    const { volatilityPerSqrtYear: sigma, jumpsPerYear, upProbability, upRate, downRate } = this.p;
    const drift = (this.p.driftPerYear - jumpsPerYear * this.kappa - 0.5 * sigma * sigma) * dt;
    const shock = sigma * Math.sqrt(dt);
    const jumps = new Poisson(jumpsPerYear * dt);
    let logPrice = Math.log(this.p.priceUSD);
    out[0] = this.p.priceUSD;
    for (let i = 1; i < out.length; i++) {
      logPrice += drift + shock * rng.standardNormal();
      for (let n = jumps.sample(rng); n > 0; n--) {
        const size = rng.standardExponential();
        logPrice += rng.next() < upProbability ? size / upRate : -size / downRate;
      }
      out[i] = Math.exp(logPrice);
    }
    return out;
  }
}
