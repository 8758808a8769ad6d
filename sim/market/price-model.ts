/** The interface every BTC price model implements: a path of prices at fixed steps. */
import type { RandomStream } from '../core/stream.js';

export interface PriceModel {
  /** The model's name as a scenario writes it (`gbm`, `merton`, …). */
  readonly kind: string;
  /**
   * Prices (USD) at t = 0, Δ, 2Δ, … covering `horizonH` hours, one more than the number of steps so
   * the last interval is closed. `path[0]` is the starting price.
   */
  path(horizonH: number, stepH: number, rng: RandomStream): Float64Array;
}

/** Number of points a path of `horizonH` hours in steps of `stepH` holds. */
export const pathLength = (horizonH: number, stepH: number): number => Math.ceil(horizonH / stepH - 1e-9) + 1;
