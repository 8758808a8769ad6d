/**
 * Mining as a load: the hall's fleet (mining-hall.ts) runs while a MWh of mining earns at least what
 * the marginal MWh costs (economic curtailment), staying off at least `minOffHours` once off so it
 * does not chatter; it stops in demand-response calls and grid outages, and being last in the shed
 * order it gets what the halls leave of the grid. It books its BTC, revenue, hashrate delivered and
 * the machine energy it did not draw, by cause (energy-by-cause order: failure, cooling, grid,
 * outage, demand response, economic — each from what the ones before leave).
 */
import { TimeIntegral } from '../core/stats/time-integral.js';
import { fppsBtcPerHour } from '../network/hashprice.js';
import { MonthlyChange, type LoadAccounts } from './ledger.js';
import type { Load, LoadContext, LoadKind, LoadReport } from './load.js';
import { MiningHall } from './mining-hall.js';
import { PRIORITY_CHAIN } from './priorities.js';
import { replaySteps } from './replay.js';
import type { SiteState } from './site-state.js';
import { asicAvailableByDay } from './site-world.js';

export class MiningLoad implements Load {
  readonly shedRank = 2;
  readonly segment = 'mining';
  readonly billed = true;
  readonly onBackup = false;
  readonly inService = true;
  readonly recapHourly = false;
  readonly hourlyInputs: number;
  gridBound = false;
  private readonly hall: MiningHall;
  /** The share of the fleet working, day by day, from the world's failure pool (absent without failures). */
  private readonly availableByDay: Float64Array | undefined;
  private readonly answersDr: boolean;
  private readonly poolFee: number;
  private readonly curtails: boolean;
  private readonly minOffHours: number;
  private readonly opexUSDPerMWH: number;
  /** Economic state: does mining pay, and since when has it been off? */
  private mining = true;
  private offSinceH = -Infinity;
  /** Switched off by a decision rule until one resumes it (its hours count as economic curtailment). */
  private paused = false;
  /** What `demandMW` decided for this event: runnable machines, BTC per MWh, facility power idle and running, whether it runs. */
  private runnableMW = 0;
  private thPerMW = 0;
  private btcPerMWh = 0;
  private idleFacilityMW = 0;
  private runFacilityMW = 0;
  private drCall = false;
  private running = false;
  /** What `take` settled: machine and facility power, MW, and the facility power a demand-response call keeps off. */
  private itMW = 0;
  private facilityMW = 0;
  private drAvoidedMW = 0;
  private readonly btc = new TimeIntegral(0, 0);
  private readonly revenueUSD = new TimeIntegral(0, 0);
  private readonly deliveredTHs = new TimeIntegral(0, 0);
  private readonly curtailedMW = {
    economic: new TimeIntegral(0, 0),
    demandResponse: new TimeIntegral(0, 0),
    cooling: new TimeIntegral(0, 0),
    grid: new TimeIntegral(0, 0),
    outage: new TimeIntegral(0, 0),
    failure: new TimeIntegral(0, 0),
  };
  private readonly monthlyRevenue: MonthlyChange;
  private readonly monthlyBTC: MonthlyChange;

  constructor(private readonly ctx: LoadContext) {
    const { variant, world, horizonH } = ctx;
    this.hall = new MiningHall(variant, horizonH, world.weather);
    const failures = variant.mining.failures;
    this.availableByDay = failures ? asicAvailableByDay(world, failures) : undefined;
    if (failures && !this.availableByDay) throw new Error(`variant ${variant.name}: the world has no ASIC failure pool for its failure rate`);
    const dr = world.demandResponse;
    this.answersDr = dr !== undefined && variant.mining.demandResponse !== false;
    this.poolFee = variant.mining.poolFee;
    this.curtails = variant.mining.curtail;
    this.minOffHours = variant.mining.minOffHours;
    this.opexUSDPerMWH = variant.finance.miningOpexUSDPerMWH;
    this.hourlyInputs = Math.max(variant.mining.cooling ? (world.weather?.dryBulbC.length ?? 0) : 0, this.answersDr ? dr!.flags.length : 0);
    this.monthlyRevenue = new MonthlyChange(ctx.ledger.monthly.miningRevenueUSD);
    this.monthlyBTC = new MonthlyChange(ctx.ledger.monthly.minedBTC);
    const steps = this.hall.steps;
    // The fleet schedule's steps: after each, the campus decides and dispatches again.
    if (steps) {
      replaySteps(ctx.sim, 'fleet change', steps.changeH.length, (i) => steps.changeH[i], PRIORITY_CHAIN, (i) => {
        this.hall.setStep(i);
        ctx.dispatch();
      });
    }
  }

  facilityDrawMW(): number {
    return this.facilityMW;
  }

  itDrawMW(): number {
    return this.itMW;
  }

  maxItMW(h: number, facilityMW: number): number {
    return this.hall.maxItMW(h, facilityMW);
  }

