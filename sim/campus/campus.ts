/**
 * One variant's campus run against a replication's world, on the event engine. Price steps, fee
 * days, difficulty epochs, halvings, site hours (spot prices, weather, demand-response calls: one
 * event an hour, and only when the scenario has hourly inputs), fleet changes and grid outages change
 * the rates; revenue, BTC, energy and cost are integrated between events (E += P·Δt), never by
 * ticking a clock.
 *
 * Power: a fixed-price PPA block is paid whether used or not; power beyond it is bought at spot and,
 * where the contract allows, power left in it is sold back at spot. So the marginal MWh costs the
 * spot price, and the fleet mines only while a MWh of mining earns at least that (economic
 * curtailment), staying off at least `minOffHours` once off so it does not chatter.
 *
 * What the fleet can run in an hour is what failures, heat (air-cooled ASICs) and its hall's cooling
 * leave (mining-hall.ts); it is shed first when the grid is short, and stops in demand-response calls.
 * The GPU hall is capped to the GPUs its cooling and power allow (lower classes preempted first);
 * each hall draws IT × PUE(ambient, part load) when it has a cooling model. A leased hall runs what
 * its cooling holds of the tenant's IT (lease-hall.ts); the rest counts against the SLA. In a grid
 * outage mining stops and nothing is bought; backup carries a leased hall, then the GPU hall, up to
 * its capacity while its fuel lasts (backup-plan.ts).
 */
import { Simulation } from '../core/engine.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH, HOURS_PER_YEAR } from '../core/time.js';
import { debtFlows, irr, minimumCash, npv, paybackYears } from '../finance/cash-flows.js';
import { capitalRunsOutYears } from '../finance/incremental.js';
import { incomeTax } from '../finance/tax.js';
import { capexSchedule, residualValueUSD } from '../finance/capex.js';
import { segmentValues } from '../finance/segments.js';
import { type LeaseIncome, leaseIncome } from '../hpc/lease.js';
import { variantFleet } from '../mining/fleet.js';
import { fppsBtcPerHour } from '../network/hashprice.js';
import { blockSubsidyBTC, HALVING_INTERVAL_BLOCKS, nextHalvingHeight } from '../network/subsidy.js';
import type { Horizon, VariantConfig, WorldConfig } from '../scenario/types.js';
import { DR_PRICE, type FourCpSpec, fourCpCreditUSD } from '../site/demand-response.js';
import { HallCooling } from '../site/hall-cooling.js';
import { allocateLoad, LoadAllocation } from '../site/shed.js';
import { BackupPlan } from './backup-plan.js';
import { EnergyBooks } from './energy-books.js';
import { GpuHall } from './gpu-hall.js';
import { type CampusSnapshot, campusProblem, InvariantError } from './invariants.js';
import { LeaseHall } from './lease-hall.js';
import { type CampusMetrics, gpuMetrics } from './metrics.js';
import { MiningHall } from './mining-hall.js';
import { monthsIn, VARIANT_SERIES } from './series.js';
import { asicAvailableByDay } from './site-world.js';
import { type VariantNetwork, variantNetwork } from './variant-network.js';
import type { World } from './world.js';

// Same-hour order: outages and the chain change first, then prices are read, then books close.
const PRIORITY_GRID = -2;
const PRIORITY_CHAIN = -1;
const PRIORITY_MARKET = 0;
const PRIORITY_BOOKS = 1;

const GPU_REVENUE = VARIANT_SERIES.findIndex((x) => x.name === 'gpuCloudRevenueUSD');
const INFERENCE_REVENUE = VARIANT_SERIES.findIndex((x) => x.name === 'inferenceRevenueUSD');
const GPU_UTILISATION = VARIANT_SERIES.findIndex((x) => x.name === 'gpuUtilisation');

export interface CampusResult {
  metrics: CampusMetrics;
  /** VARIANT_SERIES month by month, series-major: monthly[s · months + m]. */
  monthly: Float64Array;
  /** Cash by NPV segment and year, then at the horizon (finance/segments.ts). */
  annualUSD: Float64Array;
  /** Monthly project cash (index 0 the start, k the end of month k): capex and operations, then with the horizon's values added. */
  cashUSD: Float64Array;
  flowsUSD: Float64Array;
  /** The flows less income tax, when the scenario has `finance.tax`. */
  afterTaxFlowsUSD?: Float64Array;
}

export interface CampusOptions {
  /** Assert after every event that power drawn ≤ power available, GPUs busy ≤ GPUs up, and energy by use sums to the total (`--check`). */
  readonly check?: boolean;
}

export function runCampus(variant: VariantConfig, world: World, config: WorldConfig, horizon: Horizon, options: CampusOptions = {}): CampusResult {
  return new CampusRun(variant, world, config, horizon, options).run();
}

