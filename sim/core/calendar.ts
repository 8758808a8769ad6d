/**
 * Calendar months on the simulation clock. The clock counts hours from the horizon's start, midnight
 * UTC of its first day; books, bands and cash flows are kept by calendar month (January 31 days,
 * February 28 or 29, …), each labelled by its first day, YYYY-MM-01 — also when the horizon starts
 * or ends inside it, which makes that month a partial one.
 *
 * Two clocks follow from the months:
 * - money quoted per month is owed in full for every whole calendar month, whatever its
 *   length, and for a partial month in proportion to its days (`share`);
 * - discounting counts periods, not hours: each calendar month is a twelfth of a year and a partial
 *   month its share of one (`flowYears`), the convention of a monthly spreadsheet model — so a year of
 *   twelve months discounts by exactly (1 + r)^−1 whether it holds a 29-day February or not.
 */
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from './time.js';

const MS_PER_HOUR = 3_600_000;
/** Times within this of a month boundary are on it (clock sums of floats). */
const EPS_H = 1e-9;

/** The calendar months that overlap a horizon [0, hours) starting at `startUnixSeconds`. */
export interface CalendarMonths {
  /** Unix time (seconds) of hour 0. */
  readonly startUnixSeconds: number;
  /** Months in the horizon, the partial ones included. */
  readonly count: number;
  /** Boundaries, hours from the start: month m is [boundsH[m], boundsH[m + 1]); boundsH[0] = 0, boundsH[count] = the horizon's end. */
  readonly boundsH: Float64Array;
  /** Hours of the whole calendar month m (672–744), partial or not. */
  readonly fullH: Float64Array;
  /** Share of calendar month m inside the horizon: 1 for a whole month, its days in ÷ its days for a partial one. */
  readonly share: Float64Array;
  /** Years from the start to boundary k for discounting: Σ share of the months before it ÷ 12 (index 0 … count). */
  readonly flowYears: Float64Array;
  /** UTC year and month (0 = January) of month m. */
  year(m: number): number;
  month(m: number): number;
  /** Month m's label, the first day of its calendar month: YYYY-MM-01. */
  label(m: number): string;
  /** The month holding hour `h` (clamped to the horizon's months). */
  monthAt(h: number): number;
  /** The boundary on or after hour `h`, as a flow index 0 … count: where a date due at `h` falls (a loan's maturity). */
  boundaryOnOrAfter(h: number): number;
  /**
   * Where a payment made at hour `h` lands, as a flow index 0 … count: the start for one made at the
   * very start, else the end of the calendar month it is made in — one made at a month's first hour
   * (a decision at a month start) counts in that month, as the month's own cash does.
   */
  paymentBoundary(h: number): number;
  /** Years from the start to hour `h` on the discounting clock (a twelfth a month, prorated within its month). */
  yearsAt(h: number): number;
  /** The hour at which that clock reads `years` (yearsAt's inverse; past the last month, the horizon's end). */
  hourAtYears(years: number): number;
}

/** The calendar months of a horizon of `hours` from `startUnixSeconds` (midnight UTC or any instant). */
export function calendarMonths(startUnixSeconds: number, hours: number): CalendarMonths {
  if (!(hours > 0) || !Number.isFinite(hours)) throw new RangeError(`a horizon of ${hours} h has no months`);
  const startMs = startUnixSeconds * 1000;
  const first = new Date(startMs);
  const y0 = first.getUTCFullYear(), m0 = first.getUTCMonth();
  const at = (m: number) => (Date.UTC(y0, m0 + m, 1) - startMs) / MS_PER_HOUR;
  let count = 1;
  while (at(count) < hours - EPS_H) count++;
  const boundsH = new Float64Array(count + 1), fullH = new Float64Array(count), share = new Float64Array(count), flowYears = new Float64Array(count + 1);
  let monthsSoFar = 0;
  for (let m = 0; m < count; m++) {
    const from = at(m), to = at(m + 1);
    boundsH[m] = Math.max(0, from);
    boundsH[m + 1] = Math.min(hours, to);
    fullH[m] = to - from;
    share[m] = (boundsH[m + 1] - boundsH[m]) / fullH[m];
    // Summed in months, then divided: whole months give exact twelfths (24 months are 2 years, not 1.9999…).
    flowYears[m + 1] = (monthsSoFar += share[m]) / 12;
  }
  const year = (m: number) => y0 + Math.floor((m0 + m) / 12);
  const month = (m: number) => (m0 + m) % 12;
  const monthAt = (h: number) => {
    // Binary search: the last m with boundsH[m] ≤ h.
    let lo = 0, hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (boundsH[mid] <= h + EPS_H) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    startUnixSeconds,
    count,
    boundsH,
    fullH,
    share,
    flowYears,
    year,
    month,
    label: (m) => monthLabel(startUnixSeconds, m),
    monthAt,
    yearsAt: (h) => {
      const m = monthAt(h);
      return flowYears[m] + (h - boundsH[m]) / fullH[m] / 12;
    },
    hourAtYears: (years) => {
      let m = 0;
      while (m < count - 1 && flowYears[m + 1] <= years) m++;
      return Math.min(hours, boundsH[m] + (years - flowYears[m]) * 12 * fullH[m]);
    },
    paymentBoundary: (h) => (h <= EPS_H ? 0 : h >= hours - EPS_H ? count : monthAt(h) + 1),
    boundaryOnOrAfter: (h) => {
      if (h <= EPS_H) return 0;
      if (h >= hours - EPS_H) return count;
      const m = monthAt(h);
      return boundsH[m] >= h - EPS_H ? m : m + 1;
    },
  };
}

/** The label of the m-th calendar month from the one holding `startUnixSeconds`: its first day, YYYY-MM-01 (UTC). */
export function monthLabel(startUnixSeconds: number, m: number): string {
  const start = new Date(startUnixSeconds * 1000);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1)).toISOString().slice(0, 10);
}

/**
 * Hours in a horizon of `years` from `startUnixSeconds`. A whole number of months (12 × years) is
 * read on the calendar, to the same day of the month — its last day when the month has no such day
 * (31 January + 1 month ends on 28 or 29 February): five years from 2026-01-01 end at 2031-01-01
 * (43,824 h, not 5 × 8,766), half a year from 1 May at 1 November. Any other length is a duration
 * of years of 365.25 days, as a unit conversion reads it.
 */
export function horizonHours(startUnixSeconds: number, years: number): number {
  const totalMonths = 12 * years;
  const whole = Math.round(totalMonths);
  if (Math.abs(totalMonths - whole) > 1e-9 || whole === 0) return years * HOURS_PER_YEAR;
  const startMs = startUnixSeconds * 1000;
  const start = new Date(startMs);
  const y = start.getUTCFullYear(), m = start.getUTCMonth() + whole;
  const dayStartMs = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const endMs = Date.UTC(y, m, Math.min(start.getUTCDate(), daysInMonth(y, m))) + (startMs - dayStartMs);
  return (endMs - startMs) / MS_PER_HOUR;
}

/** Days in month `month` (0 = January; any integer, rolled into the years around) of `year`, UTC. */
export function daysInMonth(year: number, month: number): number {
  return (Date.UTC(year, month + 1, 1) - Date.UTC(year, month, 1)) / 86_400_000;
}

/**
 * Scale that makes a rate given per hour — converted from a per-month or per-year quantity at the
 * mean month of HOURS_PER_MONTH — owe a whole month's amount in a calendar month of `fullH` hours.
 */
export const perMonthScale = (fullH: number): number => HOURS_PER_MONTH / fullH;
