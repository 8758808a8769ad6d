/** The interface every sampler implements, and the check that gives bad parameters a clear message. */
import { ParameterError } from '../parameter-error.js';
import type { RandomStream } from '../stream.js';

/** A probability distribution that can be sampled and whose first two moments are known. */
export interface Distribution {
  /** Written as a scenario would write it, e.g. `gamma(2, 0.5)`. */
  readonly label: string;
  /** Theoretical mean (Infinity or NaN where it does not exist). */
  readonly mean: number;
  /** Theoretical variance (Infinity or NaN where it does not exist). */
  readonly variance: number;
  /** One draw from the stream. */
  sample(rng: RandomStream): number;
}

/** Throws a ParameterError naming the parameter and the accepted range when `ok` is false. */
export function requireParameter(ok: boolean, distribution: string, parameter: string, value: unknown, accepted: string): void {
  if (!ok) throw new ParameterError(distribution, parameter, accepted, String(value));
}

export const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