// State in fields, not closure variables: V8 boxes doubles written to closures (see mmc.ts).
class CampusRun {
  private readonly sim = new Simulation(16);
  private readonly miningHall: MiningHall;
  private readonly capexUSD: number;
  private readonly hall: GpuHall | undefined;
  private readonly backup: BackupPlan;
  private readonly books = new EnergyBooks();
  /** The GPU hall's share of the power bill, opex, and mining's share of opex (USD per hour). */
  private readonly hpcCost = new TimeIntegral(0, 0);
  private readonly opex = new TimeIntegral(0, 0);
  private readonly miningOpex = new TimeIntegral(0, 0);
  private readonly network: VariantNetwork;
  private readonly btc = new TimeIntegral(0, 0);
  private readonly revenue = new TimeIntegral(0, 0);
  private readonly cost = new TimeIntegral(0, 0);
  private readonly sold = new TimeIntegral(0, 0);
  private readonly down = new TimeIntegral(0, 0);
  private readonly hallDark = new TimeIntegral(0, 0);
  private readonly priceCredits = new TimeIntegral(0, 0);
  private fourCpCreditsUSD = 0;
  private priceUSD: number;
  private feeShare: number;
  private difficulty: number;
  private subsidyBTC: number;
  private spotUSDPerMWh: number;
  private readonly firstHalvingHeight: number;
  /** The hour of the horizon the site's hourly inputs are read at (0 when there are none). */
  private hour = 0;
  private readonly hours: number;
  /** Per hour, the demand-response bits this layout answers (undefined: none). */
  private readonly drFlags: Uint8Array | undefined;
  private readonly fourCpPeakH: Int32Array;
  private nextPeak = 0;
  private readonly fourCpSpec: FourCpSpec | undefined;
  private readonly priceCreditUSDPerMWh: number;
  private readonly availableByDay: Float64Array | undefined;
  /** Economic state: does mining pay, and since when has it been off? */
  private mining = true;
  private offSinceH = -Infinity;
  private outage = false;
  private outageIndex = -1;
  /** In a partial grid derate (the world's derateLostShare of the connection gone). */
  private derated = false;
  private backupActive = false;
  /** Is the GPU hall powered (grid up, or backup carrying it)? */
  private hallPowered = true;
  /** Rates set by the last `update`: mining's IT and facility power, MW, and the DR-curtailed facility power. */
  private miningItMW = 0;
  private miningFacilityMW = 0;
  private drAvoidedMW = 0;
  /** Did the grid, not the fleet, limit mining at the last update? */
  private gridBound = false;
  private readonly allocation = new LoadAllocation();
  /** Set while the campus caps the hall, so the hall's load changes wait for the update that follows. */
  private recapping = false;
  /** A leased hall of more than 0 MW, if the layout has one. */
  private readonly lease: LeaseHall | undefined;
  private readonly kinds: { price: number; day: number; epoch: number; halving: number; month: number; hour: number; outage: number; derate: number; backupEnd: number; fleet: number };
  private readonly months: number;
  private readonly monthly: Float64Array;
  private readonly monthlyCost: Float64Array;
  private readonly monthlyOpex: Float64Array;
  /** Power sold back and demand-response credits each month (the cost above is net of both). */
  private readonly monthlySold: Float64Array;
  private readonly monthlyCredits: Float64Array;
  private soldAtMonthStart = 0;
  private creditsAtMonthStart = 0;
  private opexAtMonthStart = 0;
  private revenueAtMonthStart = 0;
  private costAtMonthStart = 0;
  private gpuRevenueAtMonthStart = 0;
  private inferenceRevenueAtMonthStart = 0;
  private gpuHoursAtMonthStart = { busy: 0, available: 0 };
  private readonly snapshot: CampusSnapshot | undefined;

