/**
 * Capital a layout spends, and when: new mining capacity beyond what is already built (facility
 * $/MW: CBRE $250–500k, Sabre56 $300–350k per MW) and the machines to fill it ($/TH of hashrate:
 * $10–30/TH in 2025, S21 XP $25.70/TH) at the start; a leased hall's shell at the start (or when a
 * decision rule signed the lease); an owned
 * GPU hall's shell when construction starts and its nodes when they are delivered, phase by phase;
 * machines a fleet schedule buys on their dates, with facility for any MW beyond the most built so far.
 */
import type { CalendarMonths } from '../core/calendar.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import type { GpuCloudConfig, LeaseConfig } from '../hpc/config.js';
import { phaseNodes } from '../hpc/gpu-cloud.js';
import type { MiningConfig } from '../mining/config.js';
import { type Fleet, sizeFleet, variantFleet } from '../mining/fleet.js';
import type { SiteConfig } from '../site/config.js';
import type { FinanceConfig } from './config.js';
import type { AssetClass } from './tax.js';

/** What capex reads of a layout: its fleet and site, its halls, the cost of mining capacity (a scenario's variant is one). */
export interface CapexLayout {
  readonly site: SiteConfig;
  readonly mining: MiningConfig;
  readonly finance: Pick<FinanceConfig, 'miningFacilityUSDPerMW'>;
  readonly lease?: LeaseConfig;
  readonly gpuCloud?: GpuCloudConfig;
}

export interface CapexItem {
  readonly what: 'mining' | 'lease hall' | 'GPU hall' | 'GPU nodes' | 'ASIC purchase' | 'mining facility';
  /** How tax writes it off: machines, GPU nodes, or buildings and their power and cooling. */
  readonly taxClass: AssetClass;
  /** Hours from the start when it is paid. */
  readonly atH: number;
  readonly usd: number;
}

export function miningCapexUSD(layout: CapexLayout, fleet: Fleet = variantFleet(layout)): number {
  const { facilityUSD, machinesUSD } = miningCapexParts(layout, fleet);
  return facilityUSD + machinesUSD;
}

/** New mining capacity's two parts: the facility for the MW beyond what is built, and the machines beyond those installed. */
function miningCapexParts(layout: CapexLayout, fleet: Fleet = variantFleet(layout)): { facilityUSD: number; machinesUSD: number } {
  const existing = sizeFleet({ ...layout.mining, capacityMW: Math.min(layout.mining.existingMW, layout.mining.capacityMW) }, layout.site);
  const newMachines = Math.max(0, fleet.machines - existing.machines);
  const newMW = Math.max(0, fleet.powerMW - existing.powerMW);
  return { facilityUSD: newMW * layout.finance.miningFacilityUSDPerMW, machinesUSD: newMachines * layout.mining.asicHashrateTHs * layout.mining.asicPriceUSDPerTHs };
}

/** A leased hall's shell: IT MW × $/MW (TeraWulf: $8–10M per MW of critical IT; the tenant brings the GPUs). */
export function leaseCapexUSD(layout: CapexLayout): number {
  return layout.lease ? layout.lease.itMW * layout.lease.hallUSDPerMW : 0;
}

/** Every capex payment of a layout, in time order (items of zero are left out). */
export function capexSchedule(layout: CapexLayout): CapexItem[] {
  const mining = miningCapexParts(layout);
  const items: CapexItem[] = [
    { what: 'mining', taxClass: 'halls', atH: 0, usd: mining.facilityUSD },
    { what: 'mining', taxClass: 'asics', atH: 0, usd: mining.machinesUSD },
    { what: 'lease hall', taxClass: 'halls', atH: layout.lease?.signedAtH ?? 0, usd: leaseCapexUSD(layout) },
  ];
  const g = layout.gpuCloud;
  if (g) {
    items.push({ what: 'GPU hall', taxClass: 'halls', atH: Math.max(0, g.onlineH - g.buildH), usd: g.itMW * g.hallUSDPerMW });
    // Nodes are paid on delivery, phase by phase.
    let installed = 0;
    for (const phase of g.phases) {
      const nodes = phaseNodes(g, phase.share);
      items.push({ what: 'GPU nodes', taxClass: 'gpus', atH: phase.atH, usd: (nodes - installed) * g.nodePriceUSD });
      installed = nodes;
    }
  }
  items.push(...scheduleCapex(layout));
  return items.filter((i) => i.usd > 0).sort((a, b) => a.atH - b.atH);
}

/** A fleet schedule's purchases on their dates; a date that takes the fleet past its most MW so far builds the difference. */
function scheduleCapex(layout: CapexLayout): CapexItem[] {
  const schedule = layout.mining.schedule ?? [];
  const items: CapexItem[] = [];
  let fleetMW = variantFleet(layout).powerMW;
  let builtMW = fleetMW;
  for (let i = 0; i < schedule.length; i++) {
    const p = schedule[i];
    fleetMW += p.machines * p.model.powerMW;
    if (p.machines > 0) items.push({ what: 'ASIC purchase', taxClass: 'asics', atH: p.atH, usd: p.machines * p.model.hashrateTHs * p.model.priceUSDPerTHs });
    const lastOfDate = i + 1 === schedule.length || schedule[i + 1].atH !== p.atH;
    if (lastOfDate && fleetMW > builtMW + 1e-9) {
      items.push({ what: 'mining facility', taxClass: 'halls', atH: p.atH, usd: (fleetMW - builtMW) * layout.finance.miningFacilityUSDPerMW });
      builtMW = fleetMW;
    }
  }
  return items;
}

/** All capex of a layout, undiscounted. */
export function totalCapexUSD(layout: CapexLayout): number {
  return capexSchedule(layout).reduce((sum, i) => sum + i.usd, 0);
}

/**
 * When the capex paid so far first exceeds the capital available, hours from the start, before any
 * operating cash comes in (NaN when it never does or the capital is unlimited). A study's
 * capitalRunsOutYears counts the operating cash too; this is what a scenario shows before it runs.
 */
export function capexBeyondCapitalAtH(layout: CapexLayout & { readonly finance: Pick<FinanceConfig, 'capitalUSD'> }): number {
  const capitalUSD = layout.finance.capitalUSD;
  if (!Number.isFinite(capitalUSD)) return NaN;
  let paidUSD = 0;
  for (const item of capexSchedule(layout)) if ((paidUSD += item.usd) > capitalUSD) return item.atH;
  return NaN;
}

/**
 * Book value left at the horizon's end of what the capex bought, straight-line over each kind's life
 * from when it was paid (a life of 0: no residual value counted for that kind). Time is counted as
 * the cash flows count it, in months (core/calendar.ts): two years of a four-year life leave half.
 */
export function residualValueUSD(items: readonly CapexItem[], lives: { miningH: number; hallH: number; gpuH: number }, calendar: CalendarMonths): number {
  const endYears = calendar.yearsAt(calendar.boundsH[calendar.count]);
  let value = 0;
  for (const item of items) {
    // Mining capacity and machines, whether bought at the start or on a fleet schedule, live as mining does.
    const mining = item.what === 'mining' || item.what === 'ASIC purchase' || item.what === 'mining facility';
    const life = mining ? lives.miningH : item.what === 'GPU nodes' ? lives.gpuH : lives.hallH;
    if (life > 0) value += item.usd * Math.max(0, 1 - (endYears - calendar.yearsAt(item.atH)) / (life / HOURS_PER_YEAR));
  }
  return value;
}
