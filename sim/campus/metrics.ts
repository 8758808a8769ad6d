/** The per-replication, per-variant figures a campus run reports: one row of replications.csv. */
import type { ClusterMetrics } from '../hpc/cluster-metrics.js';
import { NPV_SEGMENTS, type SegmentMetric } from '../finance/segments.js';
import type { GpuCloudSetup } from '../hpc/gpu-cloud.js';

const CAMPUS_METRICS = [
  'npvUSD', 'equityNpvUSD', 'afterTaxNpvUSD', 'taxUSD', 'interestUSD', 'campusIrr', 'campusPaybackYears', 'capexUSD', 'minCashUSD', 'capitalHeadroomUSD', 'capitalRunsOutYears', 'residualValueUSD', 'treasuryBTC', 'treasuryUSD',
  'miningProfitUSD', 'miningRevenueUSD', 'powerCostUSD', 'powerSoldUSD', 'opexUSD', 'miningEbitdaUSD', 'computeEbitdaUSD', 'breakEvenBtcUSD',
  'leaseRentUSD', 'slaCreditsUSD', 'leaseUndeliveredMWh',
  'gpuCloudRevenueUSD', 'reservedRevenueUSD', 'trainingRevenueUSD', 'inferenceRevenueUSD', 'computeRevenueShare',
  'gpuUtilisation', 'trainingWaitMeanH', 'trainingWaitP95H', 'trainingJobsCompleted', 'trainingJobsRejected', 'trainingJobsAbandoned', 'trainingGpuHoursAbandoned', 'trainingRevenueForgoneUSD', 'jobsPreempted', 'gpuHoursLost', 'inferenceShortfallGpuH',
  'energyMWh', 'gpuEnergyMWh', 'curtailedEconomicMWh', 'curtailedOutageMWh', 'outageHours', 'minedBTC',
  'miningEnergyMWh', 'gpuItEnergyMWh', 'coolingEnergyMWh', 'backupEnergyMWh',
  'curtailedDemandResponseMWh', 'curtailedCoolingMWh', 'curtailedGridMWh', 'curtailedFailureMWh', 'demandResponseCreditsUSD', 'deliveredHashrateEHs', 'gpuDowntimeHours',
] as const;
/** The decision's figures: a layout against the baseline on the same world (finance/incremental.ts), filled in by the study. */
export const INCREMENTAL_METRICS = ['incrementalNpvUSD', 'incrementalIrr', 'incrementalPaybackYears', 'incrementalCapexUSD', 'profitabilityIndex', 'incrementalAfterTaxNpvUSD'] as const;
export type CampusMetricName = (typeof CAMPUS_METRICS)[number] | SegmentMetric;
export type IncrementalMetricName = (typeof INCREMENTAL_METRICS)[number];
export type MetricName = CampusMetricName | IncrementalMetricName;

/** Metric names in column order, each with its unit in the name: the campus's, the NPV of each segment, then against the baseline. */
export const METRICS: readonly MetricName[] = [...CAMPUS_METRICS, ...NPV_SEGMENTS.map((s) => s.metric), ...INCREMENTAL_METRICS];
/** What one campus run reports. */
export type CampusMetrics = Record<CampusMetricName, number>;
export type Metrics = Record<MetricName, number>;

export interface MetricInfo {
  readonly label: string;
  /** Which way is better, for "probability of beating the baseline"; undefined when neither is. */
  readonly better?: 'higher' | 'lower';
  /** Whether a value below zero is a loss (the probability of loss is reported for these). */
  readonly money: boolean;
}

