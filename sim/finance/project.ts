/**
 * A layout's project finance from its monthly books: the cash flows — capex when it is paid, then
 * each month's revenue less its power cost (net of demand-response credits) and opex, plus rent —
 * what is left at the horizon, and the measures of them. flows[0] is the start, flows[m + 1] the end
 * of calendar month m; a payment lands at the end of the month it is made in (the start for one
 * made at the start: a decision at a month's first hour pays in that month). Mined BTC
 * kept in treasury is not cash until the horizon, or until a decision rule sells it.
 */
import type { CalendarMonths } from '../core/calendar.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { type CapexItem, residualValueUSD } from './capex.js';
import { debtFlows, irr, minimumCash, npv, paybackYears, terminalValueUSD } from './cash-flows.js';
import type { FinanceConfig } from './config.js';
import { capitalRunsOutYears } from './incremental.js';
import { incomeTax } from './tax.js';

/** What each month took in and paid out, USD. */
export interface MonthlyBooks {
  readonly miningRevenueUSD: ArrayLike<number>;
  /** The power bill less demand-response credits. */
  readonly netPowerCostUSD: ArrayLike<number>;
  readonly opexUSD: ArrayLike<number>;
  /** Lease rent less SLA credits. */
  readonly leaseRentUSD: ArrayLike<number>;
  /** GPU cloud revenue from reserved blocks and training jobs, and inference revenue less its SLA credits. */
  readonly gpuCloudRevenueUSD: ArrayLike<number>;
  readonly inferenceRevenueUSD: ArrayLike<number>;
  /** Treasury BTC sold (+) or bought (−) by decision rules in the month (booked at its end, as its cash), USD. */
  readonly treasuryTradesUSD: ArrayLike<number>;
}

/** What is still to count at the horizon besides the books. */
export interface AtHorizon {
  /** Income contracted beyond the horizon, valued at it (a lease's remaining rent); undefined for none. */
  readonly contractedUSD: number | undefined;
  /** BTC mined over the horizon, BTC bought less sold for the treasury by decision rules, and the last BTC price. */
  readonly minedBTC: number;
  readonly tradedBTC: number;
  readonly lastBtcPriceUSD: number;
}

export interface ProjectFinance {
  readonly npvUSD: number;
  /** NPV with the debt's flows: the money raised, interest, the principal repaid or owed at the horizon. */
  readonly equityNpvUSD: number;
  /** NPV after income tax (NaN without finance.tax), and the tax paid. */
  readonly afterTaxNpvUSD: number;
  readonly taxUSD: number;
  readonly interestUSD: number;
  /** The whole campus's IRR and payback (a layout is judged by its increment on the baseline: finance/incremental.ts). */
  readonly campusIrr: number;
  readonly campusPaybackYears: number;
  readonly capexUSD: number;
  /** The lowest cumulative cash (the funding the plan needs), the capital left above it, and when it first runs out (years; NaN if never). */
  readonly minCashUSD: number;
  readonly capitalHeadroomUSD: number;
  readonly capitalRunsOutYears: number;
  readonly residualValueUSD: number;
  readonly treasuryBTC: number;
  readonly treasuryUSD: number;
}

/** The project's monthly flows (index 0 the start, k the end of month k), for judging it against another layout. */
export interface ProjectCash {
  /** Capex and operating cash, before any value at the horizon. */
  readonly cashUSD: Float64Array;
  /** The same with the horizon's values added to its last month. */
  readonly flowsUSD: Float64Array;
  /** The flows less income tax, when there is a tax. */
  readonly afterTaxFlowsUSD?: Float64Array;
  /** Each month's share of its calendar month, for discounting (cash-flows.ts). */
  readonly monthShares: Float64Array;
}

