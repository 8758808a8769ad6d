/**
 * The project's cash flows split by segment — mining, lease, GPU cloud, power bought and sold,
 * demand-response credits, opex, capex, residual and terminal value, the BTC treasury — so that a layout's NPV, and
 * its difference from another layout's, reads as a sum of parts: why one layout wins. NPV is linear
 * in the flows, so the segments' NPVs add up to the project's NPV (to rounding), and the campus's
 * test checks that every flow of the project is in exactly one segment.
 *
 * A new segment (a tax, say) is one entry of NPV_SEGMENTS: its metric, its words, and how it fills
 * its flows from the month's books — given the flows of the segments listed before it, which is how
 * the terminal value (and a tax) sees the rest.
 */
import type { CalendarMonths } from '../core/calendar.js';
import type { CapexItem } from './capex.js';
import { npv, terminalValueUSD } from './cash-flows.js';

/** What a layout's books hold for the segments: calendar month by month (index m), and at the horizon, USD. */
export interface SegmentBooks {
  readonly calendar: CalendarMonths;
  /** Mining revenue (all BTC mined, at the price of the hour it was mined). */
  readonly miningRevenueUSD: ArrayLike<number>;
  /** Share of mined BTC sold as it is mined (the rest is kept in treasury). */
  readonly btcSoldShare: number;
  /** The power bill before anything is sold back: the PPA block, and spot bought beyond it. */
  readonly powerBillUSD: ArrayLike<number>;
  readonly powerSoldUSD: ArrayLike<number>;
  readonly demandResponseUSD: ArrayLike<number>;
  readonly opexUSD: ArrayLike<number>;
  /** Lease rent less SLA credits. */
  readonly leaseRentUSD: ArrayLike<number>;
  /** GPU cloud: reserved blocks, training jobs, and inference less its SLA credits. */
  readonly gpuCloudRevenueUSD: ArrayLike<number>;
  readonly capex: readonly CapexItem[];
  /** Treasury BTC decision rules sold (+) or bought (−) in the month. */
  readonly treasuryTradesUSD: ArrayLike<number>;
  /** The treasury's BTC (mined and kept, bought less sold) at the last price; rent contracted beyond the horizon, valued at it; book value left. */
  readonly treasuryUSD: number;
  readonly contractedRentUSD: number;
  readonly residualUSD: number;
  /** Years of the last twelve months' net cash counted as a terminal value. */
  readonly terminalYears: number;
}

/**
 * One segment's flows: `into[k]` is its cash at the end of month k − 1 (index 0: the start), and the
 * value it returns is what it is worth at the horizon. `before` holds the monthly cash of the
 * segments listed before it (the terminal value reads it).
 */
type FillFlows = (b: SegmentBooks, into: Float64Array, before: { flows: Float64Array }) => number;

export interface NpvSegment {
  /** The metric holding the segment's NPV (a column of replications.csv). */
  readonly metric: string;
  /** In a chart or a table, a few plain words. */
  readonly label: string;
  /** What it counts, for definitions. */
  readonly description: string;
  /** Cash in (revenue), cash out (a cost), or a value counted only at the horizon. */
  readonly side: 'in' | 'out' | 'horizon';
  readonly fill: FillFlows;
}

const monthly = (into: Float64Array, n: number, of: (m: number) => number): void => {
  for (let m = 0; m < n; m++) into[m + 1] += of(m);
};