  constructor(
    private readonly variant: VariantConfig,
    private readonly world: World,
    config: WorldConfig,
    private readonly horizon: Horizon,
    options: CampusOptions,
  ) {
    this.miningHall = new MiningHall(variant, horizon.hours, world.weather);
    this.capexUSD = capexSchedule(variant).reduce((sum, i) => sum + i.usd, 0);
    // The chain replay uses the fleet's nominal hashrate at the start: curtailed hours and later
    // purchases move the difficulty by (share of the network) × (change), a second-order effect left out.
    this.network = variantNetwork(world, config, horizon, variantFleet(variant).hashrateTHs);
    this.priceUSD = world.priceUSD[0];
    this.feeShare = world.feeShare[0];
    this.difficulty = this.network.epochDifficulty[0];
    this.subsidyBTC = blockSubsidyBTC(config.network.startHeight);
    this.spotUSDPerMWh = world.spotUSDPerMWh ? world.spotUSDPerMWh[0] : variant.site.powerPriceUSDPerMWh;
    this.firstHalvingHeight = nextHalvingHeight(config.network.startHeight);
    const dr = world.demandResponse;
    this.drFlags = dr && variant.mining.demandResponse !== false ? dr.flags : undefined;
    this.lease = variant.lease && variant.lease.itMW > 0 ? new LeaseHall(variant.lease, world.weather, variant.name) : undefined;
    // One event an hour only when this layout reads an hourly input: spot, its halls' weather, DR calls.
    const readsWeather = variant.mining.cooling !== undefined || variant.gpuCloud?.cooling !== undefined || this.lease?.hourly === true;
    this.hours = Math.max(world.spotUSDPerMWh?.length ?? 0, readsWeather ? (world.weather?.dryBulbC.length ?? 0) : 0, this.drFlags?.length ?? 0);
    this.fourCpPeakH = this.drFlags && dr ? dr.fourCpPeakH : new Int32Array(0);
    this.fourCpSpec = config.site.demandResponse?.fourCp;
    this.priceCreditUSDPerMWh = config.site.demandResponse?.price?.creditUSDPerMWh ?? 0;
    const failures = variant.mining.failures;
    this.availableByDay = failures ? asicAvailableByDay(world, failures) : undefined;
    if (failures && !this.availableByDay) throw new Error(`variant ${variant.name}: the world has no ASIC failure pool for its failure rate`);
    this.backup = new BackupPlan(variant.site.backup, world.outagesH, world.backupStartDraws, this.lease);
    const sim = this.sim;
    this.kinds = {
      price: sim.on('price step', this.onPrice),
      day: sim.on('fee day', this.onDay),
      epoch: sim.on('difficulty epoch', this.onEpoch),
      halving: sim.on('halving', this.onHalving),
      month: sim.on('month end', this.onMonthEnd),
      hour: sim.on('site hour', this.onHour),
      outage: sim.on('grid outage edge', this.onOutageEdge),
      derate: sim.on('grid derate edge', this.onDerateEdge),
      backupEnd: sim.on('backup exhausted', this.onBackupEnd),
      fleet: sim.on('fleet change', this.onFleetChange),
    };
    const g = variant.gpuCloud;
    if (g) {
      if (g.cooling && !world.weather) throw new Error(`variant ${variant.name}: GPU-hall cooling needs the world's weather`);
      const cooling = g.cooling ? new HallCooling(g.cooling, g.itMW, world.weather!) : undefined;
      this.hall = new GpuHall(sim, g, world.seed, world.replication, this.onHallLoad, this.onHallOnline, horizon.hours, PRIORITY_GRID, cooling);
    }
    this.months = monthsIn(horizon);
    this.monthly = new Float64Array(VARIANT_SERIES.length * this.months);
    this.monthlyCost = new Float64Array(this.months);
    this.monthlyOpex = new Float64Array(this.months);
    this.monthlySold = new Float64Array(this.months);
    this.monthlyCredits = new Float64Array(this.months);
    if (options.check) {
      this.snapshot = { gridMW: 0, gridAvailableMW: 0, backupMW: 0, backupAvailableMW: 0, gpusBusy: 0, gpusAllowed: 0, gpusUp: 0, useMW: 0, drawnMW: 0, useMWh: 0, drawnMWh: 0 };
      sim.afterEvent = this.check;
    }
  }

