import type { FeeShare } from '../market/fees.js';
import type { TaxSpec } from '../finance/tax.js';
import type { PriceModel } from '../market/price-model.js';
import type { BlockMode } from '../network/chain.js';
import type { NetworkFleet } from '../network/fleet.js';
import type { RestOfNetwork } from '../network/hashrate.js';
import type { AsicFailureSpec } from '../mining/asic-failures.js';
import type { BackupPowerSpec } from '../site/backup-power.js';
import type { CoolingSpec } from '../site/cooling.js';
import type { FourCpSpec, PriceResponseSpec } from '../site/demand-response.js';
import type { DerateCurveSpec } from '../site/derate-curve.js';
import type { OutageSpec } from '../site/outages.js';
import type { SpotPriceSpec } from '../site/spot-price.js';
import type { WeatherSeries, WeatherSpec } from '../site/weather.js';
import type { Assumptions } from './assumptions.js';
import type { UncertainInput } from './uncertain.js';

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
  /** Length in hours (years × 8766: years of 365.25 days). */
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
}

/** A GPU price that may change with time: USD per GPU-hour at hour t, tabulated by day. */
export type GpuHourPrice = (tH: number) => number;

export interface GpuCloudConfig {
  /** Critical IT power of the hall; its nodes are as many as fit (itMW ÷ node power). */
  readonly itMW: number;
  /** Facility power per IT power: the hall takes IT draw × pue from the grid (with `cooling`, only what the fleet is sized around). */
  readonly pue: number;
  /** The hall's cooling against the weather: capacity caps its GPUs, PUE follows ambient and load. */
  readonly cooling?: CoolingSpec;
  readonly gpusPerNode: number;
  /** A busy node's draw at the wall (a DGX H100 draws up to 10.2 kW). */
  readonly nodePowerKW: number;
  /** An idle node's draw as a share of a busy one's. */
  readonly idlePowerShare: number;
  /** Price of one node: GPUs, server and networking. */
  readonly nodePriceUSD: number;
  /** Hall capex per MW of IT (shell, power and cooling gear). */
  readonly hallUSDPerMW: number;
  /** Hours from the start until the hall runs; the hall is paid for `buildH` earlier, the nodes on delivery. */
  readonly onlineH: number;
  readonly buildH: number;
  /** Correlated hall-level failures (OpenDC's model): at `perYear`, for a lognormal time, `lostShare` of the nodes down at once. */
  readonly hallFailures?: { readonly spec: OutageSpec; readonly lostShare: number };
  /** Build-out phases: from each `atH` on, this share of the nodes is installed (the first at onlineH; the last share is 1). */
  readonly phases: ReadonlyArray<{ readonly atH: number; readonly share: number }>;
  /** Mining MW switched off for good when the hall comes online: a conversion of mining halls to HPC (0: none). */
  readonly convertsMiningMW: number;
  readonly gpuMtbfH: number;
  readonly repairMeanH: number;
  readonly policy: 'fifo' | 'easy-backfill';
  readonly backfillDepth: number;
  /** Contracted blocks: this share of the GPUs sold at a fixed price for a term from online. */
  readonly reserved?: {
    readonly share: number;
    readonly priceUSDPerGPUH: number;
    readonly termH: number;
    /** Chance a contract is renewed for another term when it ends; renewed at `renewalPrice` (by the hour it starts; default the contract price). */
    readonly renewal: number;
    readonly renewalPrice?: GpuHourPrice;
  };
  /** On-demand training jobs. */
  readonly training?: {
    readonly jobsPerYear: number;
    /** Coefficient of variation of the inter-arrival times (1: Poisson). */
    readonly arrivalCV: number;
    readonly gpus: readonly number[];
    readonly probabilities: readonly number[];
    readonly meanDurationH: number;
    readonly sdDurationH: number;
    readonly checkpointH: number;
    /** Mean patience of a customer waiting for a job's first start (exponential), hours; Infinity: waits for ever. */
    readonly patienceH: number;
    readonly price: GpuHourPrice;
  };
  /** Elastic inference: GPUs wanted each hour from a share of the hall and an hour-of-day profile. */
  readonly inference?: {
    /** Mean GPUs wanted, as a share of the hall's GPUs, at the start. */
    readonly share: number;
    readonly hourOfDay: readonly number[];
    readonly growthPerYear: number;
    readonly price: GpuHourPrice;
    readonly creditUSDPerGPUHMissed: number;
  };
}

