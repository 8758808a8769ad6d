/**
 * Monthly series a replication hands back for the fan charts: the shared world's (price, hashprice,
 * network hashrate, difficulty, the marginal machine's break-even) once, and each variant's own (revenue per month, cumulative profit).
 */
import { type CalendarMonths, calendarMonths } from '../core/calendar.js';
import { HOURS_PER_DAY } from '../core/time.js';
import type { Horizon } from '../scenario/types.js';
import type { World } from './world.js';

export interface SeriesInfo {
  readonly name: string;
  readonly label: string;
  /** Bin scale for the bands: log-spaced within [lo, hi], or asinh-spaced around zero. */
  readonly bins: { readonly transform: 'log'; readonly lo: number; readonly hi: number } | { readonly transform: 'asinh'; readonly scale: number; readonly limit: number };
}

export const WORLD_SERIES: readonly SeriesInfo[] = [
  { name: 'btcPriceUSD', label: 'BTC price, USD', bins: { transform: 'log', lo: 1e2, hi: 1e8 } },
  { name: 'hashpriceUSDPerPHDay', label: 'Hashprice, USD per PH/s per day', bins: { transform: 'log', lo: 1e-1, hi: 1e5 } },
  { name: 'networkHashrateEHs', label: 'Network hashrate, EH/s', bins: { transform: 'log', lo: 1, hi: 1e6 } },
  { name: 'difficultyT', label: 'Difficulty, T', bins: { transform: 'log', lo: 1, hi: 1e6 } },
  { name: 'marginalCostUSDPerPHDay', label: "Break-even of the network's marginal machine (costliest running), USD per PH/s per day", bins: { transform: 'log', lo: 1e-1, hi: 1e5 } },
];

const VARIANT = [
  { name: 'miningRevenueUSD', label: 'Mining revenue per month, USD', bins: { transform: 'asinh', scale: 1e4, limit: 1e12 } },
  { name: 'cumulativeCashUSD', label: 'Cumulative cash after capex, USD', bins: { transform: 'asinh', scale: 1e5, limit: 1e13 } },
  { name: 'leaseRentUSD', label: 'Lease rent per month after SLA credits, USD', bins: { transform: 'asinh', scale: 1e4, limit: 1e12 } },
  { name: 'gpuCloudRevenueUSD', label: 'GPU cloud revenue per month from reserved blocks and training jobs, USD', bins: { transform: 'asinh', scale: 1e4, limit: 1e12 } },
  { name: 'inferenceRevenueUSD', label: 'Inference revenue per month, less SLA credits for GPU-hours missed, USD', bins: { transform: 'asinh', scale: 1e4, limit: 1e12 } },
  { name: 'gpuUtilisation', label: 'GPU utilisation in the month (busy ÷ available GPU-hours)', bins: { transform: 'asinh', scale: 1e-3, limit: 10 } },
] as const satisfies readonly SeriesInfo[];

/** A variant's own monthly series, by name. */
export type VariantSeriesName = (typeof VARIANT)[number]['name'];
export const VARIANT_SERIES: ReadonlyArray<SeriesInfo & { readonly name: VariantSeriesName }> = VARIANT;

/** The horizon's calendar months (the first and the last may be partial). */
export const horizonMonths = (horizon: Horizon): CalendarMonths => calendarMonths(horizon.startUnixSeconds, horizon.hours);

/** Months in the horizon, the partial ones included. */
export const monthsIn = (horizon: Horizon): number => horizonMonths(horizon).count;

/** World series on the first day of each month in the horizon, series-major: out[s · months + m], in WORLD_SERIES order. */
export function worldMonthly(world: World, calendar: CalendarMonths): Float64Array {
  const months = calendar.count;
  const out = new Float64Array(WORLD_SERIES.length * months);
  const series = (name: string) => {
    const s = WORLD_SERIES.findIndex((x) => x.name === name);
    return out.subarray(s * months, (s + 1) * months);
  };
  const price = series('btcPriceUSD'), hashprice = series('hashpriceUSDPerPHDay'), hashrate = series('networkHashrateEHs'), difficulty = series('difficultyT');
  const marginal = series('marginalCostUSDPerPHDay');
  for (let m = 0; m < months; m++) {
    const d = Math.min(world.days - 1, Math.floor(calendar.boundsH[m] / HOURS_PER_DAY));
    price[m] = world.dailyPriceUSD[d];
    hashprice[m] = world.reference.hashpriceUSDPerPHDay[d];
    hashrate[m] = world.reference.networkHashrateTHs[d] / 1e6;
    difficulty[m] = world.reference.difficulty[d] / 1e12;
    marginal[m] = world.reference.marginalCostUSDPerPHDay[d];
  }
  return out;
}
