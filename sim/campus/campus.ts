/**
 * One variant's campus run against a replication's world, on the event engine.
 *
 *   world ──replay──▶ site ──▶ loads decide ──dispatch──▶ loads take ──▶ ledger ──▶ finance ──▶ metrics
 *
 * 1. Build the site (grid, backup, market, demand-response calls), the ledger, and the layout's
 *    loads from the registry (loads.ts), in shed order: a leased hall, the GPU hall, mining.
 * 2. Replay the world as events (replay.ts): prices, fees, difficulty, halvings, site hours (only
 *    when the layout reads an hourly input), calendar month ends but the horizon's (core/calendar.ts), grid outages and
 *    derates. Loads add their own: a GPU hall's jobs and failures, a fleet's schedule.
 * 3. On every change, `update`: each load decides, the power available is shared in shed order
 *    (site/dispatch.ts), each takes its share, and the bill is re-rated (rating.ts). When the power available
 *    changes (outage, backup, derate, a new hour), `recap` first caps the loads to it.
 * 4. Rates are integrated into the ledger between events (E += P·Δt), never by ticking a clock.
 *    At month ends, the layout's decision rules act on what has been observed so far (policies.ts).
 * 5. At the horizon, finance turns the monthly books and the capex schedule into cash flows, NPV and
 *    IRR; the loads, the site and the segments report the rest (outcome.ts).
 */
import { Simulation } from '../core/engine.js';
import { HOURS_PER_DAY } from '../core/time.js';
import { capexSchedule } from '../finance/capex.js';
import type { ProjectCash } from '../finance/project.js';
import { variantFleet } from '../mining/fleet.js';
import { blockSubsidyBTC, HALVING_INTERVAL_BLOCKS, nextHalvingHeight } from '../network/subsidy.js';
import type { Horizon, VariantConfig, WorldConfig } from '../scenario/types.js';
import { BackupPlan } from './backup-plan.js';
import { DemandResponseCredits } from './demand-response-credits.js';
import { type CampusSnapshot, checkLedger, emptySnapshot, InvariantError } from './invariants.js';
import { Ledger } from './ledger.js';
import type { Load, LoadContext } from './load.js';
import { LoadSet, MINING } from './load-set.js';
import { LOAD_KINDS } from './loads.js';
import type { CampusMetrics } from './metrics.js';
import { campusOutcome } from './outcome.js';
import { Policies } from './policies.js';
import { PRIORITY_BOOKS, PRIORITY_CHAIN, PRIORITY_GRID, PRIORITY_MARKET } from './priorities.js';
import { rateDraws } from './rating.js';
import { replayIntervals, replaySteps } from './replay.js';
import { horizonMonths } from './series.js';
import { SiteState } from './site-state.js';
import { type VariantNetwork, variantNetwork } from './variant-network.js';
import type { World } from './world.js';

export interface CampusResult extends ProjectCash {
  metrics: CampusMetrics;
  /** VARIANT_SERIES month by month, series-major: monthly[s · months + m]. */
  monthly: Float64Array;
  /** Cash by NPV segment and year, then at the horizon (finance/segments.ts). */
  annualUSD: Float64Array;
  /** Per decision rule: the hour it first fired (NaN: never) and how often (policies.ts). */
  decisions: Float64Array;
}

export interface CampusOptions {
  /** Assert after every event that power drawn ≤ power available, GPUs busy ≤ GPUs up, and energy by use sums to the total (`--check`). */
  readonly check?: boolean;
  /** The kinds of load to build (default: every kind, loads.ts). */
  readonly loadKinds?: typeof LOAD_KINDS;
}

export function runCampus(variant: VariantConfig, world: World, config: WorldConfig, horizon: Horizon, options: CampusOptions = {}): CampusResult {
  return new CampusRun(variant, world, config, horizon, options).run();
}

// State in fields, not closure variables: V8 boxes doubles written to closures (see mmc.ts).
class CampusRun {
  private readonly sim = new Simulation(16);
  private readonly site: SiteState;
  private readonly ledger: Ledger;
  private readonly loads: LoadSet;
  private readonly network: VariantNetwork;
  private readonly credits: DemandResponseCredits;
  private readonly policies: Policies;
  /** Was a load held back by the grid at the last dispatch? */
  private gridBound = false;
  /** Set while the loads are capped: their own changes wait for the dispatch that follows. */
  private recapping = false;
  /** Hours of hourly input read (0: no hourly events), and whether some load is re-capped every hour. */
  private readonly hours: number;
  private readonly recapHourly: boolean;
  private readonly snapshot: CampusSnapshot | undefined;

