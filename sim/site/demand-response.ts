/**
 * Demand response: hours the campus curtails for the grid, and what it earns or avoids by it.
 *
 * 4CP (ERCOT): the single highest 15-minute interval of system load in each of June–September sets
 * every large customer's transmission charge for the next year, in proportion to its load in those
 * four intervals (Foundry; Riot 8-K, DOMAIN §6). Nobody knows the peak in advance, so operators
 * curtail on forecasts. We model that as follows, per replication:
 *   1. system load proxy L(h) = shape(hour of day) · (1 + c · max(0, T(h) − T_balance)): a base
 *      load with its daily swing, plus air conditioning that grows with the heat (the dry bulb of
 *      the replication's weather — the same heatwave drives the campus's cooling);
 *   2. the actual peak of each summer month is the hour of its highest L;
 *   3. the operator's forecast is L × e^ε with one ε ~ N(0, s²) a day (a day-ahead forecast misses a
 *      whole day's heat, not single hours), and it curtails the k hours of the month with the
 *      highest forecast — the "top-k of each summer month" rule.
 * k trades curtailed hours against the chance of catching the peak; s = 0 always catches it.
 * Ranking a whole month's forecasts looks ahead within the month: it stands for an operator who
 * knows how hot a summer runs, and errs on the optimistic side. Weekends are not treated apart.
 * Hourly resolution: the 15-minute interval lies inside the peak hour.
 *
 * Price-triggered curtailment: curtail whenever spot ≥ a threshold, paid a credit per MWh curtailed
 * (a demand-response program) on top of the spot cost avoided, which the campus already counts.
 */
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from '../market/check.js';
import { monthSpans } from './calendar.js';

/** Bit in the per-hour flags: the 4CP program curtails this hour. */
export const DR_FOUR_CP = 1;
/** Bit in the per-hour flags: the price program curtails this hour. */
export const DR_PRICE = 2;

export interface FourCpSpec {
  /** Transmission charge per kW of 4CP demand (the average over the four summer peaks), USD/kW-year. */
  transmissionUSDPerKWYear: number;
  /** k: hours curtailed in each of June–September. */
  alertHoursPerMonth: number;
  /** s: standard deviation of ln(forecast / actual) of a day's system load. */
  forecastErrorSd: number;
  /** Temperature above which air conditioning adds load, °C. */
  balanceTempC: number;
  /** c: added load per °C above the balance temperature, as a share of the base load. */
  coolingLoadPerC: number;
  /** Hour of the day the base load peaks (local time: hour 0 of the horizon is midnight). */
  peakHourOfDay: number;
  /** Half the daily swing of the base load, as a share of its mean. */
  dailySwing: number;
}

/**
 * Enel X reports about $76,000 a year saved per MW taken off all four 4CP intervals after Texas
 * transmission charges rose 68 % over 2019–2023 ($76/kW-year). The proxy's shape (a 5 pm system
 * peak, 18 °C balance point, 3 % of load per °C) is an assumption of ours; only the ranking of hours
 * matters, not the level. Four alert hours a month and a 3 % day-ahead error are cautious defaults.
 */
export const DEFAULT_FOUR_CP: FourCpSpec = {
  transmissionUSDPerKWYear: 76,
  alertHoursPerMonth: 4,
  forecastErrorSd: 0.03,
  balanceTempC: 18,
  coolingLoadPerC: 0.03,
  peakHourOfDay: 17,
  dailySwing: 0.2,
};

export interface PriceResponseSpec {
  /** Curtail while spot ≥ this, USD/MWh. */
  thresholdUSDPerMWh: number;
  /** Paid per MWh curtailed by the price program, USD/MWh (0: only the avoided spot cost). */
  creditUSDPerMWh: number;
}

export interface FourCpPlan {
  /** Per hour: DR_FOUR_CP where the program curtails, else 0. */
  readonly flags: Uint8Array;
  /** Hour of each summer month's actual peak within the horizon, in order: where the credit is earned. */
  readonly peakH: Int32Array;
}

export function checkFourCp(s: FourCpSpec): void {
  const m = 'demandResponse';
  requireModelParameter(finite(s.transmissionUSDPerKWYear) && s.transmissionUSDPerKWYear >= 0, m, 'fourCp.transmissionUSDPerKWYear', s.transmissionUSDPerKWYear, 'a charge ≥ 0 USD/kW-year');
  requireModelParameter(Number.isInteger(s.alertHoursPerMonth) && s.alertHoursPerMonth >= 0 && s.alertHoursPerMonth <= 720, m, 'fourCp.alertHoursPerMonth', s.alertHoursPerMonth, 'a whole number of hours in [0, 720]');
  requireModelParameter(finite(s.forecastErrorSd) && s.forecastErrorSd >= 0 && s.forecastErrorSd <= 2, m, 'fourCp.forecastErrorSd', s.forecastErrorSd, 'a log error in [0, 2]');
  requireModelParameter(finite(s.balanceTempC) && s.balanceTempC >= -20 && s.balanceTempC <= 40, m, 'fourCp.balanceTempC', s.balanceTempC, 'a temperature in [−20, 40] °C');
  requireModelParameter(finite(s.coolingLoadPerC) && s.coolingLoadPerC >= 0 && s.coolingLoadPerC <= 1, m, 'fourCp.coolingLoadPerC', s.coolingLoadPerC, 'a share in [0, 1] per °C');
  requireModelParameter(finite(s.peakHourOfDay) && s.peakHourOfDay >= 0 && s.peakHourOfDay < 24, m, 'fourCp.peakHourOfDay', s.peakHourOfDay, 'an hour of the day in [0, 24)');
  requireModelParameter(finite(s.dailySwing) && s.dailySwing >= 0 && s.dailySwing < 1, m, 'fourCp.dailySwing', s.dailySwing, 'a share in [0, 1)');
}

