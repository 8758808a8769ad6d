import type { FeeShare } from '../market/fees.js';
import type { PriceModel } from '../market/price-model.js';
import type { BlockMode } from '../network/chain.js';
import type { NetworkFleet } from '../network/fleet.js';
import type { RestOfNetwork } from '../network/hashrate.js';
import type { FinanceConfig } from '../finance/config.js';
import type { GpuCloudConfig, LeaseConfig } from '../hpc/config.js';
import type { AsicFailureSpec } from '../mining/asic-failures.js';
import type { MiningConfig } from '../mining/config.js';
import type { SiteConfig } from '../site/config.js';
import type { FourCpSpec, PriceResponseSpec } from '../site/demand-response.js';
import type { OutageSpec } from '../site/outages.js';
import type { SpotPriceSpec } from '../site/spot-price.js';
import type { WeatherSeries, WeatherSpec } from '../site/weather.js';
import type { Assumptions } from './assumptions.js';
import type { UncertainInput } from './uncertain.js';

// Each domain defines the plain spec it runs on; a scenario is read into them.
export type { FinanceConfig } from '../finance/config.js';
export type { GpuCloudConfig, GpuHourPrice, LeaseConfig } from '../hpc/config.js';
export type { AsicModelConfig, FleetPurchase, MiningConfig, MiningCoolingConfig } from '../mining/config.js';
export type { SiteConfig } from '../site/config.js';

/**
 * A loaded scenario in canonical units (h, MW, MWh, USD, TH/s). The world — market and network —
 * is shared by every variant of a replication (common random numbers); variants change the campus.
 */

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  /** SHA-256 of the scenario file's bytes. */
  readonly hash: string;
  readonly horizon: Horizon;
  readonly study: StudyDefaults;
  readonly world: WorldConfig;
  /** In file order; the baseline is one of them. */
  readonly variants: readonly VariantConfig[];
  /** Values written as distributions, by key path; world and variants above hold their means. */
  readonly uncertain: readonly UncertainInput[];
  /** The scenario with these drawn values (by input id) in place of the means. */
  withInputs(values: ReadonlyMap<string, number>): Scenario;
  /** Values far outside what real sites have (probably a slip of units): reported, not refused. */
  readonly warnings: readonly ScenarioWarning[];
  /** What the study assumes, as the file writes it: the shared world, and each layout's description and changes. */
  readonly assumptions: Assumptions;
}

/** A value the file may not mean, where it is written: shown as `file:line:column: key: message`. */
export interface ScenarioWarning {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly keyPath: string;
  readonly message: string;
}

export interface Horizon {
  /** First simulated day, YYYY-MM-DD (UTC). */
  readonly startDate: string;
  /** Unix time (seconds) of the start: block timestamps count from it. */
  readonly startUnixSeconds: number;
  readonly years: number;
  /** Length in hours, on the calendar: 12 × years months from the start (core/calendar.ts horizonHours), 43,824 h for five years from 2026-01-01. */
  readonly hours: number;
}

export interface StudyDefaults {
  readonly replications: number;
  readonly seed: number;
  readonly confidence: number;
  readonly baseline: string;
}

export interface WorldConfig {
  readonly price: { readonly model: PriceModel; readonly stepH: number };
  readonly fees: FeeShare;
  readonly network: NetworkConfig;
  /** The site's shared physical world: spot power prices, grid outages, weather and demand-response calls. */
  readonly site: SiteWorldConfig;
  /**
   * ASIC failure processes the layouts use, each drawn once per replication as one representative
   * pool's available fraction (the same for any fleet size). Absent when no layout models failures.
   */
  readonly asicFailures?: readonly AsicFailureSpec[];
}

export interface SiteWorldConfig {
  readonly spot?: SpotPriceSpec;
  readonly outages?: OutageSpec;
  /** Partial grid derates: intervals like outages during which `lostShare` of the connection is unavailable. */
  readonly derates?: { readonly spec: OutageSpec; readonly lostShare: number };
  /** Hourly weather, present only when some layout needs it (cooling, 4CP forecasts). */
  readonly weather?: WeatherSource;
  readonly demandResponse?: DemandResponseConfig;
  /** Draw one uniform per grid outage for whether backup generators start (some layout has backup). */
  readonly backupLuck?: boolean;
}

/** Weather generated from a climate, or read once from a CSV the scenario names. */
export type WeatherSource =
  | { readonly kind: 'model'; readonly spec: WeatherSpec }
  | { readonly kind: 'series'; readonly series: WeatherSeries; readonly file: string };

/** The site's demand-response programs; every layout's mining takes part unless it opts out. */
export interface DemandResponseConfig {
  readonly fourCp?: FourCpSpec;
  readonly price?: PriceResponseSpec;
}

