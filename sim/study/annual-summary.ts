/**
 * Annual cash flows per layout, as a planner's pro-forma reads them: for each year of the horizon
 * (and for what is valued at its end), the mean cash of each NPV segment — means add up, so the
 * segments sum to the mean net cash flow — and the net cash flow's p10, p50 and p90 over replications.
 * Undiscounted; capex falls in the year it is paid.
 */
import type { CalendarMonths } from '../core/calendar.js';
import { quantileSorted } from '../core/stats/quantiles.js';
import { NPV_SEGMENTS, type SegmentMetric, yearsIn } from '../finance/segments.js';
import type { Row } from './replicate.js';

export interface AnnualPeriod {
  label: string;
  /** First and last day (UTC) of a year of the horizon; absent for the values at the horizon. */
  from?: string;
  to?: string;
}

export interface AnnualNet {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface AnnualCashFlows {
  method: string;
  periods: AnnualPeriod[];
  variants: Array<{ name: string; net: AnnualNet[]; bySegment: Record<SegmentMetric, number[]> }>;
}

const day = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().slice(0, 10);

/** The years of a horizon — twelve calendar months each from its first month, the last maybe shorter — then the horizon. */
export function annualPeriods(calendar: CalendarMonths): AnnualPeriod[] {
  const months = calendar.count;
  const at = (k: number) => calendar.startUnixSeconds + calendar.boundsH[k] * 3600;
  const years = yearsIn(months);
  const periods: AnnualPeriod[] = Array.from({ length: years }, (_, y) => ({
    label: `Year ${y + 1}`,
    from: day(at(12 * y)),
    // The last day with any of the year in it.
    to: day(at(Math.min(12 * (y + 1), months)) - 1),
  }));
  periods.push({ label: 'At the horizon' });
  return periods;
}

/** Rows must hold each variant's replications in the same order (as a study produces them). */
export function annualCashFlows(rows: readonly Row[], variants: readonly string[], calendar: CalendarMonths): AnnualCashFlows {
  const periods = annualPeriods(calendar);
  const P = periods.length;
  return {
    method: 'undiscounted cash by year of the horizon (capex in the year it is paid), then the values at the horizon: mean of each segment (they add up to the mean net), and p10/p50/p90 of the net (Hyndman & Fan type 7)',
    periods,
    variants: variants.map((name) => {
      const own = rows.filter((r) => r.variant === name);
      const n = own.length;
      const bySegment = Object.fromEntries(NPV_SEGMENTS.map((s) => [s.metric, new Array<number>(P).fill(0)])) as Record<SegmentMetric, number[]>;
      const net = Array.from({ length: P }, () => new Float64Array(n));
      own.forEach((r, i) => {
        NPV_SEGMENTS.forEach((s, k) => {
          for (let p = 0; p < P; p++) {
            const x = r.annual[k * P + p];
            bySegment[s.metric][p] += (x - bySegment[s.metric][p]) / (i + 1);
            net[p][i] += x;
          }
        });
      });
      return {
        name,
        net: net.map((xs) => {
          let mean = 0;
          xs.forEach((x, i) => (mean += (x - mean) / (i + 1)));
          const sorted = Float64Array.from(xs).sort();
          return { mean, p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9) };
        }),
        bySegment,
      };
    }),
  };
}