  /**
   * Decides, on every change, whether mining pays now. A MWh of mining earns the fleet's BTC per MWh × price; the
   * marginal MWh costs spot (bought beyond the PPA block, or not sold back from within it) — unless
   * the fleet fits in a block whose surplus can't be sold. With a cooling model the MWh is the
   * facility's, less the fixed overhead drawn whether mining or not.
   */
  decide(site: SiteState): void {
    const h = site.hour;
    const m = this.hall;
    if (this.availableByDay) m.availableFraction = this.availableByDay[site.day];
    m.assess(h);
    const runnable = (this.runnableMW = m.runnableMW);
    this.thPerMW = m.thPerMW();
    this.drCall = this.answersDr && site.drCall(h) !== 0;
    // BTC an hour per MW of machines running: FPPS pays in proportion to hashrate.
    this.btcPerMWh = fppsBtcPerHour(this.thPerMW, site.difficulty, site.subsidyBTC, site.feeShare, this.poolFee);
    const idle = (this.idleFacilityMW = m.facilityMW(h, 0));
    const run = (this.runFacilityMW = runnable > 0 ? m.facilityMW(h, runnable) : idle);
    if (runnable > 0 && this.curtails) {
      const earnsPerMWh = (this.btcPerMWh * runnable * site.priceUSD) / (run - idle);
      const worthIt = earnsPerMWh >= site.marginalPriceUSDPerMWh(this, run);
      const now = site.nowH;
      if (this.mining && !worthIt) {
        this.mining = false;
        this.offSinceH = now;
      } else if (!this.mining && worthIt && now - this.offSinceH >= this.minOffHours) {
        this.mining = true;
      }
    }
    this.running = this.mining && !this.paused && !this.drCall && site.gridUp;
  }

  /** What the last decision asks for: the running fleet's facility power, or the idle hall's; nothing with the grid down. */
  demandMW(site: SiteState): number {
    return site.gridUp ? (this.running ? this.runFacilityMW : this.idleFacilityMW) : 0;
  }

  cap(): void {
    // Mining takes what it is left on every dispatch (take), not only when the supply changes.
  }

  /** Runs what fits in `availableMW` (machines the grid cannot carry are shed) and books the rates that follow. */
  take(site: SiteState, availableMW: number): void {
    const h = site.hour;
    const gridUp = site.gridUp;
    const runnable = this.runnableMW;
    let itMW = this.running ? runnable : 0;
    let facilityMW = this.running ? this.runFacilityMW : this.idleFacilityMW;
    let gridShedMW = 0;
    if (this.running && facilityMW > availableMW) {
      const fitMW = this.hall.maxItMW(h, availableMW);
      gridShedMW = itMW - fitMW;
      itMW = fitMW;
      facilityMW = this.hall.facilityMW(h, fitMW);
    }
    this.gridBound = gridShedMW > 0;
    this.itMW = itMW;
    this.facilityMW = facilityMW;
    const now = site.nowH;
    const btcPerHour = this.btcPerMWh * itMW;
    this.btc.set(now, btcPerHour);
    this.revenueUSD.set(now, btcPerHour * site.priceUSD);
    const drMW = gridUp && this.drCall ? runnable : 0;
    const c = this.curtailedMW;
    this.deliveredTHs.set(now, itMW * this.thPerMW);
    c.economic.set(now, gridUp && !this.drCall && (!this.mining || this.paused) ? runnable : 0);
    c.demandResponse.set(now, drMW);
    c.cooling.set(now, this.hall.heatMW);
    c.grid.set(now, gridShedMW);
    c.outage.set(now, gridUp ? 0 : runnable);
    c.failure.set(now, this.hall.failureMW);
    // Demand response is paid on the load the grid no longer sees: the facility power curtailed.
    this.drAvoidedMW = drMW > 0 ? this.runFacilityMW - this.idleFacilityMW : 0;
  }

  /** Opex runs whether the machines do or not: per MW installed. */
  opexUSDPerH(): number {
    return this.hall.nominalMW * this.opexUSDPerMWH;
  }

  curtailedForDemandResponseMW(): number {
    return this.drAvoidedMW;
  }

  buy(machines: number): void {
    const m = this.ctx.variant.mining;
    this.hall.add(machines, m.asicPowerMW, m.asicHashrateTHs);
  }

  pause(paused: boolean): void {
    this.paused = paused;
  }

  isPaused(): boolean {
    return this.paused;
  }

  fleetMW(): number {
    return this.hall.nominalMW;
  }

  convert(mw: number): void {
    const m = this.ctx.variant.mining;
    this.hall.convert(mw, m.asicPowerMW, m.asicHashrateTHs);
  }

  closeMonth(m: number, endH: number): void {
    this.monthlyRevenue.close(m, this.revenueUSD.integralAt(endH));
    this.monthlyBTC.close(m, this.btc.integralAt(endH));
  }

  report(endH: number, accounts: LoadAccounts): LoadReport {
    const c = this.curtailedMW;
    const miningRevenueUSD = this.revenueUSD.integralAt(endH);
    return {
      metrics: {
        miningRevenueUSD,
        minedBTC: this.btc.integralAt(endH),
        miningEnergyMWh: accounts.itMW.integralAt(endH),
        deliveredHashrateEHs: this.deliveredTHs.integralAt(endH) / endH / 1e6,
        curtailedEconomicMWh: c.economic.integralAt(endH),
        curtailedDemandResponseMWh: c.demandResponse.integralAt(endH),
        curtailedCoolingMWh: c.cooling.integralAt(endH),
        curtailedGridMWh: c.grid.integralAt(endH),
        curtailedOutageMWh: c.outage.integralAt(endH),
        curtailedFailureMWh: c.failure.integralAt(endH),
      },
      revenueUSD: miningRevenueUSD,
      creditsPaidUSD: 0,
    };
  }
}

/** The layout's mining hall: every layout has one, if only of 0 MW. */
export const MINING_HALL: LoadKind = {
  name: 'mining',
  build: (ctx) => new MiningLoad(ctx),
  absentMetrics: {},
};