export interface NetworkConfig {
  /** Height of the next block at the start. */
  readonly startHeight: number;
  /** Compact bits in force at the start (from the scenario's difficulty). */
  readonly startBits: number;
  readonly blockMode: BlockMode;
  /** Does the campus's own hashrate count toward the network (false: a price-taker)? */
  readonly campusCounts: boolean;
  /** The baseline layout's mining hashrate: the campus inside the reference network. */
  readonly referenceCampusTHs: number;
  readonly hashrate: RestHashrate;
}

/**
 * The rest of the network: a fleet with a cost curve (`network.fleet`), a trend that answers one
 * marginal fleet's margin, or a fixed series computed from an expression.
 */
export type RestHashrate =
  | { readonly kind: 'fleet'; readonly model: NetworkFleet }
  | { readonly kind: 'response'; readonly model: RestOfNetwork }
  | { readonly kind: 'series'; readonly restTHsByDay: Float64Array };

export interface VariantConfig {
  readonly name: string;
  readonly description: string;
  readonly site: SiteConfig;
  readonly mining: MiningConfig;
  readonly finance: FinanceConfig;
  /** A colocation lease of GPU-hall power to a tenant who brings the GPUs, if this layout has one. */
  readonly lease?: LeaseConfig;
  /** A GPU hall the campus owns and sells as a cloud (reserved blocks, training jobs, inference), if this layout has one. */
  readonly gpuCloud?: GpuCloudConfig;
  /** Rules that act on the campus as the world unfolds (policy-config.ts); none: a plan fixed at the start. */
  readonly policies?: readonly PolicyRule[];
  /** The plan fixed at the start this adaptive layout is judged against: its value of flexibility is the paired Δ NPV. */
  readonly versus?: string;
}

/** Does a rule of this layout build its GPU hall (so the hall is not built on dates of its own)? */
export const ruleBuildsHall = (variant: Pick<VariantConfig, 'policies'>): boolean => variant.policies?.some((rule) => rule.action.kind === 'build') ?? false;

/** Does a rule of this layout sign its lease (so the leased hall is not built on a date of its own)? */
export const ruleSignsLease = (variant: Pick<VariantConfig, 'policies'>): boolean => variant.policies?.some((rule) => rule.action.kind === 'sign') ?? false;

/** What a rule can observe, as a trailing mean over a window of the past (campus/observed.ts). */
export const OBSERVED_STATES = ['hashprice', 'btcPrice', 'powerPrice', 'gpuPrice', 'gpuUtilisation', 'cash'] as const;
export type ObservedState = (typeof OBSERVED_STATES)[number];

/** One condition: the trailing mean of `state` over `trailingH` is below or above `threshold` (canonical units). */
export interface PolicyCondition {
  readonly state: ObservedState;
  readonly trailingH: number;
  readonly below: boolean;
  readonly threshold: number;
}

/**
 * What a rule does when it fires: start building the layout's GPU hall, switch mining off or on,
 * retire machines for good, buy machines of the fleet's model (delivered and paid `leadH` later),
 * sign the layout's lease or renew it, sell a share of the treasury's BTC, or put an amount of cash
 * into BTC for it.
 */
export type PolicyAction =
  | { readonly kind: 'build'; readonly load: 'gpuCloud' }
  | { readonly kind: 'pause' | 'resume'; readonly load: 'mining' }
  | { readonly kind: 'retire'; readonly load: 'mining'; readonly mw: number }
  | { readonly kind: 'buy'; readonly load: 'mining'; readonly mw: number; readonly leadH: number }
  | { readonly kind: 'sellBtc'; readonly load: 'treasury'; readonly share: number }
  | { readonly kind: 'sign' | 'renew'; readonly load: 'lease' }
  | { readonly kind: 'sellBtc'; readonly load: 'treasury'; readonly share: number }
  | { readonly kind: 'buyBtc'; readonly load: 'treasury'; readonly usd: number };

/**
 * A decision rule: at each decision point — the start of a calendar month, the `fromMonth`-th from
 * the horizon's start, then every `everyMonths`, to the `untilMonth`-th — it fires when every
 * condition holds on what has been observed so far; after firing it waits `coolDownMonths` before it
 * may fire again (Infinity: at most once). Months are calendar months (core/calendar.ts).
 */
export interface PolicyRule {
  readonly name: string;
  readonly fromMonth: number;
  /** Infinity: to the horizon. */
  readonly untilMonth: number;
  readonly everyMonths: number;
  readonly when: readonly PolicyCondition[];
  readonly action: PolicyAction;
  readonly coolDownMonths: number;
}
