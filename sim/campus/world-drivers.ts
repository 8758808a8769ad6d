/**
 * What each replication's world turned out to be, in one number per driver: how far the BTC price
 * went, how much the network grew, what spot power cost on average, how long the grid was down, and
 * the mean BTC price and hashprice (the levels break-evens are read in).
 * The study keeps them beside the uncertain inputs' draws, so the tornado can rank the world's own
 * luck — which usually moves NPV more than any input a planner declares — in dollars beside them.
 */
import type { World } from './world.js';

export interface WorldDriver {
  readonly name: string;
  /** A few plain words for charts. */
  readonly label: string;
  /** How its values read: a log change (shown as a percentage change), or a unit. */
  readonly unit: 'log change' | 'USD/MWh' | 'h' | 'USD/BTC' | 'USD/PH/day';
  readonly description: string;
  /** Ranked in the tornado (the levels a break-even is read in are not: they move with the BTC return already there). */
  readonly ranked: boolean;
}

export const WORLD_DRIVERS = [
  { name: 'btcLogReturn', label: 'BTC price over the horizon', unit: 'log change', description: 'ln(BTC price at the horizon ÷ BTC price at the start)', ranked: true },
  { name: 'networkLogGrowth', label: 'network hashrate growth', unit: 'log change', description: 'ln(network hashrate on the last day ÷ on the first), the reference network (rest of the network with the baseline campus)', ranked: true },
  { name: 'meanSpotUSDPerMWh', label: 'mean spot power price', unit: 'USD/MWh', description: 'mean of the hourly spot power price over the horizon (no value without a spot market)', ranked: true },
  { name: 'outageHours', label: 'grid outage hours', unit: 'h', description: 'hours without grid power over the horizon', ranked: true },
  { name: 'meanBtcPriceUSD', label: 'mean BTC price', unit: 'USD/BTC', description: 'mean of the daily BTC price over the horizon', ranked: false },
  { name: 'meanHashpriceUSDPerPHDay', label: 'mean hashprice', unit: 'USD/PH/day', description: 'mean of the daily hashprice over the horizon, the reference network', ranked: false },
] as const satisfies readonly WorldDriver[];

function mean(xs: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return sum / xs.length;
}

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
  return Float64Array.of(Math.log(price[price.length - 1] / price[0]), Math.log(hashrate[hashrate.length - 1] / hashrate[0]), spot, down, mean(price), mean(world.reference.hashpriceUSDPerPHDay));
}