export const METRIC_INFO: Record<MetricName, MetricInfo> = {
  npvUSD: { label: 'Net present value of the whole campus’s monthly cash flows, capex and any terminal value included (its difference from the baseline’s is the incremental NPV), USD', better: 'higher', money: true },
  equityNpvUSD: { label: 'NPV with the debt’s flows (money raised, interest, principal repaid or owed at the horizon); the project NPV without debt, USD', better: 'higher', money: true },
  afterTaxNpvUSD: { label: 'NPV of the whole campus’s flows after income tax (finance.tax; no value without it), USD', better: 'higher', money: true },
  taxUSD: { label: 'Income tax paid over the horizon and on what is realised at it, undiscounted (0 without finance.tax), USD', better: 'lower', money: false },
  interestUSD: { label: 'Interest paid on debt over the horizon, USD', better: 'lower', money: false },
  campusIrr: { label: 'Whole campus: internal rate of return of all its monthly cash flows, a year (only where unique and outlays come first); judge a layout by incrementalIrr', better: 'higher', money: false },
  campusPaybackYears: { label: 'Whole campus: years until its cumulative cash is back to zero after capex (0 if it never dips; no value if it never recovers); judge a layout by incrementalPaybackYears', better: 'lower', money: false },
  capitalHeadroomUSD: { label: 'Capital available less the funding the plan needs at its lowest point; below zero the plan does not fit the raise, USD', better: 'higher', money: true },
  capitalRunsOutYears: { label: 'Years from the start until the plan’s cumulative cash first needs more than the capital available (no value when it fits)', money: false },
  residualValueUSD: { label: 'Book value at the horizon of what capex bought (straight-line lives), counted in NPV, USD', money: false },
  treasuryBTC: { label: 'BTC in treasury at the horizon: mined and kept, and bought less sold by decision rules, BTC', money: false },
  treasuryUSD: { label: 'Treasury BTC at the last price, counted in NPV at the horizon, USD', money: false },
  opexUSD: { label: 'Operating costs besides power (mining and GPU-hall maintenance, overhead), USD', better: 'lower', money: false },
  miningEbitdaUSD: { label: 'Mining EBITDA: revenue − its power cost − its opex, USD', better: 'higher', money: true },
  computeEbitdaUSD: { label: 'Compute EBITDA: lease rent − SLA credits + GPU cloud revenue − the hall’s power and opex, USD', better: 'higher', money: true },
  breakEvenBtcUSD: { label: 'Break-even BTC price: mining’s power and opex per BTC mined, USD', better: 'lower', money: false },
  capexUSD: { label: 'Capital spent (mining capacity and machines, leased halls, GPU halls and nodes), undiscounted, USD', better: 'lower', money: false },
  leaseRentUSD: { label: 'Rent from a colocation lease of GPU-hall power, USD', better: 'higher', money: false },
  slaCreditsUSD: { label: 'SLA credits paid to the lease tenant for months below the availability promised, USD', better: 'lower', money: false },
  leaseUndeliveredMWh: { label: 'Leased IT energy the tenant did not get: hours the hall was dark (outages backup did not carry) and the share of hot hours its cooling could not hold, MWh of IT', better: 'lower', money: false },
  minCashUSD: { label: 'Lowest cumulative cash (the funding the plan needs), USD', better: 'higher', money: false },
  miningProfitUSD: { label: 'Mining profit over the horizon (revenue − power cost of the whole campus + demand-response credits), USD', better: 'higher', money: true },
  miningRevenueUSD: { label: 'Mining revenue (FPPS, after pool fee), USD', better: 'higher', money: false },
  powerCostUSD: { label: 'Power cost of the campus (mining and owned GPU halls) net of power sold back, USD', better: 'lower', money: false },
  powerSoldUSD: { label: 'Unused contracted power sold back at spot, USD', better: 'higher', money: false },
  gpuCloudRevenueUSD: { label: 'Revenue of an owned GPU cloud (reserved, training, inference less its SLA credits), USD', better: 'higher', money: false },
  reservedRevenueUSD: { label: 'GPU cloud: reserved blocks sold per GPU-hour, USD', better: 'higher', money: false },
  trainingRevenueUSD: { label: 'GPU cloud: on-demand training GPU-hours sold, USD', better: 'higher', money: false },
  inferenceRevenueUSD: { label: 'GPU cloud: inference GPU-hours served less SLA credits for those missed, USD', better: 'higher', money: false },
  computeRevenueShare: { label: 'Share of revenue from compute (lease rent and GPU cloud) rather than bitcoin', money: false },
  gpuUtilisation: { label: 'GPU cloud: busy GPU-hours ÷ available GPU-hours (no value without a hall)', better: 'higher', money: false },
  trainingWaitMeanH: { label: 'GPU cloud: mean wait of training jobs before they first start (those that start), hours', better: 'lower', money: false },
  trainingWaitP95H: { label: 'GPU cloud: 95th percentile of that wait, hours', better: 'lower', money: false },
  trainingJobsCompleted: { label: 'GPU cloud: training jobs completed', better: 'higher', money: false },
  trainingJobsRejected: { label: 'GPU cloud: training jobs rejected (wider than the hall)', better: 'lower', money: false },
  trainingJobsAbandoned: { label: 'GPU cloud: training jobs whose customers left, tired of waiting, before they started', better: 'lower', money: false },
  trainingGpuHoursAbandoned: { label: 'GPU cloud: GPU-hours of work those customers took elsewhere', better: 'lower', money: false },
  trainingRevenueForgoneUSD: { label: 'GPU cloud: revenue those customers would have paid, at the price when they left, USD', better: 'lower', money: false },
  jobsPreempted: { label: 'GPU cloud: running jobs preempted by a capacity cut (outages), each counted once', better: 'lower', money: false },
  gpuHoursLost: { label: 'GPU cloud: GPU-hours of work lost since the last checkpoint to preemptions and failures', better: 'lower', money: false },
  inferenceShortfallGpuH: { label: 'GPU cloud: inference GPU-hours wanted but not served', better: 'lower', money: false },
  energyMWh: { label: 'Energy drawn from the grid and backup generators: mining + GPU-hall IT + cooling and overhead, MWh', money: false },
  gpuEnergyMWh: { label: 'Energy drawn by an owned GPU hall (IT and its cooling, grid or backup), MWh', money: false },
  curtailedEconomicMWh: { label: 'Mining energy not drawn because mining did not pay (economic curtailment), MWh of machine power', money: false },
  curtailedOutageMWh: { label: 'Mining energy lost to grid outages, MWh of machine power', money: false },
  outageHours: { label: 'Hours without grid power', better: 'lower', money: false },
  minedBTC: { label: 'Bitcoin earned, BTC', better: 'higher', money: false },
  miningEnergyMWh: { label: 'Energy drawn by mining machines (their wall power), MWh', money: false },
  gpuItEnergyMWh: { label: 'Energy drawn by the GPU hall’s IT (nodes), MWh', money: false },
  coolingEnergyMWh: { label: 'Energy drawn by cooling and other overhead of the mining and GPU halls (facility − IT), MWh', money: false },
  backupEnergyMWh: { label: 'Energy backup generators supplied to the owned GPU hall in grid outages, MWh (a leased hall’s power is its tenant’s)', money: false },
  curtailedDemandResponseMWh: { label: 'Mining energy not drawn in demand-response calls (4CP, price), MWh of machine power', money: false },
  curtailedCoolingMWh: { label: 'Mining energy not drawn for heat: the air-cooled ASIC derate and the hall’s cooling capacity, MWh of machine power', money: false },
  curtailedGridMWh: { label: 'Mining energy the grid could not carry: a grid derate, or too little left after the GPU and leased halls, MWh of machine power', money: false },
  curtailedFailureMWh: { label: 'Mining energy not drawn because machines were broken (ASIC failures), MWh of machine power', money: false },
  demandResponseCreditsUSD: { label: 'Demand-response credits: 4CP transmission charges avoided and price-program payments, USD', better: 'higher', money: false },
  deliveredHashrateEHs: { label: 'Mean hashrate delivered over the horizon, EH/s', better: 'higher', money: false },
  gpuDowntimeHours: { label: 'GPU cloud: hours the hall had no power (grid outages not carried by backup)', better: 'lower', money: false },
  // The segments' NPVs add up to npvUSD: the parts of "why a layout wins".
  ...(Object.fromEntries(NPV_SEGMENTS.map((s) => [s.metric, { label: `NPV of ${s.description}, USD`, better: 'higher', money: false }])) as Record<SegmentMetric, MetricInfo>),
  incrementalNpvUSD: { label: 'Against the baseline: NPV of (this layout’s cash flows − the baseline’s) on the same world, at this layout’s discount rate, USD', better: 'higher', money: true },
  incrementalIrr: { label: 'Against the baseline: IRR of (this layout − baseline), a year; only where it is unique and the layout invests first, so it beats the discount rate exactly when the incremental NPV is positive', better: 'higher', money: false },
  incrementalPaybackYears: { label: 'Against the baseline: years until the cumulative cash of (this layout − baseline) is back to zero (0 if it never dips; no value if it never recovers)', better: 'lower', money: false },
  incrementalCapexUSD: { label: 'Against the baseline: capex of this layout − the baseline’s, undiscounted, USD', money: false },
  incrementalAfterTaxNpvUSD: { label: 'Against the baseline: NPV of (this layout − baseline) after income tax (no value without finance.tax), USD', better: 'higher', money: true },
  profitabilityIndex: { label: 'Against the baseline: incremental NPV per dollar of incremental capex (only when the layout spends more)', better: 'higher', money: false },
};

