/**
 * A layout's compute halls as the scenario gives them, in canonical units: a GPU hall the campus owns
 * and sells as a cloud, and a hall leased to a tenant who brings the GPUs. Plain data; the scenario
 * reader builds it.
 */
import type { CoolingSpec } from '../site/cooling.js';
import type { OutageSpec } from '../site/outages.js';

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
  /** A lease a decision rule signs: hours from the signing until the hall opens. */
  readonly buildH: number;
  /** When the lease was signed and its hall's shell paid, hours from the start (a rule's signing, as built); absent: at the start. */
  readonly signedAtH?: number;
  /** Length of the lease from when rent begins, years: it ends then (rent and draw stop) unless renewed, and rent still due after the horizon is valued at it; 0: open-ended through the horizon. */
  readonly termYears: number;
  /** Capex per MW of IT for the hall shell (the tenant brings the GPUs). */
  readonly hallUSDPerMW: number;
  readonly slaAvailability: number;
  readonly creditPerStep: number;
  readonly stepAvailability: number;
  readonly maxCredit: number;
}