  constructor(
    private readonly variant: VariantConfig,
    private readonly world: World,
    private readonly config: WorldConfig,
    private readonly horizon: Horizon,
    options: CampusOptions,
  ) {
    const sim = this.sim;
    const ledger = (this.ledger = new Ledger(horizonMonths(horizon)));
    let backup: BackupPlan | undefined;
    const ctx: LoadContext = {
      sim, variant, world, config, ledger,
      horizonH: horizon.hours,
      get backup() {
        return backup!; // planned below, once the loads (a tenant's hall among them) are built
      },
      drawChanged: this.drawChanged,
      dispatch: () => this.update(),
      powerChanged: () => this.powerChanged(),
      convertMining: (mw) => this.loads.convertMining(mw),
    };
    const loads = (this.loads = new LoadSet(options.loadKinds ?? LOAD_KINDS, ctx));
    backup = new BackupPlan(variant.site.backup, world.outagesH, world.backupStartDraws, loads.list.find((l) => l.tenant)?.tenant);
    // The chain replay uses the fleet's nominal hashrate at the start: curtailed hours and later
    // purchases move the difficulty by (share of the network) × (change), a second-order effect left out.
    this.network = variantNetwork(world, config, horizon, variantFleet(variant).hashrateTHs);
    this.site = new SiteState(sim, variant.site, world, this.network, config.network.startHeight, backup);
    this.site.othersDrawMW = (self) => loads.billedDrawMW(self);
    this.credits = new DemandResponseCredits(config.site.demandResponse, world.demandResponse?.fourCpPeakH, ledger, loads);
    this.policies = new Policies(sim, variant.policies ?? [], { world, variant, ledger }, loads, () => this.update(), horizon.hours);
    // One event an hour only when this layout reads an hourly input: spot, its halls' weather, DR calls.
    this.hours = Math.max(world.spotUSDPerMWh?.length ?? 0, ...loads.list.map((l) => l.hourlyInputs));
    this.recapHourly = loads.list.some((l) => l.recapHourly);
    this.snapshot = options.check ? emptySnapshot() : undefined;
    if (options.check) sim.afterEvent = this.check;
  }

  run(): CampusResult {
    const { sim, world, site, network, ledger } = this;
    this.update();
    this.credits.atHour(0);
    const halvingHeight = nextHalvingHeight(this.config.network.startHeight);
    const then = (apply: (k: number) => void) => (k: number) => {
      apply(k);
      this.update();
    };
    replaySteps(sim, 'price step', world.priceUSD.length, (k) => k * world.priceStepH, PRIORITY_MARKET, then((k) => (site.priceUSD = world.priceUSD[k])));
    replaySteps(sim, 'fee day', world.days, (d) => d * HOURS_PER_DAY, PRIORITY_MARKET, then((d) => ((site.feeShare = world.feeShare[d]), (site.day = d))));
    replaySteps(sim, 'difficulty epoch', network.epochStartH.length, (e) => network.epochStartH[e], PRIORITY_CHAIN, then((e) => (site.difficulty = network.epochDifficulty[e])));
    replaySteps(sim, 'halving', network.halvingsH.length, (i) => network.halvingsH[i], PRIORITY_CHAIN, then((i) => (site.subsidyBTC = blockSubsidyBTC(halvingHeight + i * HALVING_INTERVAL_BLOCKS))), 0);
    replaySteps(sim, 'month end', ledger.months - 1, (m) => ledger.calendar.boundsH[m + 1], PRIORITY_BOOKS, (m) => this.closeMonth(m, sim.now), 0);
    if (this.hours > 1) sim.schedule(1, this.hourKind, 1, PRIORITY_MARKET);
    replayIntervals(sim, 'grid outage edge', world.outagesH, PRIORITY_GRID, this.onOutageEdge);
    replayIntervals(sim, 'grid derate edge', world.deratesH, PRIORITY_GRID, (starts) => {
      site.derated = starts;
      this.powerChanged();
    });
    const end = this.horizon.hours;
    sim.run(end);
    this.closeMonth(ledger.months - 1, end);
    // Capex as built: a hall a rule built is paid from its decision, one no rule built not at all.
    const capex = capexSchedule(this.policies.asBuilt());
    const { metrics, annualUSD, cash } = campusOutcome(end, ledger, this.loads.list, this.loads.absent, { capex, finance: this.variant.finance, lastBtcPriceUSD: world.priceUSD[world.priceUSD.length - 1], tradedBTC: this.policies.tradedBTC });
    return { metrics, monthly: ledger.series, annualUSD, decisions: this.policies.decisions, ...cash };
  }

