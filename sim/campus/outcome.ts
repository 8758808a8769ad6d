/**
 * What a campus run reports at the horizon, one row of replications.csv: each load's own metrics
 * (or its kind's, for a kind the layout lacks), project finance from the monthly books and the capex
 * schedule (finance/project.ts), the site's energy and power bill, and EBITDA by segment.
 */
import type { CapexItem } from '../finance/capex.js';
import type { FinanceConfig } from '../finance/config.js';
import { projectFinance } from '../finance/project.js';
import type { Ledger } from './ledger.js';
import type { Load, LoadReport } from './load.js';
import type { Metrics } from './metrics.js';
import { segmentMetrics } from './segments.js';

export interface OutcomeInputs {
  readonly capex: readonly CapexItem[];
  readonly finance: FinanceConfig;
  readonly lastBtcPriceUSD: number;
}

export function campusMetrics(endH: number, ledger: Ledger, loads: readonly Load[], absent: Partial<Metrics>, inputs: OutcomeInputs): Metrics {
  const reports = loads.map((load, i) => load.report(endH, ledger.loads[i]));
  const metrics = Object.assign({}, absent, ...reports.map((r) => r.metrics)) as Metrics;
  let contractedUSD: number | undefined;
  for (const r of reports) if (r.afterHorizonUSD !== undefined) contractedUSD = (contractedUSD ?? 0) + r.afterHorizonUSD;
  const finance = projectFinance(ledger.monthly, inputs.capex, inputs.finance, endH, { contractedUSD, minedBTC: metrics.minedBTC, lastBtcPriceUSD: inputs.lastBtcPriceUSD }, ledger.monthly.cumulativeCashUSD);
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
    fixedOpexUSD: inputs.finance.fixedOpexUSDPerH * endH,
  }));
  return metrics;
}
