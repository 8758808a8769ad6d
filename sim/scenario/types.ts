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
}

export interface Horizon {
  /** First simulated day, YYYY-MM-DD (UTC). */
  readonly startDate: string;
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
  readonly btc: BtcPriceConfig;
  readonly network: NetworkConfig;
}

export interface BtcPriceConfig {
  readonly model: 'gbm';
  readonly priceUSD: number;
  /** Annual drift μ of the price: E[S(t)] = S(0)·e^{μt}. */
  readonly driftPerYear: number;
  /** Annualised volatility σ of log returns. */
  readonly volatilityPerSqrtYear: number;
  /** Hours between price steps. */
  readonly stepH: number;
}

export interface NetworkConfig {
  readonly difficulty: number;
  readonly height: number;
  /** Fees as a share of the total miner reward (subsidy + fees). */
  readonly feeShare: number;
}

export interface VariantConfig {
  readonly name: string;
  readonly description: string;
  readonly site: SiteConfig;
  readonly mining: MiningConfig;
}

export interface SiteConfig {
  readonly gridMW: number;
  readonly powerPriceUSDPerMWh: number;
}

export interface MiningConfig {
  readonly asicHashrateTHs: number;
  readonly asicPowerMW: number;
  /** Power given to mining before the grid cap. */
  readonly capacityMW: number;
  readonly poolFee: number;
}
