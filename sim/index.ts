/**
 * campus-sim's public API. Every export is listed by name: this file is the API.
 */

// Event engine
export { Simulation, PRIORITY_MIN, PRIORITY_MAX } from './core/engine.js';
export type { Handler, EventKind, EventId } from './core/engine.js';
export { SchedulingError } from './core/scheduling-error.js';
export { HOURS_PER_YEAR, HOURS_PER_DAY, HOURS_PER_MONTH } from './core/time.js';
export { calendarMonths, horizonHours, monthLabel, daysInMonth } from './core/calendar.js';
export type { CalendarMonths } from './core/calendar.js';

// Random streams and samplers
export { RandomStream, randomStream } from './core/stream.js';
export type { Distribution } from './core/samplers/distribution.js';
export { Constant } from './core/samplers/constant.js';
export { Uniform } from './core/samplers/uniform.js';
export { Exponential } from './core/samplers/exponential.js';
export { Normal } from './core/samplers/normal.js';
export { LogNormal } from './core/samplers/lognormal.js';
export { Gamma, standardGamma } from './core/samplers/gamma.js';
export { Poisson } from './core/samplers/poisson.js';
export { Weibull } from './core/samplers/weibull.js';
export { Pareto } from './core/samplers/pareto.js';
export { Triangular } from './core/samplers/triangular.js';
export { Discrete } from './core/samplers/discrete.js';
export { Empirical } from './core/samplers/empirical.js';
export { Mixture } from './core/samplers/mixture.js';

// Statistics
export { RunningStats } from './core/stats/running-stats.js';
export { TimeIntegral } from './core/stats/time-integral.js';
export { meanInterval } from './core/stats/mean-interval.js';
export type { MeanInterval } from './core/stats/mean-interval.js';
export { normalCdf, normalQuantile } from './core/stats/normal.js';
export { studentTCdf, studentTQuantile } from './core/stats/student-t.js';

// Validation model
export { simulateMMc, erlangC, erlangA } from './core/mmc.js';
export type { MMcOptions, MMcResult } from './core/mmc.js';

// BTC market: price models and fees
export type { PriceModel } from './market/price-model.js';
export { Gbm, gbmPath } from './market/gbm.js';
export type { GbmParameters } from './market/gbm.js';
export { Merton } from './market/merton.js';
export type { MertonParameters } from './market/merton.js';
export { Kou } from './market/kou.js';
export type { KouParameters } from './market/kou.js';
export { RegimeSwitching } from './market/regime-switching.js';
export type { Regime, RegimeSwitchingParameters } from './market/regime-switching.js';
export { HistoricalBootstrap } from './market/bootstrap.js';
export type { BootstrapParameters } from './market/bootstrap.js';
export { parseMonthlyCloses, readMonthlyCloses, monthlyLogReturns } from './market/history.js';
export { FeeShare } from './market/fees.js';
export { RealisedPrices, RealisedPriceModel } from './market/realised.js';
export type { FeeParameters } from './market/fees.js';

// Bitcoin network: Bitcoin Core's retarget, the chain, hashrate, subsidy, hashprice
export { calculateNextWorkRequired, TARGET_TIMESPAN_SECONDS, RETARGET_INTERVAL_BLOCKS, POW_LIMIT } from './network/retarget.js';
export { difficultyFromBits, bitsFromDifficulty, hashrateTHsForDifficulty, difficultyForHashrate } from './network/difficulty.js';
export { targetFromCompact, compactFromTarget } from './network/compact.js';
export { Chain } from './network/chain.js';
export type { BlockMode, ChainOptions } from './network/chain.js';
export { EpochWork } from './network/epoch-work.js';
export { RestOfNetwork } from './network/hashrate.js';
export type { HashrateResponse } from './network/hashrate.js';
export { NetworkFleet, FleetRun } from './network/fleet.js';
export { checkFleet } from './network/fleet-spec.js';
export type { FleetSpec } from './network/fleet-spec.js';
export { Frontier } from './network/frontier.js';
export type { FrontierMachine } from './network/frontier.js';
export { FLEET_DEFAULTS, REFERENCE_MACHINES, defaultFleetSpec } from './network/fleet-defaults.js';
export { parseObservedDifficulty, readObservedDifficulty } from './scenario/observed-difficulty.js';
export type { ObservedDifficulty, ObservedDifficultyRow } from './scenario/observed-difficulty.js';
export { blockSubsidySats, blockSubsidyBTC, nextHalvingHeight, HALVING_INTERVAL_BLOCKS } from './network/subsidy.js';
export { fppsBtcPerHour, hashpriceUSDPerPHDay, hashpriceBTCPerPHDay } from './network/hashprice.js';

