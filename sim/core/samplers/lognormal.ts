import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Lognormal: exp of a normal with mean μ and standard deviation σ on the log scale. */
export class LogNormal implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;

  constructor(readonly mu: number, readonly sigma: number) {
    requireParameter(isFiniteNumber(mu), 'lognormal', 'mu', mu, 'a finite number');
    requireParameter(isFiniteNumber(sigma) && sigma >= 0, 'lognormal', 'sigma', sigma, 'a finite number ≥ 0');
    this.label = `lognormal(${mu}, ${sigma})`;
    const s2 = sigma * sigma;
    this.mean = Math.exp(mu + s2 / 2);
    this.variance = Math.expm1(s2) * Math.exp(2 * mu + s2);
  }

  /** The lognormal with the given mean and standard deviation on the natural scale. */
  static fromMoments(mean: number, sd: number): LogNormal {
    requireParameter(isFiniteNumber(mean) && mean > 0, 'lognormal', 'mean', mean, 'a finite number > 0');
    requireParameter(isFiniteNumber(sd) && sd >= 0, 'lognormal', 'sd', sd, 'a finite number ≥ 0');
    const s2 = Math.log1p((sd * sd) / (mean * mean));
    return new LogNormal(Math.log(mean) - s2 / 2, Math.sqrt(s2));
  }

  sample(rng: RandomStream): number {
    return Math.exp(this.mu + this.sigma * rng.standardNormal());
  }
}