export const NPV_SEGMENTS = [
  {
    metric: 'npvMiningUSD',
    label: 'mining',
    description: 'BTC mined and sold as mined',
    side: 'in',
    fill: (b, into) => (monthly(into, b.calendar.count, (m) => b.btcSoldShare * b.miningRevenueUSD[m]), 0),
  },
  {
    metric: 'npvLeaseUSD',
    label: 'lease rent',
    description: 'lease rent less SLA credits, and the rent still due after the horizon',
    side: 'in',
    fill: (b, into) => (monthly(into, b.calendar.count, (m) => b.leaseRentUSD[m]), b.contractedRentUSD),
  },
  {
    metric: 'npvGpuCloudUSD',
    label: 'GPU cloud',
    description: 'GPU cloud revenue: reserved blocks, training jobs and inference (less its SLA credits)',
    side: 'in',
    fill: (b, into) => (monthly(into, b.calendar.count, (m) => b.gpuCloudRevenueUSD[m]), 0),
  },
  {
    metric: 'npvPowerBoughtUSD',
    label: 'power bought',
    description: 'the power bill: the PPA block and spot power bought beyond it (negative)',
    side: 'out',
    fill: (b, into) => (monthly(into, b.calendar.count, (m) => -b.powerBillUSD[m]), 0),
  },
  {
    metric: 'npvPowerSoldUSD',
    label: 'power sold back',
    description: 'unused PPA power sold back at spot',
    side: 'in',
    fill: (b, into) => (monthly(into, b.calendar.count, (m) => b.powerSoldUSD[m]), 0),
  },
  {
    metric: 'npvDemandResponseUSD',
    label: 'demand response',
    description: 'demand-response credits: 4CP transmission charges avoided and price-program payments',
    side: 'in',
    fill: (b, into) => (monthly(into, b.calendar.count, (m) => b.demandResponseUSD[m]), 0),
  },
  {
    metric: 'npvOpexUSD',
    label: 'opex',
    description: 'operating costs besides power (negative)',
    side: 'out',
    fill: (b, into) => (monthly(into, b.calendar.count, (m) => -b.opexUSD[m]), 0),
  },
  {
    metric: 'npvCapexUSD',
    label: 'capex',
    description: 'capital spent, when it is paid (negative)',
    side: 'out',
    fill: (b, into) => {
      // A payment lands at the end of the month it is made in, as the project's flows have it.
      for (const item of b.capex) into[b.calendar.paymentBoundary(item.atH)] -= item.usd;
      return 0;
    },
  },
  {
    metric: 'npvResidualUSD',
    label: 'residual value',
    description: 'book value at the horizon of what capex bought (straight-line lives)',
    side: 'horizon',
    fill: (b) => b.residualUSD,
  },
  {
    metric: 'npvTerminalUSD',
    label: 'terminal value',
    description: 'terminal years × the last twelve months’ operating net cash (the one-off values at the horizon counted once, not in it)',
    side: 'horizon',
    fill: (b, _into, before) => terminalValueUSD(before.flows, b.calendar.share, b.terminalYears),
  },
  {
    // After the terminal value, which counts operating cash only: a sale of treasury BTC is not.
    metric: 'npvTreasuryUSD',
    label: 'BTC treasury',
    description: 'mined BTC kept and BTC bought, less what was sold, at the last price, and the cash of what decision rules sold (+) or bought (−)',
    side: 'horizon',
    fill: (b, into) => (monthly(into, b.calendar.count, (m) => b.treasuryTradesUSD[m]), b.treasuryUSD),
  },
] as const satisfies readonly NpvSegment[];

export type SegmentMetric = (typeof NPV_SEGMENTS)[number]['metric'];

/** Years in a horizon of `months` (the last may be partial): the periods of the annual cash flows, before the horizon's values. */
export const yearsIn = (months: number): number => Math.ceil(months / 12);

export interface SegmentValues {
  /** Each segment's NPV, in NPV_SEGMENTS order. */
  readonly npvUSD: Record<SegmentMetric, number>;
  /**
   * Undiscounted cash by segment and period, segment-major: annual[s · (years + 1) + p]. Period p <
   * years is year p + 1 of the horizon (capex at the start falls in the first); period `years` is
   * what is valued at the horizon (treasury, rent due after it, residual and terminal value).
   */
  readonly annualUSD: Float64Array;
}

/** Each segment's NPV at `discountRatePerYear` (as cash-flows.ts discounts: month k by (1 + r)^(−k/12), a partial month its share) and its cash by year. */
export function segmentValues(b: SegmentBooks, discountRatePerYear: number): SegmentValues {
  const months = b.calendar.count;
  const years = yearsIn(months);
  const periods = years + 1;
  const shares = b.calendar.share;
  const horizonFactor = Math.pow(1 + discountRatePerYear, -b.calendar.flowYears[months]);
  const before = { flows: new Float64Array(months + 1) };
  const into = new Float64Array(months + 1);
  const npvUSD = {} as Record<SegmentMetric, number>;
  const annualUSD = new Float64Array(NPV_SEGMENTS.length * periods);
  NPV_SEGMENTS.forEach((segment, s) => {
    into.fill(0);
    const atHorizonUSD = (segment.fill as FillFlows)(b, into, before);
    for (let k = 0; k <= months; k++) {
      annualUSD[s * periods + (k === 0 ? 0 : Math.floor((k - 1) / 12))] += into[k];
      before.flows[k] += into[k];
    }
    annualUSD[s * periods + years] = atHorizonUSD;
    npvUSD[segment.metric] = npv(into, discountRatePerYear, shares) + atHorizonUSD * horizonFactor;
  });
  return { npvUSD, annualUSD };
}
