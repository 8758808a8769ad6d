import type { RandomStream } from '../stream.js';
import { Discrete } from './discrete.js';
import type { Distribution } from './distribution.js';
import { requireParameter } from './distribution.js';

/** A finite mixture: with probability wᵢ draw from component i (mean Σwμ, variance Σw(σ² + μ²) − mean²). */
export class Mixture implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  private readonly pick: Discrete;

  constructor(readonly components: readonly Distribution[], weights: readonly number[]) {
    requireParameter(components.length > 0, 'mixture', 'components', '[]', 'a non-empty list');
    this.pick = new Discrete(components.map((_, i) => i), weights);
    this.label = `mixture(${components.map((c) => c.label).join(', ')})`;
    let mean = 0, second = 0;
    components.forEach((c, i) => {
      mean += weights[i] * c.mean;
      second += weights[i] * (c.variance + c.mean * c.mean);
    });
    this.mean = mean;
    this.variance = second - mean * mean;
  }

  sample(rng: RandomStream): number {
    return this.components[this.pick.sampleIndex(rng)].sample(rng);
  }
}