  run(): CampusResult {
    const { sim, kinds, network, world } = this;
    if (this.availableByDay) this.miningHall.availableFraction = this.availableByDay[0];
    this.update();
    this.bookFourCp(0);
    if (world.priceUSD.length > 1) sim.schedule(world.priceStepH, kinds.price, 1, PRIORITY_MARKET);
    if (world.days > 1) sim.schedule(HOURS_PER_DAY, kinds.day, 1, PRIORITY_MARKET);
    if (network.epochStartH.length > 1) sim.schedule(network.epochStartH[1], kinds.epoch, 1, PRIORITY_CHAIN);
    if (network.halvingsH.length > 0) sim.schedule(network.halvingsH[0], kinds.halving, 0, PRIORITY_CHAIN);
    if (this.months > 1) sim.schedule(HOURS_PER_MONTH, kinds.month, 0, PRIORITY_BOOKS);
    if (this.hours > 1) sim.schedule(1, kinds.hour, 1, PRIORITY_MARKET);
    const steps = this.miningHall.steps;
    if (steps && steps.changeH.length > 1) sim.schedule(steps.changeH[1], kinds.fleet, 1, PRIORITY_CHAIN);
    // Outage edges: data 2i is the start of outage i, 2i + 1 its end.
    if (world.outagesH.length > 0) sim.schedule(world.outagesH[0][0], kinds.outage, 0, PRIORITY_GRID);
    if (world.deratesH.length > 0) sim.schedule(world.deratesH[0][0], kinds.derate, 0, PRIORITY_GRID);
    const end = this.horizon.hours;
    sim.run(end);
    this.closeMonth(this.months - 1, end);

    // A lease pays rent from when its hall is built, less credits for months the grid or the heat let
    // it down. The tenant pays for the power it uses (pass-through), so the lease adds no power cost
    // here, and its energy is not in the campus's books (so neither is what its cooling could not hold).
    const lease = this.leaseIncome();

    // Cash flows: capex when it is paid, then each month's revenue less its power cost (net of
    // demand-response credits) and opex, plus rent. Mined BTC kept in treasury is not cash until the
    // horizon. A payment at hour h lands at the month boundary on or after it (flows[0] is the start).
    const months = this.months;
    const finance = this.variant.finance;
    const sold = 1 - finance.btcHeldShare;
    const flows = new Float64Array(months + 1);
    const capex = capexSchedule(this.variant);
    for (const item of capex) flows[Math.min(months, Math.ceil(item.atH / HOURS_PER_MONTH - 1e-9))] -= item.usd;
    for (let m = 0; m < months; m++) {
      const rent = lease ? lease.monthly.rentUSD[m] - lease.monthly.creditUSD[m] : 0;
      flows[m + 1] += sold * this.monthly[m] - this.monthlyCost[m] - this.monthlyOpex[m] + rent + this.monthly[GPU_REVENUE * months + m] + this.monthly[INFERENCE_REVENUE * months + m];
      this.monthly[months + m] = (m > 0 ? this.monthly[months + m - 1] : flows[0]) + flows[m + 1];
      this.monthly[2 * months + m] = rent;
    }
    const minCashUSD = minimumCash(flows);
    const paybackYearsCash = paybackYears(flows);
    const cashUSD = flows.slice();
    // What is left at the horizon: rent contracted beyond it (no further outages assumed), the BTC
    // kept at the last price, the book value of assets with life left, and any terminal multiple.
    const contractedRentUSD = lease ? this.leaseRentAfterHorizonUSD() : 0;
    if (lease) flows[months] += contractedRentUSD;
    const treasuryBTC = finance.btcHeldShare * this.btc.integralAt(end);
    const treasuryUSD = treasuryBTC * this.world.priceUSD[this.world.priceUSD.length - 1];
    flows[months] += treasuryUSD;
    const residualUSD = residualValueUSD(capex, finance.lives, end);
    flows[months] += residualUSD;
    if (finance.terminalYears > 0) {
      const last = Math.min(12, months);
      let yearFlow = 0;
      for (let m = months - last; m < months; m++) yearFlow += flows[m + 1];
      flows[months] += finance.terminalYears * yearFlow * (12 / last);
    }
    // Income tax on these flows, when the scenario has one: after-tax flows beside the pre-tax ones.
    const tax = finance.tax ? incomeTax(cashUSD, flows[months] - cashUSD[months], capex, (atH) => Math.min(months, Math.ceil(atH / HOURS_PER_MONTH - 1e-9)), finance.tax) : undefined;
    const afterTaxFlowsUSD = tax ? flows.map((f, k) => f - tax.taxUSD[k]) : undefined;
    const miningRevenueUSD = this.revenue.integralAt(end);
    const powerCostUSD = this.cost.integralAt(end);
    const gpuPowerCostUSD = this.hpcCost.integralAt(end);
    const opexUSD = this.opex.integralAt(end);
    const miningOpexUSD = this.miningOpex.integralAt(end);
    // Opex is mining's, the GPU hall's, and overhead charged to neither segment.
    const gpuOpexUSD = opexUSD - miningOpexUSD - finance.fixedOpexUSDPerH * end;
    const minedBTC = this.btc.integralAt(end);
    const creditsUSD = this.creditsToDate(end);
    const gpu = gpuMetrics(this.hall?.metrics(end));
    const leaseRentUSD = lease?.rentUSD ?? 0;
    const slaCreditsUSD = lease?.creditsUSD ?? 0;
    const computeUSD = leaseRentUSD + gpu.gpuCloudRevenueUSD;
    // Mining's costs: its share of the power bill, less the demand-response credits it earns, and its opex.
    const miningCostUSD = powerCostUSD - gpuPowerCostUSD - creditsUSD + miningOpexUSD;
    // Equity view: the project's flows plus the debt's (money in, interest, principal).
    const debt = finance.debt ? debtFlows(finance.debt.amountUSD, finance.debt.ratePerYear, finance.debt.maturityH / HOURS_PER_MONTH, months) : undefined;
    const npvUSD = npv(flows, finance.discountRatePerYear);
    // The same flows by segment (the monthly cost above is the bill less what was sold and credited).
    const segments = segmentValues(
      {
        months,
        miningRevenueUSD: this.monthly.subarray(0, months),
        btcSoldShare: sold,
        powerBillUSD: this.monthlyCost.map((c, m) => c + this.monthlySold[m] + this.monthlyCredits[m]),
        powerSoldUSD: this.monthlySold,
        demandResponseUSD: this.monthlyCredits,
        opexUSD: this.monthlyOpex,
        leaseRentUSD: lease ? lease.monthly.rentUSD.map((r, m) => r - lease.monthly.creditUSD[m]) : new Float64Array(months),
        gpuCloudRevenueUSD: this.monthly.subarray(GPU_REVENUE * months, (GPU_REVENUE + 1) * months).map((r, m) => r + this.monthly[INFERENCE_REVENUE * months + m]),
        capex,
        treasuryUSD,
        contractedRentUSD,
        residualUSD,
        terminalYears: finance.terminalYears,
      },
      finance.discountRatePerYear,
    );
    const b = this.books;
    const metrics: CampusMetrics = {
      npvUSD,
      equityNpvUSD: debt ? npvUSD + npv(debt.flows, finance.discountRatePerYear) : npvUSD,
      afterTaxNpvUSD: afterTaxFlowsUSD ? npv(afterTaxFlowsUSD, finance.discountRatePerYear) : NaN,
      taxUSD: tax ? tax.totalTaxUSD : 0,
      interestUSD: debt ? debt.interestUSD : 0,
      campusIrr: irr(flows),
      campusPaybackYears: paybackYearsCash,
      miningProfitUSD: miningRevenueUSD - powerCostUSD + creditsUSD,
      miningRevenueUSD,
      powerCostUSD,
      opexUSD,
      miningEbitdaUSD: miningRevenueUSD - miningCostUSD,
      computeEbitdaUSD: computeUSD - slaCreditsUSD - gpuPowerCostUSD - gpuOpexUSD,
      breakEvenBtcUSD: minedBTC > 0 ? miningCostUSD / minedBTC : NaN,
      leaseRentUSD,
      slaCreditsUSD,
      leaseUndeliveredMWh: lease ? lease.undeliveredKWh / 1000 : 0,
      capexUSD: this.capexUSD,
      minCashUSD,
      capitalHeadroomUSD: Number.isFinite(finance.capitalUSD) ? finance.capitalUSD + minCashUSD : NaN,
      capitalRunsOutYears: capitalRunsOutYears(cashUSD, finance.capitalUSD),
      treasuryBTC,
      treasuryUSD,
      residualValueUSD: residualUSD,
      energyMWh: b.totalMWh(end),
      gpuEnergyMWh: b.gpuFacilityMW.integralAt(end),
      curtailedEconomicMWh: b.curtailedEconomicMW.integralAt(end),
      curtailedOutageMWh: b.curtailedOutageMW.integralAt(end),
      outageHours: this.down.integralAt(end),
      powerSoldUSD: this.sold.integralAt(end),
      minedBTC,
      computeRevenueShare: computeUSD + miningRevenueUSD > 0 ? computeUSD / (computeUSD + miningRevenueUSD) : 0,
      miningEnergyMWh: b.miningItMW.integralAt(end),
      gpuItEnergyMWh: b.gpuItMW.integralAt(end),
      coolingEnergyMWh: b.overheadMW.integralAt(end),
      backupEnergyMWh: b.backupMW.integralAt(end),
      curtailedDemandResponseMWh: b.curtailedDemandResponseMW.integralAt(end),
      curtailedCoolingMWh: b.curtailedCoolingMW.integralAt(end),
      curtailedGridMWh: b.curtailedGridMW.integralAt(end),
      curtailedFailureMWh: b.curtailedFailureMW.integralAt(end),
      demandResponseCreditsUSD: creditsUSD,
      deliveredHashrateEHs: b.deliveredTHs.integralAt(end) / end / 1e6,
      gpuDowntimeHours: this.hallDark.integralAt(end),
      ...gpu,
      ...segments.npvUSD,
    };
    return { metrics, monthly: this.monthly, annualUSD: segments.annualUSD, cashUSD, flowsUSD: flows, ...(afterTaxFlowsUSD ? { afterTaxFlowsUSD } : {}) };
  }

