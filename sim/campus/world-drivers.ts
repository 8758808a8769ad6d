/**
 * What each replication's world turned out to be, in one number per driver: how far the BTC price
 * went, how much the network grew, what spot power cost on average, how long the grid was down.
 * The study keeps them beside the uncertain inputs' draws, so the tornado can rank the world's own
 * luck — which usually moves NPV more than any input a planner declares — in dollars beside them.
 */
import type { World } from './world.js';

export interface WorldDriver {
  readonly name: string;
  /** A few plain words for charts. */
  readonly label: string;
  /** How its values read: a log change (shown as a percentage change), or a unit. */
  readonly unit: 'log change' | 'USD/MWh' | 'h';
  readonly description: string;
}

export const WORLD_DRIVERS = [
  { name: 'btcLogReturn', label: 'BTC price over the horizon', unit: 'log change', description: 'ln(BTC price at the horizon ÷ BTC price at the start)' },
  { name: 'networkLogGrowth', label: 'network hashrate growth', unit: 'log change', description: 'ln(network hashrate on the last day ÷ on the first), the reference network (rest of the network with the baseline campus)' },
  { name: 'meanSpotUSDPerMWh', label: 'mean spot power price', unit: 'USD/MWh', description: 'mean of the hourly spot power price over the horizon (no value without a spot market)' },
  { name: 'outageHours', label: 'grid outage hours', unit: 'h', description: 'hours without grid power over the horizon' },
] as const satisfies readonly WorldDriver[];

/** The drivers of `world` over a horizon of `horizonH` hours, in WORLD_DRIVERS order. */
export function worldDrivers(world: World, horizonH: number): Float64Array {
  const price = world.priceUSD;
  const hashrate = world.reference.networkHashrateTHs;
  let spot = NaN;
  if (world.spotUSDPerMWh && world.spotUSDPerMWh.length > 0) {
    spot = 0;
    for (let h = 0; h < world.spotUSDPerMWh.length; h++) spot += world.spotUSDPerMWh[h];
    spot /= world.spotUSDPerMWh.length;
  }
  let down = 0;
  for (const [start, end] of world.outagesH) down += Math.max(0, Math.min(end, horizonH) - Math.min(start, horizonH));
  return Float64Array.of(Math.log(price[price.length - 1] / price[0]), Math.log(hashrate[hashrate.length - 1] / hashrate[0]), spot, down);
}
