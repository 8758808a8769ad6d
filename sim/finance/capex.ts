/**
 * Capital a layout spends at the start: new mining capacity beyond what is already built (facility
 * $/MW: CBRE $250–500k, Sabre56 $300–350k per MW) and the machines to fill it ($/TH of
 * hashrate: $10–30/TH in 2025, S21 XP $25.70/TH).
 */
import { type Fleet, leaseDrawMW, sizeFleet } from '../mining/fleet.js';
import type { VariantConfig } from '../scenario/types.js';

export function miningCapexUSD(variant: VariantConfig, fleet: Fleet = sizeFleet(variant.mining, variant.site, leaseDrawMW(variant))): number {
  const existing = sizeFleet({ ...variant.mining, capacityMW: Math.min(variant.mining.existingMW, variant.mining.capacityMW) }, variant.site);
  const newMachines = Math.max(0, fleet.machines - existing.machines);
  const newMW = Math.max(0, fleet.powerMW - existing.powerMW);
  return newMW * variant.finance.miningFacilityUSDPerMW + newMachines * variant.mining.asicHashrateTHs * variant.mining.asicPriceUSDPerTHs;
}

/** A leased hall's shell: IT MW × $/MW (TeraWulf: $8–10M per MW of critical IT; the tenant brings the GPUs). */
export function leaseCapexUSD(variant: VariantConfig): number {
  return variant.lease ? variant.lease.itMW * variant.lease.hallUSDPerMW : 0;
}
