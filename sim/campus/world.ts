/**
 * The exogenous world of one replication: drawn once from its own named streams and shared, read
 * only, by every variant's campus (common random numbers).
 */
import { randomStream } from '../core/stream.js';
import { gbmPath } from '../market/gbm.js';
import type { Horizon, WorldConfig } from '../scenario/types.js';

export interface World {
  readonly replication: number;
  /** BTC price (USD) at t = k · priceStepH. */
  readonly priceUSD: Float64Array;
  readonly priceStepH: number;
  readonly difficulty: number;
  readonly startHeight: number;
  readonly feeShare: number;
  /** Blocks per hour the network finds (at the target interval while difficulty is fixed). */
  readonly blocksPerHour: number;
}

/** Blocks per hour at Bitcoin's 600-second target spacing. */
export const TARGET_BLOCKS_PER_HOUR = 6;

export function drawWorld(config: WorldConfig, horizon: Horizon, seed: number, replication: number): World {
  const price = gbmPath(config.btc, horizon.hours, config.btc.stepH, randomStream(seed, replication, 'market.btc'));
  return {
    replication,
    priceUSD: price,
    priceStepH: config.btc.stepH,
    difficulty: config.network.difficulty,
    startHeight: config.network.height,
    feeShare: config.network.feeShare,
    blocksPerHour: TARGET_BLOCKS_PER_HOUR,
  };
}
