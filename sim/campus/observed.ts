/**
 * What a decision rule can see at time `nowH`: trailing means of the world and of the campus's own
 * books over a window of the past. Each reads only values already known at `nowH` — a daily series
 * the days begun before it, an hourly one the hours before it, the books the calendar months closed
 * by it (as many as the window has months) —
 * so a decision never depends on the future of its replication (tested by perturbing the world after
 * a decision date).
 */
import type { CalendarMonths } from '../core/calendar.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH } from '../core/time.js';
import type { ObservedState, VariantConfig } from '../scenario/types.js';
import type { Ledger } from './ledger.js';
import type { World } from './world.js';

export interface Observable {
  readonly world: World;
  readonly variant: VariantConfig;
  /** The books, on the horizon's calendar months (ledger.calendar). */
  readonly ledger: Ledger;
  /** Cash on hand at the end of each month closed by `nowH`, NaN for the months after (policies.ts). */
  readonly cashAtMonthEndsUSD: (nowH: number) => Float64Array;
}

/** The trailing mean of `state` over [nowH − windowH, nowH), in its canonical unit; NaN when nothing of it has been seen. */
export function trailingMean(state: ObservedState, seen: Observable, nowH: number, windowH: number): number {
  const fromH = Math.max(0, nowH - windowH);
  switch (state) {
    case 'hashprice':
      // The network's hashprice (the reference chain's), as an index such as a pool publishes it.
      return dailyMean(seen.world.reference.hashpriceUSDPerPHDay, fromH, nowH);
    case 'btcPrice':
      return dailyMean(seen.world.dailyPriceUSD, fromH, nowH);
    case 'powerPrice': {
      const spot = seen.world.spotUSDPerMWh;
      return spot ? rangeMean(spot, Math.floor(fromH), Math.ceil(nowH)) : seen.variant.site.powerPriceUSDPerMWh;
    }
    case 'gpuPrice': {
      const g = seen.variant.gpuCloud;
      const price = g?.training?.price ?? g?.inference?.price;
      return price ? sampledMean(price, fromH, nowH) : NaN;
    }
    case 'gpuUtilisation':
      return closedMonthsMean(seen.ledger.monthly.gpuUtilisation, seen.ledger.calendar, nowH, windowH);
    case 'cash':
      return closedMonthsMean(seen.cashAtMonthEndsUSD(nowH), seen.ledger.calendar, nowH, windowH);
  }
}

/** Mean of the values of the days begun in [fromH, nowH) (a day's value is known at its start). */
function dailyMean(byDay: Float64Array, fromH: number, nowH: number): number {
  return rangeMean(byDay, Math.ceil(fromH / HOURS_PER_DAY - 1e-9), Math.ceil(nowH / HOURS_PER_DAY - 1e-9));
}

/** Mean of series[first … end − 1], clipped to the series; NaN when empty. */
function rangeMean(series: Float64Array, first: number, end: number): number {
  const a = Math.max(0, first), b = Math.min(series.length, end);
  if (b <= a) return NaN;
  let sum = 0;
  for (let i = a; i < b; i++) sum += series[i];
  return sum / (b - a);
}

/** Mean of a price of time sampled daily over [fromH, nowH) (the price a customer was quoted each day). */
function sampledMean(priceAt: (tH: number) => number, fromH: number, nowH: number): number {
  let sum = 0, n = 0;
  for (let t = fromH; t < nowH; t += HOURS_PER_DAY, n++) sum += priceAt(t);
  return n > 0 ? sum / n : priceAt(fromH);
}

/**
 * Mean of the last closed calendar months a window of `windowH` spans — "3 months" the last three,
 * at least one, whatever their days — over those that have a value (a hall not yet open has none).
 */
function closedMonthsMean(byMonth: Float64Array, calendar: CalendarMonths, nowH: number, windowH: number): number {
  let closed = 0;
  while (closed < calendar.count && calendar.boundsH[closed + 1] <= nowH + 1e-9) closed++;
  const first = Math.max(0, closed - Math.max(1, Math.round(windowH / HOURS_PER_MONTH)));
  let sum = 0, n = 0;
  for (let m = first; m < closed; m++) if (byMonth[m] === byMonth[m]) (sum += byMonth[m]), n++;
  return n > 0 ? sum / n : NaN;
}
