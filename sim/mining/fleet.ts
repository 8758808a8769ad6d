/** An ASIC fleet sized by the power given to it: whole machines, their hashrate and their draw. */
import type { MiningConfig, SiteConfig } from '../scenario/types.js';

export interface Fleet {
  readonly machines: number;
  readonly hashrateTHs: number;
  readonly powerMW: number;
}

/** As many machines as fit in the mining capacity, capped by the grid connection. */
export function sizeFleet(mining: MiningConfig, site: SiteConfig): Fleet {
  const machines = Math.floor(Math.min(mining.capacityMW, site.gridMW) / mining.asicPowerMW + 1e-9);
  return { machines, hashrateTHs: machines * mining.asicHashrateTHs, powerMW: machines * mining.asicPowerMW };
}
