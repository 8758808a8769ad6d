/**
 * What a campus run reports at the horizon, one row of replications.csv: each load's own metrics
 * (or its kind's, for a kind the layout lacks), project finance from the monthly books and the capex
 * schedule (finance/project.ts) and the same flows by NPV segment (finance/segments.ts), the site's
 * energy and power bill, and EBITDA by segment.
 */
import { HOURS_PER_YEAR } from '../core/time.js';
import type { CapexItem } from '../finance/capex.js';
import type { FinanceConfig } from '../finance/config.js';
import { type ProjectCash, projectFinance } from '../finance/project.js';
import { segmentValues } from '../finance/segments.js';
import type { Ledger } from './ledger.js';
import type { Load, LoadReport } from './load.js';
import type { Metrics } from './metrics.js';
import { segmentMetrics } from './segments.js';

export interface OutcomeInputs {
  readonly capex: readonly CapexItem[];
  readonly finance: FinanceConfig;
  readonly lastBtcPriceUSD: number;
  /** Treasury BTC decision rules bought less what they sold. */
  readonly tradedBTC: number;
}

export interface CampusOutcome {
  readonly metrics: Metrics;
  /** Cash by NPV segment and year, then at the horizon (finance/segments.ts). */
  readonly annualUSD: Float64Array;
  /** The project's monthly flows, for judging it against the baseline. */
  readonly cash: ProjectCash;
}

export function campusOutcome(endH: number, ledger: Ledger, loads: readonly Load[], absent: Partial<Metrics>, inputs: OutcomeInputs): CampusOutcome {
  const reports = loads.map((load, i) => load.report(endH, ledger.loads[i]));
  const metrics = Object.assign({}, absent, ...reports.map((r) => r.metrics)) as Metrics;
  let contractedUSD: number | undefined;
  for (const r of reports) if (r.afterHorizonUSD !== undefined) contractedUSD = (contractedUSD ?? 0) + r.afterHorizonUSD;
  const { figures: finance, cash } = projectFinance(ledger.monthly, inputs.capex, inputs.finance, ledger.calendar, { contractedUSD, minedBTC: metrics.minedBTC, tradedBTC: inputs.tradedBTC, lastBtcPriceUSD: inputs.lastBtcPriceUSD }, ledger.monthly.cumulativeCashUSD);
  const creditsUSD = ledger.creditsUSD(endH);
  Object.assign(metrics, finance, {
    powerCostUSD: ledger.powerCostUSD.integralAt(endH),
    powerSoldUSD: ledger.powerSoldUSD.integralAt(endH),
    opexUSD: ledger.opexUSD.integralAt(endH),
    demandResponseCreditsUSD: creditsUSD,
    energyMWh: ledger.drawnMWh(endH),
    coolingEnergyMWh: ledger.overheadMW.integralAt(endH),
    backupEnergyMWh: ledger.backupMW.integralAt(endH),
    outageHours: ledger.outageHours.integralAt(endH),
  });
  // Sums over a segment's loads, in shed order.
  const sum = (segment: Load['segment'], value: (r: LoadReport) => number) => reports.reduce((s, r, i) => (loads[i].segment === segment ? s + value(r) : s), 0);
  Object.assign(metrics, segmentMetrics({
    miningRevenueUSD: sum('mining', (r) => r.revenueUSD),
    minedBTC: metrics.minedBTC,
    computeRevenueUSD: sum('compute', (r) => r.revenueUSD),
    computeCreditsUSD: sum('compute', (r) => r.creditsPaidUSD),
    powerCostUSD: metrics.powerCostUSD,
    computePowerCostUSD: ledger.computePowerCostUSD.integralAt(endH),
    creditsUSD,
    opexUSD: metrics.opexUSD,
    miningOpexUSD: ledger.miningOpexUSD.integralAt(endH),
    // Opex is owed by calendar month (ledger.ts): a year's worth for every twelve months.
    fixedOpexUSD: inputs.finance.fixedOpexUSDPerH * HOURS_PER_YEAR * ledger.calendar.flowYears[ledger.calendar.count],
  }));
  // The same flows by segment (the net power cost is the bill less what was sold and credited).
  const monthly = ledger.monthly;
  const segments = segmentValues(
    {
      calendar: ledger.calendar,
      miningRevenueUSD: monthly.miningRevenueUSD,
      btcSoldShare: 1 - inputs.finance.btcHeldShare,
      powerBillUSD: monthly.netPowerCostUSD.map((c, m) => c + monthly.powerSoldUSD[m] + monthly.creditsUSD[m]),
      powerSoldUSD: monthly.powerSoldUSD,
      demandResponseUSD: monthly.creditsUSD,
      opexUSD: monthly.opexUSD,
      leaseRentUSD: monthly.leaseRentUSD,
      gpuCloudRevenueUSD: monthly.gpuCloudRevenueUSD.map((r, m) => r + monthly.inferenceRevenueUSD[m]),
      capex: inputs.capex,
      treasuryTradesUSD: monthly.treasuryTradesUSD,
      treasuryUSD: finance.treasuryUSD,
      contractedRentUSD: contractedUSD ?? 0,
      residualUSD: finance.residualValueUSD,
      terminalYears: inputs.finance.terminalYears,
    },
    inputs.finance.discountRatePerYear,
  );
  Object.assign(metrics, segments.npvUSD);
  return { metrics, annualUSD: segments.annualUSD, cash };
}