  /**
   * Re-decides whether to mine and re-rates everything after any change. A MWh of mining earns the
   * fleet's BTC per MWh × price; the marginal MWh costs spot (bought beyond the PPA block, or not
   * sold back from within it) — unless the fleet fits in a block whose surplus can't be sold. With a
   * cooling model the MWh is the facility's, less the fixed overhead drawn whether mining or not.
   */
  private update(): void {
    const now = this.sim.now;
    const h = this.hour;
    const site = this.variant.site;
    const m = this.miningHall;
    m.assess(h);
    const runnable = m.runnableMW;
    const thPerMW = m.thPerMW();
    const gridUp = !this.outage;
    const flags = this.drFlags;
    const drCall = flags !== undefined && flags[h] !== 0;
    // BTC an hour per MW of machines running: FPPS pays in proportion to hashrate.
    const btcPerMWh = fppsBtcPerHour(thPerMW, this.difficulty, this.subsidyBTC, this.feeShare, this.variant.mining.poolFee);
    // Facility power with no machines running (the cooling's fixed overhead), and with all that can run.
    const idleFacilityMW = m.facilityMW(h, 0);
    const runFacilityMW = runnable > 0 ? m.facilityMW(h, runnable) : idleFacilityMW;
    if (runnable > 0 && this.variant.mining.curtail) {
      const earnsPerMWh = (btcPerMWh * runnable * this.priceUSD) / (runFacilityMW - idleFacilityMW);
      const hallMW = this.hall ? this.hall.facilityDrawMW(h) : 0;
      const marginalCost = site.sellBack || runFacilityMW + hallMW > site.ppaBlockMW ? this.spotUSDPerMWh : 0;
      const worthIt = earnsPerMWh >= marginalCost;
      if (this.mining && !worthIt) {
        this.mining = false;
        this.offSinceH = now;
      } else if (!this.mining && worthIt && now - this.offSinceH >= this.variant.mining.minOffHours) {
        this.mining = true;
      }
    }
    const running = this.mining && !drCall && gridUp;
    let itMW = running ? runnable : 0;
    let facilityMW = running ? runFacilityMW : idleFacilityMW;
    let gridShedMW = 0;
    if (running) {
      // Mining is shed first when the grid is short: it gets what the halls leave (the GPU hall,
      // already capped to its power, is served whole; within it capNow keeps contracted pods longest).
      const share = allocateLoad(Math.max(0, this.gridAvailableMW()), this.hall ? this.hall.facilityDrawMW(h) : 0, 0, facilityMW, this.allocation);
      if (share.shedMiningMW > 0) {
        const fitMW = m.maxItMW(h, share.miningMW);
        gridShedMW = itMW - fitMW;
        itMW = fitMW;
        facilityMW = m.facilityMW(h, fitMW);
      }
    }
    this.gridBound = gridShedMW > 0;
    this.miningItMW = itMW;
    this.miningFacilityMW = gridUp ? facilityMW : 0;
    const btcPerHour = btcPerMWh * itMW;
    this.btc.set(now, btcPerHour);
    this.revenue.set(now, btcPerHour * this.priceUSD);
    // Opex runs whether the machines do or not: per MW installed, per MW of an open hall, overhead.
    const f = this.variant.finance;
    const miningOpex = m.nominalMW * f.miningOpexUSDPerMWH;
    this.miningOpex.set(now, miningOpex);
    this.opex.set(now, miningOpex + (this.hall?.online ? this.hall.config.itMW * f.gpuOpexUSDPerMWH : 0) + f.fixedOpexUSDPerH);
    const drMW = gridUp && drCall ? runnable : 0;
    this.books.setMining(now, itMW * thPerMW, gridUp && !drCall && !this.mining ? runnable : 0, drMW, m.heatMW, gridShedMW, gridUp ? 0 : runnable, m.failureMW);
    // Demand response is paid on the load the grid no longer sees: the facility power curtailed.
    this.drAvoidedMW = drMW > 0 ? runFacilityMW - idleFacilityMW : 0;
    this.priceCredits.set(now, drMW > 0 && (flags![h] & DR_PRICE) !== 0 ? this.drAvoidedMW * this.priceCreditUSDPerMWh : 0);
    this.rate();
  }