// AI/HPC: GPU cluster, job arrivals, FIFO and EASY-backfill scheduling with preemption and failures
export { Cluster } from './hpc/cluster.js';
export type { ClusterSpec, JobClassSpec, SchedulerSpec, InferenceSpec } from './hpc/cluster-spec.js';
export type { ClusterMetrics, ClassMetrics, InferenceMetrics } from './hpc/cluster-metrics.js';
export { gpusWanted, gpuHourPriceFromTokens, checkPriceCurve } from './hpc/inference.js';
export type { InferenceDemand } from './hpc/inference.js';
export { leaseIncome } from './hpc/lease.js';
export type { LeaseSpec, LeaseIncome } from './hpc/lease.js';
export { Arrivals } from './hpc/arrivals.js';
export type { ArrivalSpec } from './hpc/arrivals.js';
export { simulateHpc } from './hpc/simulate.js';
export type { HpcRun, HpcResult } from './hpc/simulate.js';

// Site: spot power prices and grid outages
export { spotPricePath, checkSpotPrice } from './site/spot-price.js';
export type { SpotPriceSpec } from './site/spot-price.js';
export { outageIntervals } from './site/outages.js';
export type { OutageSpec } from './site/outages.js';

// Site: weather, cooling, load shedding, demand response, backup power
export { weatherSeries, checkWeather, stullWetBulbC, CENTRAL_TEXAS_WEATHER } from './site/weather.js';
export type { WeatherSpec, WeatherSeries } from './site/weather.js';
export { parseWeatherCsv, readWeatherCsv } from './scenario/weather-csv.js';
export { dayOfYear, monthSpans, parseIsoTimeMs, hoursFromStart } from './site/calendar.js';
export type { MonthSpan } from './site/calendar.js';
export { checkDerateCurve, derateAt, derateSeries } from './site/derate-curve.js';
export type { DerateCurveSpec } from './site/derate-curve.js';
export { chillerCop } from './site/chiller-cop.js';
export { mechanicalShare } from './site/economizer.js';
export { checkCooling, overheadPerItMW, COOLING_TECHNOLOGIES, DEFAULT_COOLING } from './site/cooling.js';
export type { CoolingSpec, CoolingTechnology, AmbientBulb, MechanicalCooling } from './site/cooling.js';
export { HallCooling } from './site/hall-cooling.js';
export { Allocation, shareSupply, soldUSDPerH, billUSDPerH, marginalPriceUSDPerMWh } from './site/dispatch.js';
export type { PowerContract } from './site/dispatch.js';
export {
  fourCpPlan,
  systemLoadProxy,
  priceResponseFlags,
  combineFlags,
  fourCpCreditUSD,
  priceResponseCreditUSD,
  checkFourCp,
  checkPriceResponse,
  DEFAULT_FOUR_CP,
  DR_FOUR_CP,
  DR_PRICE,
} from './site/demand-response.js';
export type { FourCpSpec, FourCpPlan, PriceResponseSpec } from './site/demand-response.js';
export { backupCoverageH, backupCoverageFromDraws, startDraws, backupCarriedMW, checkBackupPower } from './site/backup-power.js';
export type { BackupPowerSpec } from './site/backup-power.js';

