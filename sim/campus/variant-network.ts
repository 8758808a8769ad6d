/**
 * The chain as one variant sees it: the world's rest-of-network hashrate plus the variant's own,
 * replayed through the world's block-discovery work (per-epoch, a few hundred steps for five years).
 * When the campus is a price-taker, or mines exactly the reference hashrate, the world's reference
 * chain is the answer and nothing is replayed.
 */
import { HOURS_PER_DAY } from '../core/time.js';
import { Chain } from '../network/chain.js';
import type { Horizon, WorldConfig } from '../scenario/types.js';
import type { World } from './world.js';

export interface VariantNetwork {
  /** Start time (h) and difficulty of each epoch. */
  readonly epochStartH: readonly number[];
  readonly epochDifficulty: readonly number[];
  /** Times (h) of the halvings within the horizon. */
  readonly halvingsH: readonly number[];
}

export function variantNetwork(world: World, config: WorldConfig, horizon: Horizon, campusTHs: number): VariantNetwork {
  const net = config.network;
  if (!net.campusCounts || campusTHs === net.referenceCampusTHs) return world.reference;
  const chain = new Chain({
    mode: 'epoch',
    startHeight: net.startHeight,
    startBits: net.startBits,
    startUnixSeconds: horizon.startUnixSeconds,
    work: world.work,
  });
  for (let d = 0; d < world.days; d++) {
    chain.advance(Math.min((d + 1) * HOURS_PER_DAY, horizon.hours), world.restHashrateTHs[d] + campusTHs);
  }
  return { epochStartH: chain.epochStartH, epochDifficulty: chain.epochDifficulty, halvingsH: chain.halvingsH };
}
