/** One replication's exogenous world (5 years: daily price, fees, hashrate, the chain) per second. */
import { drawWorld } from '../sim/campus/world.js';
import type { BlockMode } from '../sim/network/chain.js';
import type { Scenario } from '../sim/scenario/types.js';
import { seconds } from './measure.js';

export function worldsPerSecond(scenario: Scenario, mode: BlockMode, replications: number): number {
  const world = { ...scenario.world, network: { ...scenario.world.network, blockMode: mode } };
  const s = seconds(() => {
    for (let r = 0; r < replications; r++) drawWorld(world, scenario.horizon, 1, r);
  });
  return replications / s;
}
