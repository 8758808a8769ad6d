/** The per-replication, per-variant figures a campus run reports: one row of replications.csv. */

/** Metric names in column order, each with its unit in the name. */
export const METRICS = ['miningProfitUSD', 'miningRevenueUSD', 'powerCostUSD', 'energyMWh', 'minedBTC'] as const;
export type MetricName = (typeof METRICS)[number];
export type Metrics = Record<MetricName, number>;

/** What each metric means, for reports and the summary. */
export const METRIC_LABELS: Record<MetricName, string> = {
  miningProfitUSD: 'Mining profit over the horizon (revenue − power cost), USD',
  miningRevenueUSD: 'Mining revenue (FPPS, after pool fee), USD',
  powerCostUSD: 'Power cost, USD',
  energyMWh: 'Energy drawn, MWh',
  minedBTC: 'Bitcoin earned, BTC',
};