export interface LeaseConfig {
  /** Critical IT power leased. */
  readonly itMW: number;
  /** Facility power per IT power: what the hall takes from the grid is itMW × pue (with `cooling`, only what the fleet is sized around). */
  readonly pue: number;
  /** The hall's cooling against the weather: capacity caps the tenant's IT (lost availability under the SLA), PUE follows ambient and load. */
  readonly cooling?: CoolingSpec;
  readonly rentUSDPerKWMonth: number;
  readonly escalatorPerYear: number;
  /** Hours from the start until the hall is built and rent begins. */
  readonly onlineH: number;
  /** Length of the lease from when rent begins, years: rent still due after the horizon is valued at it. */
  readonly termYears: number;
  /** Capex per MW of IT for the hall shell (the tenant brings the GPUs). */
  readonly hallUSDPerMW: number;
  readonly slaAvailability: number;
  readonly creditPerStep: number;
  readonly stepAvailability: number;
  readonly maxCredit: number;
}

export interface FinanceConfig {
  /** Annual rate discounting monthly cash flows. */
  readonly discountRatePerYear: number;
  /** Capex per MW of new mining capacity (building, power and cooling gear). */
  readonly miningFacilityUSDPerMW: number;
  /** Terminal value at the horizon, in years of the last twelve months' net cash flow (0: none). */
  readonly terminalYears: number;
  /** Operating cost per MW of mining fleet installed, per hour (maintenance, site staff). */
  readonly miningOpexUSDPerMWH: number;
  /** Operating cost per MW of GPU-hall IT once online, per hour (maintenance, network, staff). */
  readonly gpuOpexUSDPerMWH: number;
  /** Operating cost of the company not tied to a segment, per hour (overhead). */
  readonly fixedOpexUSDPerH: number;
  /** Share of mined BTC kept in treasury, valued at the last BTC price at the horizon (0: sell at once). */
  readonly btcHeldShare: number;
  /** Capital available for the plan (e.g. the $1.15B raise); Infinity when not stated. */
  readonly capitalUSD: number;
  /** Debt raised at the start: its interest is paid monthly, its principal at maturity (or owed at the horizon). */
  readonly debt?: { readonly amountUSD: number; readonly ratePerYear: number; readonly maturityH: number };
  /** Straight-line lives of what capex buys; the book value left at the horizon counts as residual value (0: none). */
  readonly lives: { readonly miningH: number; readonly hallH: number; readonly gpuH: number };
  /** Income tax (finance/tax.ts); absent: pre-tax figures only. */
  readonly tax?: TaxSpec;
}

export interface SiteConfig {
  readonly gridMW: number;
  /** The price of power bought beyond the PPA block; NaN when the site has a spot market instead. */
  readonly powerPriceUSDPerMWh: number;
  /** MW of fixed-price power paid for whether used or not (0: none). */
  readonly ppaBlockMW: number;
  readonly ppaPriceUSDPerMWh: number;
  /** May unused PPA power be sold back at spot? */
  readonly sellBack: boolean;
  /** UPS and generators that carry the HPC halls (not mining) through grid outages. */
  readonly backup?: BackupPowerSpec;
}

export interface MiningConfig {
  readonly asicHashrateTHs: number;
  readonly asicPowerMW: number;
  /** Price of new machines per TH/s. */
  readonly asicPriceUSDPerTHs: number;
  /** Power given to mining before the grid cap. */
  readonly capacityMW: number;
  /** Mining capacity already built and filled at the start (no capex). */
  readonly existingMW: number;
  readonly poolFee: number;
  /** Switch the fleet off while a MWh of mining earns less than the marginal power price? */
  readonly curtail: boolean;
  /** Once off, stay off at least this long (no chattering). */
  readonly minOffHours: number;
  /** The mining hall's cooling: capacity and PUE against the weather; without it, PUE 1 and no heat limit. */
  readonly cooling?: MiningCoolingConfig;
  /** ASIC failures and repair lead time: the fleet's available fraction follows the world's pool. */
  readonly failures?: AsicFailureSpec;
  /** Machines bought (+) and retired (−) at dates, in date order. */
  readonly schedule?: readonly FleetPurchase[];
  /** Does the fleet curtail for the site's demand-response programs? Default (undefined) yes. */
  readonly demandResponse?: boolean;
}

export interface MiningCoolingConfig {
  readonly spec: CoolingSpec;
  /** Hashrate (and power) of air-cooled machines against the dry bulb; absent for hydro and immersion. */
  readonly asicThermal?: DerateCurveSpec;
}

/** An ASIC model a schedule buys or retires. The starting fleet's model is named `asic`. */
export interface AsicModelConfig {
  readonly name: string;
  readonly hashrateTHs: number;
  readonly powerMW: number;
  readonly priceUSDPerTHs: number;
}

export interface FleetPurchase {
  /** Hours from the start. */
  readonly atH: number;
  readonly model: AsicModelConfig;
  /** Machines added (> 0) or retired (< 0). */
  readonly machines: number;
}
