/** An ASIC fleet sized by the power given to it: whole machines, their hashrate and their draw. */
import type { SiteConfig } from '../site/config.js';
import type { MiningConfig } from './config.js';

/** The name a fleet schedule gives the starting fleet's model (`mining.asic`). */
export const BASE_MODEL = 'asic';

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

/** A layout's fleet at the start: mining capacity capped by what its GPU halls leave of the grid. */
export function variantFleet(variant: { mining: MiningConfig; site: SiteConfig; lease?: { itMW: number; pue: number }; gpuCloud?: { itMW: number; pue: number; convertsMiningMW: number } }): Fleet {
  return sizeFleet(variant.mining, variant.site, reservedDrawMW(variant));
}

/**
 * Grid power a layout keeps from mining for its GPU halls from the start: a leased hall's IT load ×
 * PUE, and an owned hall's the same, less the mining MW it converts when it comes online (mining
 * uses those until then).
 */
export function reservedDrawMW(variant: { lease?: { itMW: number; pue: number }; gpuCloud?: { itMW: number; pue: number; convertsMiningMW: number } }): number {
  const lease = variant.lease ? variant.lease.itMW * variant.lease.pue : 0;
  const cloud = variant.gpuCloud ? Math.max(0, variant.gpuCloud.itMW * variant.gpuCloud.pue - variant.gpuCloud.convertsMiningMW) : 0;
  return lease + cloud;
}