  /**
   * Re-rates the power drawn (mining and any GPU hall) and what it costs. The block is paid whether
   * used or not; beyond it power is bought at spot (earning when spot is below zero); within it, what
   * is not used is sold back at spot when the contract allows and spot is above zero. A grid outage suspends all of it; backup, if any, carries the GPU hall.
   */
  private rate(): void {
    const now = this.sim.now;
    const site = this.variant.site;
    const hall = this.hall;
    const hallItMW = hall !== undefined && this.hallPowered ? hall.itDrawMW() : 0;
    const hallMW = hall !== undefined && this.hallPowered ? hall.facilityDrawMW(this.hour) : 0;
    const drawMW = this.outage ? 0 : this.miningFacilityMW + hallMW;
    this.books.setDraw(now, this.miningItMW, this.miningFacilityMW, hallItMW, hallMW, drawMW, this.outage ? hallMW : 0);
    const block = site.ppaBlockMW;
    const spot = this.spotUSDPerMWh;
    const surplus = Math.max(0, block - drawMW);
    // Nobody sells at a negative price: the unused block is then simply not taken.
    const soldRate = this.outage || !site.sellBack ? 0 : surplus * Math.max(0, spot);
    const costRate = this.outage ? 0 : block * site.ppaPriceUSDPerMWh + Math.max(0, drawMW - block) * spot - soldRate;
    this.sold.set(now, soldRate);
    this.cost.set(now, costRate);
    // The GPU hall's share of the power bill, in proportion to its draw (the rest is mining's).
    this.hpcCost.set(now, drawMW > 0 ? (costRate * hallMW) / drawMW : 0);
  }

  /** Grid power the campus may draw now, MW: the connection less a leased hall's draw this hour once it is built. */
  private gridAvailableMW(): number {
    const connectionMW = this.variant.site.gridMW * (this.derated ? 1 - this.world.derateLostShare : 1);
    const lease = this.lease;
    return connectionMW - (lease !== undefined && this.sim.now >= lease.onlineH ? lease.facilityMW(this.hour) : 0);
  }

  /**
   * Caps the GPU hall to what its power allows — the grid (mining gives way first), or backup in an
   * outage, or nothing — and its cooling holds this hour. The hall's load changes that follow are
   * left to the caller's update.
   */
  private recapHall(): void {
    const hall = this.hall;
    if (hall === undefined) return;
    const availableMW = !this.outage ? this.gridAvailableMW() : this.backupActive ? this.backup.hallCapacityMW(this.outageIndex) : 0;
    this.recapping = true;
    hall.cap(hall.gpusForItMW(hall.maxItMW(this.hour, availableMW)));
    this.recapping = false;
  }

  /** After an outage edge, backup running out, or the hall coming online: who has power, then re-rate. */
  private powerChanged(): void {
    const now = this.sim.now;
    this.hallPowered = !this.outage || this.backupActive;
    this.recapHall();
    this.down.set(now, this.outage ? 1 : 0);
    this.hallDark.set(now, this.hall?.online && !this.hallPowered ? 1 : 0);
    this.update();
  }

