/**
 * A layout's loads in shed order, with what the campus keeps per load between events: whether it
 * has power, what it asked for, what it draws, and its share of the last dispatch.
 */
import { Allocation, shareSupply } from '../site/dispatch.js';
import type { Load, LoadContext, LoadKind } from './load.js';
import type { Metrics } from './metrics.js';
import type { SiteState } from './site-state.js';

export class LoadSet {
  readonly list: readonly Load[];
  /** What the kinds this layout lacks report. */
  readonly absent: Partial<Metrics>;
  /** Per load: 1 while it has power (the grid, or backup for those it carries). */
  readonly powered: Uint8Array;
  /** Per load: its facility draw at the last re-rating, MW. */
  readonly drawsMW: Float64Array;
  private readonly demandsMW: Float64Array;
  private readonly allocation: Allocation;

  constructor(kinds: readonly LoadKind[], ctx: LoadContext) {
    const built = kinds.map((kind) => kind.build(ctx));
    this.list = built.filter((l): l is Load => l !== undefined).sort((a, b) => a.shedRank - b.shedRank);
    this.absent = Object.assign({}, ...kinds.filter((_, i) => built[i] === undefined).map((kind) => kind.absentMetrics));
    const n = this.list.length;
    this.powered = new Uint8Array(n).fill(1);
    this.drawsMW = new Float64Array(n);
    this.demandsMW = new Float64Array(n);
    this.allocation = new Allocation(n);
    ctx.ledger.openLoads(n);
  }

  /** Shares the power available now among the loads' demands, in shed order (site/dispatch.ts). */
  share(site: SiteState): Allocation {
    const loads = this.list;
    for (let i = 0; i < loads.length; i++) this.demandsMW[i] = loads[i].demandMW(site);
    return shareSupply(site.supplyMW(), this.demandsMW, this.allocation);
  }

  /** Caps every load to the power the loads before it leave now (Load.cap). */
  cap(site: SiteState): void {
    const allocation = this.share(site);
    for (let i = 0; i < this.list.length; i++) this.list[i].cap(site, allocation.availableMW[i]);
  }

  /** With the grid up, would the billed loads now draw more than the connection leaves them after a tenant's hall? */
  overGrid(site: SiteState): boolean {
    return site.gridUp && this.billedDrawMW(site.hour) > site.connectionMW() - this.tenantDrawMW(site);
  }

  /** Who has power now: every load with the grid up; in an outage, those backup carries while it runs. */
  setPowered(site: SiteState): void {
    for (let i = 0; i < this.list.length; i++) this.powered[i] = site.gridUp || (site.backupUp && this.list[i].onBackup) ? 1 : 0;
  }

  /** Facility power the billed loads other than `self` draw now, MW (all of them for `self` undefined). */
  billedDrawMW(h: number, self?: object): number {
    let mw = 0;
    for (const load of this.list) if (load.billed && load !== self) mw += load.facilityDrawMW(h);
    return mw;
  }

  /** Facility power the loads off the campus's bill (a tenant's hall) take from the grid now, MW. */
  tenantDrawMW(site: SiteState): number {
    let mw = 0;
    for (const load of this.list) if (!load.billed) mw += load.demandMW(site);
    return mw;
  }

  /** Facility power kept off for demand-response calls now, MW. */
  curtailedForDemandResponseMW(): number {
    let mw = 0;
    for (const load of this.list) mw += load.curtailedForDemandResponseMW();
    return mw;
  }

  /** Switches off for good the mining machines that free `mw` (a GPU hall converting mining halls). */
  convertMining(mw: number): void {
    for (const load of this.list) if (load.segment === 'mining') load.convert?.(mw);
  }

  /** The first of the loads' own invariants broken now, in words (`--check`). */
  problem(): string | undefined {
    for (const load of this.list) {
      const p = load.problem?.();
      if (p !== undefined) return p;
    }
    return undefined;
  }
}
