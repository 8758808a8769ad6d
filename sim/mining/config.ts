/**
 * A layout's mining as the scenario gives it, in canonical units: the fleet's machines and capacity,
 * its economics, its hall's cooling, failures and a schedule of purchases. Plain data; the scenario
 * reader builds it.
 */
import type { CoolingSpec } from '../site/cooling.js';
import type { DerateCurveSpec } from '../site/derate-curve.js';
import type { AsicFailureSpec } from './asic-failures.js';

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