  /** The 4CP credit: at each summer month's actual peak hour, the curtailed MW avoid a quarter-year of transmission charge. */
  private bookFourCp(h: number): void {
    const peaks = this.fourCpPeakH;
    if (this.nextPeak < peaks.length && peaks[this.nextPeak] === h) {
      this.fourCpCreditsUSD += fourCpCreditUSD(this.fourCpSpec!, this.drAvoidedMW);
      this.nextPeak++;
    }
  }

  private creditsToDate(tH: number): number {
    return this.priceCredits.integralAt(tH) + this.fourCpCreditsUSD;
  }

  private readonly onHallLoad = (): void => {
    if (this.recapping) return;
    // Mining takes what the hall leaves: when that may change what mining gets, decide again.
    if (this.gridBound || (!this.outage && this.miningFacilityMW + this.hall!.facilityDrawMW(this.hour) > this.gridAvailableMW())) this.update();
    else this.rate();
  };

  /** A hall converting mining MW switches that many machines off for good as it comes online. */
  private readonly onHallOnline = (): void => {
    const convertMW = this.variant.gpuCloud?.convertsMiningMW ?? 0;
    if (convertMW > 0) this.miningHall.convert(convertMW, this.variant.mining.asicPowerMW, this.variant.mining.asicHashrateTHs);
    this.powerChanged();
  };

  /** Books month `m` ending at `endH`: its mining revenue, power cost net of credits, GPU revenue and utilisation. */
  private closeMonth(m: number, endH: number): void {
    const revenue = this.revenue.integralAt(endH);
    const cost = this.cost.integralAt(endH) - this.creditsToDate(endH);
    this.monthly[m] = revenue - this.revenueAtMonthStart;
    this.monthlyCost[m] = cost - this.costAtMonthStart;
    this.revenueAtMonthStart = revenue;
    this.costAtMonthStart = cost;
    const sold = this.sold.integralAt(endH);
    const credits = this.creditsToDate(endH);
    this.monthlySold[m] = sold - this.soldAtMonthStart;
    this.monthlyCredits[m] = credits - this.creditsAtMonthStart;
    this.soldAtMonthStart = sold;
    this.creditsAtMonthStart = credits;
    const opex = this.opex.integralAt(endH);
    this.monthlyOpex[m] = opex - this.opexAtMonthStart;
    this.opexAtMonthStart = opex;
    const months = this.months;
    if (this.hall) {
      const r = this.hall.revenueToDate();
      const gpuRevenue = r.reservedUSD + r.trainingUSD;
      const hours = this.hall.gpuHoursToDate();
      const available = hours.available - this.gpuHoursAtMonthStart.available;
      this.monthly[GPU_REVENUE * months + m] = gpuRevenue - this.gpuRevenueAtMonthStart;
      this.monthly[INFERENCE_REVENUE * months + m] = r.inferenceUSD - this.inferenceRevenueAtMonthStart;
      this.inferenceRevenueAtMonthStart = r.inferenceUSD;
      this.monthly[GPU_UTILISATION * months + m] = available > 0 ? (hours.busy - this.gpuHoursAtMonthStart.busy) / available : NaN;
      this.gpuRevenueAtMonthStart = gpuRevenue;
      this.gpuHoursAtMonthStart = hours;
    } else {
      this.monthly[GPU_UTILISATION * months + m] = NaN;
    }
  }

  /** Rent, and SLA credits for the hours the leased hall was dark or its cooling held less than the lease. */
  private leaseIncome(): LeaseIncome | undefined {
    const l = this.variant.lease;
    if (!l || !this.lease) return undefined;
    return leaseIncome(
      {
        leasedKW: l.itMW * 1000,
        priceUSDPerKWMonth: l.rentUSDPerKWMonth,
        escalatorPerYear: l.escalatorPerYear,
        slaAvailability: l.slaAvailability,
        creditPerStep: l.creditPerStep,
        stepAvailability: l.stepAvailability,
        maxCredit: l.maxCredit,
        startH: l.onlineH,
      },
      this.horizon.hours,
      this.backup.leaseDownH(),
      this.lease.heatShortShare,
    );
  }

  /** Present value at the horizon of the rent the lease still owes after it, month by month. */
  private leaseRentAfterHorizonUSD(): number {
    const l = this.variant.lease!;
    const endH = l.onlineH + l.termYears * HOURS_PER_YEAR;
    const monthly = Math.pow(1 + this.variant.finance.discountRatePerYear, -1 / 12);
    let value = 0, factor = 1;
    for (let t = this.horizon.hours; t < endH - 1e-9; t += HOURS_PER_MONTH) {
      factor *= monthly;
      const years = Math.floor((t - l.onlineH) / HOURS_PER_YEAR + 1e-9);
      const share = Math.min(1, (endH - t) / HOURS_PER_MONTH);
      value += l.itMW * 1000 * l.rentUSDPerKWMonth * (1 + l.escalatorPerYear) ** years * share * factor;
    }
    return value;
  }

  private readonly onMonthEnd = (m: number): void => {
    this.closeMonth(m, this.sim.now);
    if (m + 2 < this.months) this.sim.schedule((m + 2) * HOURS_PER_MONTH, this.kinds.month, m + 1, PRIORITY_BOOKS);
  };