export function checkPriceResponse(s: PriceResponseSpec): void {
  requireModelParameter(finite(s.thresholdUSDPerMWh), 'demandResponse', 'price.thresholdUSDPerMWh', s.thresholdUSDPerMWh, 'a price in USD/MWh');
  requireModelParameter(finite(s.creditUSDPerMWh) && s.creditUSDPerMWh >= 0, 'demandResponse', 'price.creditUSDPerMWh', s.creditUSDPerMWh, 'a credit ≥ 0 USD/MWh');
}

/** The system-load proxy L(h) of step 1, for every hour of a dry-bulb series. */
export function systemLoadProxy(s: FourCpSpec, dryBulbC: Float64Array): Float64Array {
  checkFourCp(s);
  const shape = new Float64Array(24);
  for (let k = 0; k < 24; k++) shape[k] = 1 + s.dailySwing * Math.cos((2 * Math.PI * (k - s.peakHourOfDay)) / 24);
  const out = new Float64Array(dryBulbC.length);
  for (let h = 0; h < out.length; h++) {
    const heat = dryBulbC[h] - s.balanceTempC;
    out[h] = shape[h % 24] * (1 + s.coolingLoadPerC * (heat > 0 ? heat : 0));
  }
  return out;
}

/**
 * The 4CP curtailment hours and actual peaks over a horizon starting at `startUnixSeconds`, one
 * hour per element of `dryBulbC`. Draws one forecast error a day from `rng`, whatever k is, so
 * plans with different k on the same stream are nested.
 */
export function fourCpPlan(s: FourCpSpec, dryBulbC: Float64Array, startUnixSeconds: number, rng: RandomStream): FourCpPlan {
  const load = systemLoadProxy(s, dryBulbC);
  const hours = load.length;
  const forecast = new Float64Array(hours);
  for (let day = 0; day * 24 < hours; day++) {
    const factor = Math.exp(s.forecastErrorSd * rng.standardNormal());
    for (let h = day * 24; h < Math.min(hours, day * 24 + 24); h++) forecast[h] = load[h] * factor;
  }
  const flags = new Uint8Array(hours);
  const peaks: number[] = [];
  const k = s.alertHoursPerMonth;
  const best = new Int32Array(k);
  for (const span of monthSpans(startUnixSeconds, hours)) {
    if (span.month < 5 || span.month > 8) continue; // June … September
    const from = Math.ceil(span.startH), to = Math.ceil(span.endH);
    if (to <= from) continue;
    let peak = from;
    for (let h = from + 1; h < to; h++) if (load[h] > load[peak]) peak = h;
    peaks.push(peak);
    // The k highest forecasts, kept sorted (highest first; ties to the earlier hour). A new hour
    // enters only when it beats the k-th, which after the first days of a month is rare.
    let kept = 0;
    for (let h = from; h < to; h++) {
      const f = forecast[h];
      if (kept === k && !(f > forecast[best[k - 1]])) continue;
      let i = kept < k ? kept++ : k - 1;
      while (i > 0 && f > forecast[best[i - 1]]) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = h;
    }
    for (let i = 0; i < kept; i++) flags[best[i]] = DR_FOUR_CP;
  }
  return { flags, peakH: Int32Array.from(peaks) };
}

/** Per hour: DR_PRICE where spot ≥ the threshold, else 0. */
export function priceResponseFlags(s: PriceResponseSpec, spotUSDPerMWh: Float64Array): Uint8Array {
  checkPriceResponse(s);
  const flags = new Uint8Array(spotUSDPerMWh.length);
  for (let h = 0; h < flags.length; h++) if (spotUSDPerMWh[h] >= s.thresholdUSDPerMWh) flags[h] = DR_PRICE;
  return flags;
}

/** Both programs' flags in one array (bits DR_FOUR_CP and DR_PRICE), for a campus that runs either or both. */
export function combineFlags(a: Uint8Array, b: Uint8Array): Uint8Array {
  requireModelParameter(a.length === b.length, 'demandResponse', 'flags', `${a.length} and ${b.length} hours`, 'two series of the same length');
  const out = new Uint8Array(a.length);
  for (let h = 0; h < out.length; h++) out[h] = a[h] | b[h];
  return out;
}

/**
 * Next year's transmission charge avoided by taking `avoidedMW` off one monthly 4CP peak: the
 * charge is on the average of the four peaks, so each carries a quarter of the annual rate.
 */
export function fourCpCreditUSD(s: FourCpSpec, avoidedMW: number): number {
  return (s.transmissionUSDPerKWYear * 1000 * avoidedMW) / 4;
}

/** Credit paid by the price program for `curtailedMWh` curtailed while it called. */
export function priceResponseCreditUSD(s: PriceResponseSpec, curtailedMWh: number): number {
  return s.creditUSDPerMWh * curtailedMWh;
}
