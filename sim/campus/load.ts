/**
 * A load on the campus — a mining hall, an owned GPU hall, a leased hall, or whatever comes later —
 * as the campus's event loop sees it: what it draws and asks for, the IT it can hold at the power
 * available, how it is capped, where it stands in the shed order, how it closes a month and what it
 * reports. Each kind is one file implementing this interface, listed in loads.ts.
 */
import type { Simulation } from '../core/engine.js';
import type { VariantConfig, WorldConfig } from '../scenario/types.js';
import type { BackupLease, BackupPlan } from './backup-plan.js';
import type { Ledger, LoadAccounts } from './ledger.js';
import type { Metrics } from './metrics.js';
import type { SiteState } from './site-state.js';
import type { World } from './world.js';

export interface Load {
  /** Served in this order when power is short, lowest first, and shed in reverse. */
  readonly shedRank: number;
  /** Whose revenue it earns, for EBITDA by segment; mining's share of the power bill is what the compute loads leave. */
  readonly segment: 'mining' | 'compute';
  /** Is its power on the campus's bill? (A leased hall's tenant pays for its own.) */
  readonly billed: boolean;
  /** May backup carry it through a grid outage? */
  readonly onBackup: boolean;
  /** Hours of hourly input it reads (weather, demand-response calls): the campus re-dispatches every hour while any load does. */
  readonly hourlyInputs: number;
  /** Does what it can hold, or leaves the loads after it, follow the weather, so that it is re-capped every hour? */
  readonly recapHourly: boolean;
  /** Is it in service now (built, online)? Hours in service without power are its dark hours. */
  readonly inService: boolean;
  /** Was it held back by the power available at the last dispatch (so a load above it changing may change what it gets)? */
  readonly gridBound: boolean;

  /** Facility power it draws now when powered, MW, in hour `h`; and the IT power within it. */
  facilityDrawMW(h: number): number;
  itDrawMW(): number;
  /** The most IT power, MW, that `facilityMW` of facility power runs in hour `h` (its cooling's limit). */
  maxItMW(h: number, facilityMW: number): number;
  /** Decides afresh, on every change, what it would run (does mining pay?); loads that only follow their own events do nothing. */
  decide(site: SiteState): void;
  /** Facility power it asks of the supply now, MW, as last decided. */
  demandMW(site: SiteState): number;
  /** The power available to it may have changed (an outage, backup, a derate, a new hour): from now on it runs within `availableMW`. */
  cap(site: SiteState, availableMW: number): void;
  /** After every dispatch: it may draw at most `availableMW` (mining sheds the machines it cannot run) and books its rates from now on. */
  take(site: SiteState, availableMW: number): void;
  /** Its operating cost now, USD per hour. */
  opexUSDPerH(): number;
  /** Facility power it keeps off for a demand-response call now, MW: what the grid no longer sees, which the programs pay for. */
  curtailedForDemandResponseMW(): number;
  /** Books month `m`, ending at `endH`, into the ledger's monthly accounts. */
  closeMonth(m: number, endH: number): void;
  /** What it reports at the horizon `endH`, from its own accounts and books. */
  report(endH: number, accounts: LoadAccounts): LoadReport;
  /** Switches off for good the capacity that frees `mw` (mining halls converted to another use). */
  convert?(mw: number): void;
  /** A hall a decision rule builds: construction starts now (it is not built at the start). */
  build?(): void;
  /** A tenant's lease a decision rule signs now: its hall is not built at the start. */
  sign?(): void;
  /** Would a decision rule's renewal of the lease change anything now; and the renewal itself. */
  renewable?(): boolean;
  renew?(): void;
  /** Switched off (true) or on again (false) by a decision rule, whatever it would decide itself. */
  pause?(paused: boolean): void;
  /** `machines` more of its model arrive now (a decision rule's purchase). */
  buy?(machines: number): void;
  /** Machines in service, MW of IT, and whether a rule has paused them (for the rules: what a buy, pause or resume would change). */
  fleetMW?(): number;
  isPaused?(): boolean;
  /** Set for a tenant's hall: backup is planned to carry it whole, before the campus's own halls (backup-plan.ts). */
  readonly tenant?: BackupLease;
  /** With `--check`: the first of its own invariants it breaks now, in words, or undefined. */
  problem?(): string | undefined;
}

/** What a load reports at the horizon. */
export interface LoadReport {
  /** Its own metrics, by their names in METRICS. */
  readonly metrics: Partial<Metrics>;
  /** Its revenue over the horizon, and the credits owed its customers out of it (SLA), for EBITDA by segment, USD. */
  readonly revenueUSD: number;
  readonly creditsPaidUSD: number;
  /** Income contracted beyond the horizon, valued at it (a lease's remaining rent), USD. */
  readonly afterHorizonUSD?: number;
}

/** What a load is built from, and how it tells the campus about changes it makes on its own. */
export interface LoadContext {
  readonly sim: Simulation;
  readonly variant: VariantConfig;
  readonly world: World;
  readonly config: WorldConfig;
  readonly horizonH: number;
  /** The campus's books, on the horizon's calendar months (ledger.calendar): a load writes its monthly accounts there. */
  readonly ledger: Ledger;
  /** The site's backup plan for grid outages (ready once every load is built). */
  readonly backup: BackupPlan;
  /** `load`'s draw changed on its own (a GPU hall's jobs): the campus re-rates, or dispatches again when that may change what others get. */
  drawChanged(load: Load): void;
  /** Something it decides on changed (its fleet): the campus decides and dispatches again. */
  dispatch(): void;
  /** It came online: the campus re-caps every load to the power available, then dispatches again. */
  powerChanged(): void;
  /** Switches off for good the mining machines that free `mw` (a GPU hall converting mining halls as it opens). */
  convertMining(mw: number): void;
}

/** One kind of load: builds a layout's load of this kind, and says what a layout without one reports. */
export interface LoadKind {
  readonly name: string;
  /** This layout's load of this kind, or undefined when it has none. */
  build(ctx: LoadContext): Load | undefined;
  /** The kind's metrics in a layout without one. */
  readonly absentMetrics: Partial<Metrics>;
}
