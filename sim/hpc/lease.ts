/**
 * A colocation lease: the tenant rents power (kW of critical IT) and brings its own GPUs. Rent is
 * $/kW-month with a yearly escalator; an availability SLA pays the tenant credits for months the
 * hall's power falls short of the target — the common colocation schedule of a share of that month's
 * rent per step below target, capped. Public deals run ≈ $121–195/kW-month (Core Scientific–CoreWeave and TeraWulf–Fluidstack 8-Ks; CBRE).
 *
 * A month's availability is the share of the contracted IT energy delivered while the lease runs:
 * 1 − undelivered IT-MWh ÷ contracted IT-MWh. A dark hour (an outage backup does not carry) loses
 * all of it; an hour whose cooling holds only part of the leased IT loses the part it cannot hold.
 */
import { type CalendarMonths, calendarMonths } from '../core/calendar.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from '../market/check.js';

export interface LeaseSpec {
  leasedKW: number;
  priceUSDPerKWMonth: number;
  /** Rent grows by this share every full year of the lease. */
  escalatorPerYear: number;
  /** Availability promised per month, e.g. 0.9999. */
  slaAvailability: number;
  /** Credit per step of shortfall below the target, as a share of the month's rent. */
  creditPerStep: number;
  /** Size of a step of availability, e.g. 0.001 (0.1 %). */
  stepAvailability: number;
  /** Most a month's credit can be, as a share of its rent. */
  maxCredit: number;
  /** Hours from the start until rent begins (the hall is built); default 0. */
  startH?: number;
  /** Hours from the start when the lease ends and rent stops (leaseEndH); default never. */
  endH?: number;
}

export interface LeaseIncome {
  rentUSD: number;
  creditsUSD: number;
  /** Contracted IT energy not delivered (dark hours, and the share of hot hours the cooling could not hold), kWh. */
  undeliveredKWh: number;
  /** Per month: rent billed, credit paid, availability delivered. */
  monthly: { rentUSD: Float64Array; creditUSD: Float64Array; availability: Float64Array };
}

export function checkLease(s: LeaseSpec): void {
  requireModelParameter(finite(s.leasedKW) && s.leasedKW >= 0, 'lease', 'leased', s.leasedKW, 'a power ≥ 0');
  requireModelParameter(finite(s.priceUSDPerKWMonth) && s.priceUSDPerKWMonth >= 0, 'lease', 'price', s.priceUSDPerKWMonth, 'a price ≥ 0 USD/kW-month');
  requireModelParameter(finite(s.escalatorPerYear) && s.escalatorPerYear > -1 && s.escalatorPerYear <= 1, 'lease', 'escalator', s.escalatorPerYear, 'a share in (−1, 1] per year');
  requireModelParameter(finite(s.slaAvailability) && s.slaAvailability > 0 && s.slaAvailability <= 1, 'lease', 'sla.availability', s.slaAvailability, 'a share in (0, 1]');
  requireModelParameter(finite(s.creditPerStep) && s.creditPerStep >= 0 && s.creditPerStep <= 1, 'lease', 'sla.creditPerStep', s.creditPerStep, 'a share in [0, 1]');
  requireModelParameter(finite(s.stepAvailability) && s.stepAvailability > 0, 'lease', 'sla.step', s.stepAvailability, 'a share > 0');
  requireModelParameter(finite(s.maxCredit) && s.maxCredit >= 0 && s.maxCredit <= 1, 'lease', 'sla.maxCredit', s.maxCredit, 'a share in [0, 1]');
}

/**
 * Rent and SLA credits over `horizonH`, given the hours the leased hall had no power (half-open
 * intervals [start, end), not overlapping) and, when its cooling can fall short, the share of the
 * leased IT it could not hold in each hour of the horizon (`heatShortShare[h]` for [h, h + 1); hours
 * past its end lose nothing). Months are the horizon's calendar months: a whole month pays a month's
 * rent, a partial one (the horizon's or the lease's first and last) its share by days, and the SLA
 * is measured over the hours of each.
 */
