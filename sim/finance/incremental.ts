/**
 * The decision, not the campus: a layout judged by what it adds to the baseline on the same world —
 * the monthly cash flows of (layout − baseline) and their NPV, IRR, payback and profitability — and
 * whether the layout's own funding need fits the capital available.
 */
import { flowYears, irr, npv, paybackYears } from './cash-flows.js';

/** A layout's cash as one replication saw it: index k is the end of month k, index 0 the start. */
export interface CashFlows {
  /** Capex and each month's operating cash, before any value at the horizon. */
  readonly cashUSD: Float64Array;
  /** The same with the values at the horizon added to its last month (treasury, residual, rent contracted beyond, terminal value). */
  readonly flowsUSD: Float64Array;
  /** Capital spent, undiscounted. */
  readonly capexUSD: number;
  /** The flows after income tax, when there is a tax. */
  readonly afterTaxFlowsUSD?: Float64Array;
  /** Each month's share of a calendar month (cash-flows.ts), for discounting; omitted: every month whole. */
  readonly monthShares?: ArrayLike<number>;
}

export interface IncrementalMetrics {
  incrementalNpvUSD: number;
  incrementalIrr: number;
  incrementalPaybackYears: number;
  incrementalCapexUSD: number;
  profitabilityIndex: number;
  incrementalAfterTaxNpvUSD: number;
}

/** What a layout without a baseline to compare with (the baseline itself) reports. */
export const NO_INCREMENT: IncrementalMetrics = {
  incrementalNpvUSD: NaN,
  incrementalIrr: NaN,
  incrementalPaybackYears: NaN,
  incrementalCapexUSD: NaN,
  profitabilityIndex: NaN,
  incrementalAfterTaxNpvUSD: NaN,
};

/**
 * (layout − baseline) at the layout's discount rate. Both must cover the same months. The
 * profitability index is the incremental NPV per dollar of incremental capex (undiscounted), defined
 * only when the layout spends more than the baseline.
 */
export function incremental(layout: CashFlows, baseline: CashFlows, discountRatePerYear: number): IncrementalMetrics {
  if (layout.flowsUSD.length !== baseline.flowsUSD.length) throw new RangeError(`incremental cash flows over ${layout.flowsUSD.length} and ${baseline.flowsUSD.length} months`);
  const flows = difference(layout.flowsUSD, baseline.flowsUSD);
  const shares = layout.monthShares;
  const incrementalNpvUSD = npv(flows, discountRatePerYear, shares);
  const incrementalCapexUSD = layout.capexUSD - baseline.capexUSD;
  return {
    incrementalNpvUSD,
    incrementalIrr: irr(flows, shares),
    // Payback counts cash, not what the horizon is worth (as for a whole campus's payback).
    incrementalPaybackYears: paybackYears(difference(layout.cashUSD, baseline.cashUSD), shares),
    incrementalCapexUSD,
    profitabilityIndex: incrementalCapexUSD > 0 ? incrementalNpvUSD / incrementalCapexUSD : NaN,
    incrementalAfterTaxNpvUSD: layout.afterTaxFlowsUSD && baseline.afterTaxFlowsUSD ? npv(difference(layout.afterTaxFlowsUSD, baseline.afterTaxFlowsUSD), discountRatePerYear, shares) : NaN,
  };
}

/**
 * When the layout's cumulative cash first needs more than `capitalUSD`, in years from the start
 * (the month boundary it happens at, on the discounting clock); NaN when it never does or the capital is unlimited.
 */
export function capitalRunsOutYears(cashUSD: ArrayLike<number>, capitalUSD: number, monthShares?: ArrayLike<number>): number {
  if (!Number.isFinite(capitalUSD)) return NaN;
  let cumulative = 0;
  for (let k = 0; k < cashUSD.length; k++) {
    cumulative += cashUSD[k];
    if (cumulative < -capitalUSD) return flowYears(k, monthShares);
  }
  return NaN;
}

function difference(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k] - b[k];
  return out;
}