  /** After any change: each load decides, the power available is shared in shed order, each takes its share; then the rates follow. */
  private update(): void {
    const { site, ledger } = this;
    const loads = this.loads.list;
    const now = this.sim.now;
    this.loads.readAll(site.hour);
    for (let i = 0; i < loads.length; i++) loads[i].decide(site);
    const allocation = this.loads.share(site);
    const onBill = this.loads.bill;
    let opexUSDPerH = 0, miningOpexUSDPerH = 0, bound = false;
    for (let i = 0; i < loads.length; i++) {
      const load = loads[i];
      load.take(site, allocation.availableMW[i]);
      bound ||= load.gridBound;
      const opex = load.opexUSDPerH();
      opexUSDPerH += opex;
      if (onBill[i] === MINING) miningOpexUSDPerH += opex;
    }
    this.gridBound = bound;
    // Opex runs whether the loads do or not: per MW installed or open, and the company's overhead.
    ledger.setOpex(now, opexUSDPerH + this.variant.finance.fixedOpexUSDPerH, miningOpexUSDPerH);
    this.credits.rate(now, site.drCall(site.hour));
    this.loads.readAll(site.hour);
    this.rate();
  }

  /** Re-rates the power drawn and what it costs (rating.ts). */
  private rate(): void {
    rateDraws(this.ledger, this.loads, this.site, this.sim.now);
  }

  /** Caps every load to the power available to it now, in shed order; the changes that makes wait for the update after. */
  private recap(): void {
    this.recapping = true;
    this.loads.cap(this.site);
    this.recapping = false;
  }

  /** After an outage edge, backup running out, a derate edge or a hall coming online: who has power, re-cap, then update. */
  private powerChanged(): void {
    const { site, ledger, loads } = this;
    const now = this.sim.now;
    loads.setPowered(site);
    this.recap();
    ledger.outageHours.set(now, site.gridUp ? 0 : 1);
    loads.list.forEach((load, i) => ledger.loads[i].darkHours.set(now, load.inService && loads.powered[i] === 0 ? 1 : 0));
    this.update();
  }

  /** A load's draw changed on its own: when that may change what the loads after it get, dispatch again; else re-rate. */
  private readonly drawChanged = (load: Load): void => {
    if (this.recapping) return;
    this.loads.readLoad(load, this.site.hour);
    if (this.gridBound || this.loads.overGrid(this.site)) this.update();
    else this.rate();
  };

  /** Books month `m` ending at `endH`: the bill net of credits, opex, and each load's own accounts. */
  private closeMonth(m: number, endH: number): void {
    this.ledger.closeMonth(m, endH);
    for (const load of this.loads.list) load.closeMonth(m, endH);
  }

  /** The site's hour `h`: spot price, weather-driven cooling and a leased hall's draw, demand-response calls. */
  private onHour(h: number): void {
    const site = this.site;
    site.hour = h;
    const spot = this.world.spotUSDPerMWh;
    if (spot) site.spotUSDPerMWh = spot[h];
    if (this.recapHourly) this.recap();
    this.update();
    this.credits.atHour(h);
  }

  // Nine events in ten of a layout with hourly inputs are its hours, so they have a handler of their
  // own, not replay.ts's shared one, whose inner calls see every series (measured: a mining campus
  // ran 13 % more instructions through it). Kept small: V8 does better with onHour apart (8 % fewer).
  private readonly hourKind = this.sim.on('site hour', (h: number): void => {
    this.onHour(h);
    if (h + 1 < this.hours) this.sim.schedule(h + 1, this.hourKind, h + 1, PRIORITY_MARKET);
  });

  private readonly onOutageEdge = (starts: boolean, i: number): void => {
    const backupEndsH = this.site.outageEdge(starts, i, this.world.outagesH[i][1]);
    if (backupEndsH >= 0) this.sim.schedule(backupEndsH, this.backupEnd, i, PRIORITY_GRID);
    this.powerChanged();
  };

  private readonly backupEnd = this.sim.on('backup exhausted', () => {
    this.site.backupUp = false;
    this.powerChanged();
  });

  /** `--check`: the invariants after every event, the campus's and each load's (invariants.ts). */
  private readonly check = (kind: number): void => {
    const site = this.site;
    const gridAvailableMW = site.gridUp ? site.connectionMW() - this.loads.tenantDrawMW(site) : 0;
    const problem = checkLedger(this.snapshot!, this.ledger, this.sim.now, gridAvailableMW, site.gridUp ? 0 : site.supplyMW()) ?? this.loads.problem();
    if (problem !== undefined) throw new InvariantError(this.sim.kindName(kind), this.sim.now, problem);
  };
}