// Finance
export { npv, irr, paybackYears, minimumCash } from './finance/cash-flows.js';
export { miningCapexUSD, capexBeyondCapitalAtH } from './finance/capex.js';
export { incremental, capitalRunsOutYears } from './finance/incremental.js';
export type { CashFlows, IncrementalMetrics } from './finance/incremental.js';
export { incomeTax, MACRS, straightLine } from './finance/tax.js';
export type { AssetClass, Depreciation, TaxSpec, TaxResult } from './finance/tax.js';
export { NPV_SEGMENTS, segmentValues } from './finance/segments.js';
export type { NpvSegment, SegmentBooks, SegmentMetric } from './finance/segments.js';

// Scenarios
export { loadScenario, parseScenario } from './scenario/load.js';
export { ScenarioError } from './scenario/scenario-error.js';
export type { Scenario, VariantConfig, WorldConfig, Horizon, PolicyRule, PolicyCondition, PolicyAction, ObservedState } from './scenario/types.js';
export { OBSERVED_STATES } from './scenario/types.js';

// Campus and studies
export { drawWorld } from './campus/world.js';
export { variantNetwork } from './campus/variant-network.js';
export type { VariantNetwork } from './campus/variant-network.js';
export { sizeFleet } from './mining/fleet.js';
export type { Fleet } from './mining/fleet.js';
export { fleetSchedule, stepAt } from './mining/fleet-schedule.js';
export type { AsicModel, FleetChange, FleetSteps } from './mining/fleet-schedule.js';
export { asicAvailability, averageOverSteps, steadyStateAvailability, checkAsicFailures } from './mining/asic-failures.js';
export type { AsicFailureSpec, AvailabilitySteps } from './mining/asic-failures.js';
export { asicHashrateFraction, AIR_COOLED_ASIC_THERMAL } from './mining/thermal-derate.js';
export type { World } from './campus/world.js';
export { runCampus } from './campus/campus.js';
export type { CampusOptions, CampusResult } from './campus/campus.js';
export { trailingMean } from './campus/observed.js';
export { DECISION_FIELDS } from './campus/policies.js';
export { InvariantError } from './campus/invariants.js';
export type { SiteWorld } from './campus/site-world.js';
export { METRICS, INCREMENTAL_METRICS } from './campus/metrics.js';
export { WORLD_DRIVERS, worldDrivers } from './campus/world-drivers.js';
export type { Metrics, MetricName } from './campus/metrics.js';
// The network model against history: the fit and the backtest
export { historyWindow } from './calibrate/history.js';
export { fitNetwork } from './calibrate/fit-network.js';
export type { NetworkFit } from './calibrate/fit-network.js';
export { fitForecasts } from './calibrate/fit-forecasts.js';
export { fitPrice } from './calibrate/fit-price.js';
export { backtest } from './calibrate/backtest.js';
export type { BacktestResult, BacktestRow } from './calibrate/backtest.js';

export { runStudy, StudyError } from './study/study.js';
export type { StudyOptions, StudyResult } from './study/study.js';
export type { StudyData } from './study/outputs.js';
export { OutputError } from './study/output-error.js';
export { mergeStudies } from './study/merge.js';
export type { Summary, VariantSummary, MetricSummary, PairedSummary, StoppingRule } from './study/summarize.js';
export type { Tornado, TornadoBar, TornadoDriver } from './study/tornado.js';
export type { AnnualCashFlows } from './study/annual-summary.js';
export type { BreakEvens } from './study/summarize.js';
export { breakEven } from './study/break-even.js';
export type { BreakEven } from './study/break-even.js';
export { selectBest, selectBestFeasible, indicatorVarianceFloor, equalAllocationReplications } from './study/ranking.js';
export type { Selection, SelectionOptions, ConstraintOptions, ConstrainedObservation, Feasibility } from './study/ranking.js';
export { optimize } from './study/optimize.js';
export type { OptimizeRequest, OptimizeResult, Candidate, LossLimit } from './study/optimize.js';
export type { Assumptions } from './scenario/assumptions.js';
export { quantileSorted, quantileEstimate, orderStatisticRanks, lowerTailMean } from './core/stats/quantiles.js';
export { binomialCdf } from './core/stats/binomial.js';
