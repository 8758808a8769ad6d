/** An ASIC fleet sized by the power given to it: whole machines, their hashrate and their draw. */
import type { MiningConfig, SiteConfig } from '../scenario/types.js';

export interface Fleet {
  readonly machines: number;
  readonly hashrateTHs: number;
  readonly powerMW: number;
}

/** As many machines as fit in the mining capacity, capped by what the grid leaves after `reservedMW` (a leased hall's draw). */
export function sizeFleet(mining: MiningConfig, site: SiteConfig, reservedMW = 0): Fleet {
  const machines = Math.floor(Math.max(0, Math.min(mining.capacityMW, site.gridMW - reservedMW)) / mining.asicPowerMW + 1e-9);
  return { machines, hashrateTHs: machines * mining.asicHashrateTHs, powerMW: machines * mining.asicPowerMW };
}

/** Grid power a layout's leased hall takes (its IT load at full lease × PUE). */
export function leaseDrawMW(variant: { lease?: { itMW: number; pue: number } }): number {
  return variant.lease ? variant.lease.itMW * variant.lease.pue : 0;
}