export function projectFinance(
  books: MonthlyBooks,
  capex: readonly CapexItem[],
  finance: FinanceConfig,
  calendar: CalendarMonths,
  atHorizon: AtHorizon,
  /** Filled with the cumulative cash at each month's end, after capex. */
  cumulativeCashUSD: Float64Array,
): { figures: ProjectFinance; cash: ProjectCash } {
  const months = calendar.count;
  const shares = calendar.share;
  const flows = operatingFlows(books, capex, finance, calendar, months);
  // N years of the last twelve months' operating net cash: the one-off values at the horizon
  // (treasury, book value, rent contracted beyond it) are counted once, not N times, and BTC a rule
  // sold or bought is not operating cash.
  const terminalUSD = terminalValueUSD(flows, shares, finance.terminalYears);
  for (let m = 0; m < months; m++) {
    if (books.treasuryTradesUSD[m] !== 0) flows[m + 1] += books.treasuryTradesUSD[m];
    cumulativeCashUSD[m] = (m > 0 ? cumulativeCashUSD[m - 1] : flows[0]) + flows[m + 1];
  }
  const minCashUSD = minimumCash(flows);
  const payback = paybackYears(flows, shares);
  const cashUSD = flows.slice();
  // What is left at the horizon: income contracted beyond it, the BTC kept at the last price, the
  // book value of assets with life left, and any terminal multiple.
  if (atHorizon.contractedUSD !== undefined) flows[months] += atHorizon.contractedUSD;
  const treasuryBTC = finance.btcHeldShare * atHorizon.minedBTC + atHorizon.tradedBTC;
  const treasuryUSD = treasuryBTC * atHorizon.lastBtcPriceUSD;
  flows[months] += treasuryUSD;
  const residualUSD = residualValueUSD(capex, finance.lives, calendar);
  flows[months] += residualUSD;
  flows[months] += terminalUSD;
  // Income tax on these flows, when the scenario has one: after-tax flows beside the pre-tax ones.
  const tax = finance.tax ? incomeTax(cashUSD, flows[months] - cashUSD[months], capex, calendar.paymentBoundary, finance.tax) : undefined;
  const afterTaxFlowsUSD = tax ? flows.map((f, k) => f - tax.taxUSD[k]) : undefined;
  // A loan's term counts months, as its interest does: "12 months" is repaid at the twelfth month's end.
  const debt = finance.debt ? debtFlows(finance.debt.amountUSD, finance.debt.ratePerYear, calendar.boundaryOnOrAfter(calendar.hourAtYears(finance.debt.maturityH / HOURS_PER_YEAR)), shares) : undefined;
  const rate = finance.discountRatePerYear;
  const npvUSD = npv(flows, rate, shares);
  const figures: ProjectFinance = {
    npvUSD,
    equityNpvUSD: debt ? npvUSD + npv(debt.flows, rate, shares) : npvUSD,
    afterTaxNpvUSD: afterTaxFlowsUSD ? npv(afterTaxFlowsUSD, rate, shares) : NaN,
    taxUSD: tax ? tax.totalTaxUSD : 0,
    interestUSD: debt ? debt.interestUSD : 0,
    campusIrr: irr(flows, shares),
    campusPaybackYears: payback,
    capexUSD: capex.reduce((sum, i) => sum + i.usd, 0),
    minCashUSD,
    capitalHeadroomUSD: Number.isFinite(finance.capitalUSD) ? finance.capitalUSD + minCashUSD : NaN,
    capitalRunsOutYears: capitalRunsOutYears(cashUSD, finance.capitalUSD, shares),
    residualValueUSD: residualUSD,
    treasuryBTC,
    treasuryUSD,
  };
  return { figures, cash: { cashUSD, flowsUSD: flows, ...(afterTaxFlowsUSD ? { afterTaxFlowsUSD } : {}), monthShares: shares } };
}

/**
 * The project's flows to the end of month `months − 1` (index 0 the start, k the end of month
 * k − 1) before BTC a rule sold or bought: capex paid by then, and each month's revenue (the mined BTC
 * sold as mined) less its power cost net of credits and opex, plus rent and GPU revenue.
 */
export function operatingFlows(books: MonthlyBooks, capex: readonly CapexItem[], finance: FinanceConfig, calendar: CalendarMonths, months: number): Float64Array {
  const sold = 1 - finance.btcHeldShare;
  const flows = new Float64Array(months + 1);
  // A payment lands at the end of the month it is made in (the start for one made at the start).
  for (const item of capex) {
    const k = calendar.paymentBoundary(item.atH);
    if (k <= months) flows[k] -= item.usd;
  }
  for (let m = 0; m < months; m++) {
    flows[m + 1] += sold * books.miningRevenueUSD[m] - books.netPowerCostUSD[m] - books.opexUSD[m] + books.leaseRentUSD[m] + books.gpuCloudRevenueUSD[m] + books.inferenceRevenueUSD[m];
  }
  return flows;
}