export function leaseIncome(
  s: LeaseSpec,
  calendar: CalendarMonths,
  outagesH: ReadonlyArray<readonly [number, number]>,
  heatShortShare?: Float64Array,
): LeaseIncome {
  checkLease(s);
  const bad = heatShortShare ? heatShortShare.findIndex((x) => !(x >= 0 && x <= 1)) : -1;
  requireModelParameter(bad < 0, 'lease', `heatShortShare[${bad}]`, heatShortShare?.[bad], 'a share of the leased IT in [0, 1]');
  const months = calendar.count;
  const rent = new Float64Array(months), credit = new Float64Array(months), availability = new Float64Array(months);
  const startH = s.startH ?? 0, endH = s.endH ?? Infinity;
  let lostHours = 0;
  for (let m = 0; m < months; m++) {
    const from = Math.max(startH, calendar.boundsH[m]), to = Math.min(endH, calendar.boundsH[m + 1]);
    if (to <= from) {
      availability[m] = 1;
      continue; // not yet built, or ended: no rent, nothing to credit
    }
    // The escalator counts full years of the lease, from when rent starts, in months as the rent does.
    const years = Math.floor(calendar.yearsAt(from) - calendar.yearsAt(startH) + 1e-9);
    // A partial month pays its share of the calendar month, by days (by hours for a lease starting mid-day).
    rent[m] = s.leasedKW * s.priceUSDPerKWMonth * (1 + s.escalatorPerYear) ** years * ((to - from) / calendar.fullH[m]);
    // Hours of the whole contract lost: each dark hour whole, each hot hour its share not held.
    let lost = 0;
    for (const [a, b] of outagesH) lost += Math.max(0, Math.min(b, to) - Math.max(a, from));
    if (heatShortShare) {
      lost += stepIntegral(heatShortShare, from, to);
      // A dark hour is lost once: what the heat would have taken of it is already counted.
      for (const [a, b] of outagesH) if (Math.min(b, to) > Math.max(a, from)) lost -= stepIntegral(heatShortShare, Math.max(a, from), Math.min(b, to));
    }
    lostHours += lost;
    availability[m] = 1 - lost / (to - from);
    const shortfall = s.slaAvailability - availability[m];
    // Steps begun count: 0.1001 % short with 0.1 % steps is two steps.
    const steps = shortfall > 1e-12 ? Math.ceil(shortfall / s.stepAvailability - 1e-9) : 0;
    credit[m] = rent[m] * Math.min(s.maxCredit, steps * s.creditPerStep);
  }
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  return { rentUSD: sum(rent), creditsUSD: sum(credit), undeliveredKWh: lostHours * s.leasedKW, monthly: { rentUSD: rent, creditUSD: credit, availability } };
}

/** ∫ from `fromH` to `toH` of the step function that is `values[h]` on [h, h + 1) and 0 past the array. */
function stepIntegral(values: Float64Array, fromH: number, toH: number): number {
  let sum = 0;
  const end = Math.min(values.length, Math.ceil(toH));
  for (let h = Math.max(0, Math.floor(fromH)); h < end; h++) {
    const v = values[h];
    if (v !== 0) sum += v * (Math.min(h + 1, toH) - Math.max(h, fromH));
  }
  return sum;
}

/**
 * When a lease whose rent starts at `onlineH` ends after `termYears`, hours from the start of a
 * horizon that starts at `startUnixSeconds`: its term in calendar months (12 a year), a partial first
 * month made up at the end, as the rent counts them — a 2-year lease from 15 March 2026 ends on 15
 * March 2028. The calendar is carried on past the horizon, as far as the term needs.
 */
export function leaseEndH(startUnixSeconds: number, onlineH: number, termYears: number): number {
  const beyond = calendarMonths(startUnixSeconds, onlineH + (termYears + 1) * HOURS_PER_YEAR);
  return beyond.hourAtYears(beyond.yearsAt(onlineH) + termYears);
}