/** The metric studies report first and stop on by default. */
export const PRIMARY_METRIC: MetricName = 'npvUSD';

type GpuMetricName =
  | 'gpuCloudRevenueUSD' | 'reservedRevenueUSD' | 'trainingRevenueUSD' | 'inferenceRevenueUSD' | 'gpuUtilisation' | 'trainingWaitMeanH'
  | 'trainingWaitP95H' | 'trainingJobsCompleted' | 'trainingJobsRejected' | 'trainingJobsAbandoned' | 'trainingGpuHoursAbandoned' | 'trainingRevenueForgoneUSD'
  | 'jobsPreempted' | 'gpuHoursLost' | 'inferenceShortfallGpuH';

/**
 * A GPU hall's metrics from its cluster's figures. Money and counts are 0 for a layout without a
 * hall; utilisation and waits have no value there (NaN), and the summary leaves such runs out.
 */
export function gpuMetrics(m: (ClusterMetrics & { setup: GpuCloudSetup }) | undefined): Record<GpuMetricName, number> {
  const reserved = m && m.setup.reservedClass >= 0 ? m.classes[m.setup.reservedClass] : undefined;
  const training = m && m.setup.trainingClass >= 0 ? m.classes[m.setup.trainingClass] : undefined;
  const inferenceUSD = m?.inference ? m.inference.revenueUSD - m.inference.slaCreditsUSD : 0;
  const reservedUSD = reserved?.revenueUSD ?? 0, trainingUSD = training?.revenueUSD ?? 0;
  return {
    gpuCloudRevenueUSD: reservedUSD + trainingUSD + inferenceUSD,
    reservedRevenueUSD: reservedUSD,
    trainingRevenueUSD: trainingUSD,
    inferenceRevenueUSD: inferenceUSD,
    gpuUtilisation: m ? m.utilisation : NaN,
    trainingWaitMeanH: training ? training.meanWaitH : NaN,
    trainingWaitP95H: training ? training.p95WaitH : NaN,
    trainingJobsCompleted: training?.completed ?? 0,
    trainingJobsRejected: training?.rejected ?? 0,
    trainingJobsAbandoned: training?.abandoned ?? 0,
    trainingGpuHoursAbandoned: training?.gpuHoursAbandoned ?? 0,
    trainingRevenueForgoneUSD: training?.revenueForgoneUSD ?? 0,
    jobsPreempted: m ? m.classes.reduce((n, c) => n + c.preempted, 0) : 0,
    gpuHoursLost: m ? m.classes.reduce((n, c) => n + c.gpuHoursLost, 0) : 0,
    inferenceShortfallGpuH: m?.inference?.shortfallGpuHours ?? 0,
  };
}
