/**
 * A layout's loads in shed order, with what the campus keeps per load between events: whether it
 * has power, its place on the bill, what it draws, and what it asked for at the last dispatch.
 *
 * Draws are read into typed arrays when they may have changed — every load at each dispatch, a GPU
 * hall when it says its jobs changed — and summed from there: a GPU hall changes its draw hundreds
 * of thousands of times a replication, and reading every load again through its interface each time
 * cost a study replication ~12 % more instructions (measured).
 */
import { Allocation, shareSupply } from '../site/dispatch.js';
import type { Load, LoadContext, LoadKind } from './load.js';
import type { Metrics } from './metrics.js';
import type { SiteState } from './site-state.js';

export const OFF_BILL = 0, MINING = 1, COMPUTE = 2;

export class LoadSet {
  readonly list: readonly Load[];
  /** What the kinds this layout lacks report. */
  readonly absent: Partial<Metrics>;
  /** Per load: 1 while it has power (the grid, or backup for those it carries). */
  readonly powered: Uint8Array;
  /**
   * Per load, its place on the bill: 0 off it (a tenant's hall), 1 mining, 2 compute. Read from
   * here on the hot path, not from the loads: across a study's layouts the loads are of several
   * classes, and reading their own fields there made the property loads megamorphic (measured).
   */
  readonly bill: Uint8Array;
  /** Where the loads on the campus's bill sit in `list`, and the tenants' halls (off the bill). */
  private readonly billed: Int32Array;
  private readonly tenants: Int32Array;
  /** Per load, as last read: its facility and IT draw when powered, MW. */
  readonly facilityMW: Float64Array;
  readonly itMW: Float64Array;
  private readonly demandsMW: Float64Array;
  private readonly allocation: Allocation;

  /** This layout's load of each kind it has, by the kind's name (what decision rules act on). */
  readonly byKind: ReadonlyMap<string, Load>;

  constructor(kinds: readonly LoadKind[], ctx: LoadContext) {
    const built = kinds.map((kind) => kind.build(ctx));
    this.byKind = new Map(kinds.flatMap((kind, i) => (built[i] ? [[kind.name, built[i]!] as const] : [])));
    this.list = built.filter((l): l is Load => l !== undefined).sort((a, b) => a.shedRank - b.shedRank);
    this.absent = Object.assign({}, ...kinds.filter((_, i) => built[i] === undefined).map((kind) => kind.absentMetrics));
    const n = this.list.length;
    this.powered = new Uint8Array(n).fill(1);
    this.bill = Uint8Array.from(this.list, (l) => (!l.billed ? OFF_BILL : l.segment === 'mining' ? MINING : COMPUTE));
    this.billed = Int32Array.from(this.list.keys()).filter((i) => this.list[i].billed);
    this.tenants = Int32Array.from(this.list.keys()).filter((i) => !this.list[i].billed);
    this.facilityMW = new Float64Array(n);
    this.itMW = new Float64Array(n);
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

  /** Reads every load's draw in hour `h`. */
  readAll(h: number): void {
    for (let i = 0; i < this.list.length; i++) this.read(i, h);
  }

  /** Reads the draw of `load` in hour `h` (it changed on its own). */
  readLoad(load: Load, h: number): void {
    for (let i = 0; i < this.list.length; i++) if (this.list[i] === load) this.read(i, h);
  }

  private read(i: number, h: number): void {
    this.facilityMW[i] = this.list[i].facilityDrawMW(h);
    this.itMW[i] = this.list[i].itDrawMW();
  }

  /** With the grid up, would the billed loads now draw more than the connection leaves them after a tenant's hall? */
  overGrid(site: SiteState): boolean {
    return site.gridUp && this.billedDrawMW() > site.connectionMW() - this.tenantDrawMW(site);
  }

  /** Who has power now: every load with the grid up; in an outage, those backup carries while it runs. */
  setPowered(site: SiteState): void {
    for (let i = 0; i < this.list.length; i++) this.powered[i] = site.gridUp || (site.backupUp && this.list[i].onBackup) ? 1 : 0;
  }

  /** Facility power the billed loads other than `self` draw, MW, as last read (all of them for `self` undefined). */
  billedDrawMW(self?: object): number {
    const loads = this.list, billed = this.billed;
    let mw = 0;
    for (let k = 0; k < billed.length; k++) if (loads[billed[k]] !== self) mw += this.facilityMW[billed[k]];
    return mw;
  }

  /** Facility power the loads off the campus's bill (a tenant's hall) take from the grid now, MW. */
  tenantDrawMW(site: SiteState): number {
    const loads = this.list, tenants = this.tenants;
    let mw = 0;
    for (let k = 0; k < tenants.length; k++) mw += loads[tenants[k]].demandMW(site);
    return mw;
  }

  /** Facility power kept off for demand-response calls now, MW. */
  curtailedForDemandResponseMW(): number {
    const loads = this.list;
    let mw = 0;
    for (let i = 0; i < loads.length; i++) mw += loads[i].curtailedForDemandResponseMW();
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
