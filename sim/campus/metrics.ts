/** The per-replication, per-variant figures a campus run reports: one row of replications.csv. */

/** Metric names in column order, each with its unit in the name. */
export const METRICS = [
  'npvUSD', 'miningProfitUSD', 'miningRevenueUSD', 'powerCostUSD', 'powerSoldUSD', 'leaseRentUSD', 'slaCreditsUSD', 'capexUSD', 'minCashUSD',
  'energyMWh', 'curtailedEconomicMWh', 'curtailedOutageMWh', 'outageHours', 'minedBTC',
] as const;
export type MetricName = (typeof METRICS)[number];
export type Metrics = Record<MetricName, number>;

export interface MetricInfo {
  readonly label: string;
  /** Which way is better, for "probability of beating the baseline"; undefined when neither is. */
  readonly better?: 'higher' | 'lower';
  /** Whether a value below zero is a loss (the probability of loss is reported for these). */
  readonly money: boolean;
}

export const METRIC_INFO: Record<MetricName, MetricInfo> = {
  npvUSD: { label: 'Net present value of the monthly cash flows, capex and any terminal value included, USD', better: 'higher', money: true },
  capexUSD: { label: 'Capital spent at the start (new mining capacity and machines, leased halls), USD', better: 'lower', money: false },
  leaseRentUSD: { label: 'Rent from a colocation lease of GPU-hall power, USD', better: 'higher', money: false },
  slaCreditsUSD: { label: 'SLA credits paid to the lease tenant for months below the availability promised, USD', better: 'lower', money: false },
  minCashUSD: { label: 'Lowest cumulative cash (the funding the plan needs), USD', better: 'higher', money: false },
  miningProfitUSD: { label: 'Mining profit over the horizon (revenue − power cost), USD', better: 'higher', money: true },
  miningRevenueUSD: { label: 'Mining revenue (FPPS, after pool fee), USD', better: 'higher', money: false },
  powerCostUSD: { label: 'Power cost net of power sold back, USD', better: 'lower', money: false },
  powerSoldUSD: { label: 'Unused contracted power sold back at spot, USD', better: 'higher', money: false },
  energyMWh: { label: 'Energy drawn, MWh', money: false },
  curtailedEconomicMWh: { label: 'Mining energy not drawn because mining did not pay (economic curtailment), MWh', money: false },
  curtailedOutageMWh: { label: 'Mining energy lost to grid outages, MWh', money: false },
  outageHours: { label: 'Hours without grid power', better: 'lower', money: false },
  minedBTC: { label: 'Bitcoin earned, BTC', better: 'higher', money: false },
};

/** The metric studies report first and stop on by default. */
export const PRIMARY_METRIC: MetricName = 'npvUSD';