  private readonly onPrice = (k: number): void => {
    this.priceUSD = this.world.priceUSD[k];
    this.update();
    if (k + 1 < this.world.priceUSD.length) this.sim.schedule((k + 1) * this.world.priceStepH, this.kinds.price, k + 1, PRIORITY_MARKET);
  };

  private readonly onDay = (d: number): void => {
    this.feeShare = this.world.feeShare[d];
    if (this.availableByDay) this.miningHall.availableFraction = this.availableByDay[d];
    this.update();
    if (d + 1 < this.world.days) this.sim.schedule((d + 1) * HOURS_PER_DAY, this.kinds.day, d + 1, PRIORITY_MARKET);
  };

  private readonly onEpoch = (e: number): void => {
    this.difficulty = this.network.epochDifficulty[e];
    this.update();
    if (e + 1 < this.network.epochStartH.length) this.sim.schedule(this.network.epochStartH[e + 1], this.kinds.epoch, e + 1, PRIORITY_CHAIN);
  };

  private readonly onHalving = (i: number): void => {
    this.subsidyBTC = blockSubsidyBTC(this.firstHalvingHeight + i * HALVING_INTERVAL_BLOCKS);
    this.update();
    if (i + 1 < this.network.halvingsH.length) this.sim.schedule(this.network.halvingsH[i + 1], this.kinds.halving, i + 1, PRIORITY_CHAIN);
  };

  /** The site's hour `h`: spot price, weather-driven cooling and derates, demand-response calls. */
  private readonly onHour = (h: number): void => {
    this.hour = h;
    const spot = this.world.spotUSDPerMWh;
    if (spot) this.spotUSDPerMWh = spot[h];
    // The GPU hall's cap moves with its own cooling, and with what a leased hall's cooling leaves of the grid.
    if (this.hall?.cooling || this.lease?.hourly) this.recapHall();
    this.update();
    this.bookFourCp(h);
    if (h + 1 < this.hours) this.sim.schedule(h + 1, this.kinds.hour, h + 1, PRIORITY_MARKET);
  };

  private readonly onFleetChange = (i: number): void => {
    const changeH = this.miningHall.steps!.changeH;
    this.miningHall.setStep(i);
    this.update();
    if (i + 1 < changeH.length) this.sim.schedule(changeH[i + 1], this.kinds.fleet, i + 1, PRIORITY_CHAIN);
  };

  /** Derate edges as outage edges: 2i starts derate i, 2i + 1 ends it. Mining gives way first. */
  private readonly onDerateEdge = (edge: number): void => {
    const i = edge >> 1;
    const derates = this.world.deratesH;
    this.derated = (edge & 1) === 0;
    this.powerChanged();
    if (this.derated) this.sim.schedule(derates[i][1], this.kinds.derate, edge + 1, PRIORITY_GRID);
    else if (i + 1 < derates.length) this.sim.schedule(derates[i + 1][0], this.kinds.derate, edge + 1, PRIORITY_GRID);
  };

  private readonly onOutageEdge = (edge: number): void => {
    const i = edge >> 1;
    const outages = this.world.outagesH;
    this.outage = (edge & 1) === 0;
    this.outageIndex = i;
    const untilH = this.backup.untilH[i];
    this.backupActive = this.outage && untilH > this.sim.now;
    if (this.backupActive && untilH < outages[i][1]) this.sim.schedule(untilH, this.kinds.backupEnd, i, PRIORITY_GRID);
    this.powerChanged();
    if (this.outage) this.sim.schedule(outages[i][1], this.kinds.outage, edge + 1, PRIORITY_GRID);
    else if (i + 1 < outages.length) this.sim.schedule(outages[i + 1][0], this.kinds.outage, edge + 1, PRIORITY_GRID);
  };

  private readonly onBackupEnd = (): void => {
    this.backupActive = false;
    this.powerChanged();
  };

  /** `--check`: the invariants after every event (invariants.ts). */
  private readonly check = (kind: number): void => {
    const s = this.snapshot!;
    const now = this.sim.now;
    const b = this.books;
    s.gridMW = b.gridMW.value;
    s.gridAvailableMW = this.outage ? 0 : this.gridAvailableMW();
    s.backupMW = b.backupMW.value;
    s.backupAvailableMW = this.outage && this.backupActive ? this.backup.hallCapacityMW(this.outageIndex) : 0;
    const gpus = this.hall ? this.hall.gpuCounts() : { busy: 0, allowed: 0, up: 0 };
    s.gpusBusy = gpus.busy;
    s.gpusAllowed = gpus.allowed;
    s.gpusUp = gpus.up;
    s.useMW = b.miningItMW.value + b.gpuItMW.value + b.overheadMW.value;
    s.drawnMW = b.gridMW.value + b.backupMW.value;
    s.useMWh = b.byUseMWh(now);
    s.drawnMWh = b.totalMWh(now);
    const problem = campusProblem(s);
    if (problem !== undefined) throw new InvariantError(this.sim.kindName(kind), now, problem);
  };
}
