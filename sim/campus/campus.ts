/**
 * One variant's campus run against a replication's world, on the event engine. Price steps, fee
 * days, difficulty epochs, halvings, hourly spot prices and grid outages change the rates; revenue,
 * BTC, energy and cost are integrated between events (E += P·Δt), never by ticking a clock.
 *
 * Power: a fixed-price PPA block is paid whether used or not; power beyond it is bought at spot and,
 * where the contract allows, power left in it is sold back at spot. So the marginal MWh costs the
 * spot price, and the fleet mines only while a MWh of mining earns at least that (economic
 * curtailment), staying off at least `minOffHours` once off so it does not chatter. During a grid
 * outage nothing runs and nothing is bought.
 */
import { Simulation } from '../core/engine.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH, HOURS_PER_YEAR } from '../core/time.js';
import { debtFlows, irr, minimumCash, npv, paybackYears } from '../finance/cash-flows.js';
import { capexSchedule, residualValueUSD } from '../finance/capex.js';
import { type LeaseIncome, leaseIncome } from '../hpc/lease.js';
import { variantFleet } from '../mining/fleet.js';
import { fppsBtcPerHour } from '../network/hashprice.js';
import { blockSubsidyBTC, HALVING_INTERVAL_BLOCKS, nextHalvingHeight } from '../network/subsidy.js';
import type { Horizon, VariantConfig, WorldConfig } from '../scenario/types.js';
import { GpuHall } from './gpu-hall.js';
import { type Metrics, gpuMetrics } from './metrics.js';
import { monthsIn, VARIANT_SERIES } from './series.js';
import { type VariantNetwork, variantNetwork } from './variant-network.js';
import type { World } from './world.js';

// Same-hour order: outages and the chain change first, then prices are read, then books close.
const PRIORITY_GRID = -2;
const PRIORITY_CHAIN = -1;
const PRIORITY_MARKET = 0;
const PRIORITY_BOOKS = 1;

const GPU_REVENUE = VARIANT_SERIES.findIndex((x) => x.name === 'gpuCloudRevenueUSD');
const GPU_UTILISATION = VARIANT_SERIES.findIndex((x) => x.name === 'gpuUtilisation');

export interface CampusResult {
  metrics: Metrics;
  /** VARIANT_SERIES month by month, series-major: monthly[s · months + m]. */
  monthly: Float64Array;
}

export function runCampus(variant: VariantConfig, world: World, config: WorldConfig, horizon: Horizon): CampusResult {
  return new CampusRun(variant, world, config, horizon).run();
}

// State in fields, not closure variables: V8 boxes doubles written to closures (see mmc.ts).
class CampusRun {
  private readonly sim = new Simulation(16);
  private hashrateTHs: number;
  private fleetMW: number;
  private readonly machineMW: number;
  private readonly machineTHs: number;
  private readonly capexUSD: number;
  private readonly hall: GpuHall | undefined;
  private miningDrawMW = 0;
  private readonly hpcDrawn = new TimeIntegral(0, 0);
  private readonly hpcCost = new TimeIntegral(0, 0);
  private readonly opex = new TimeIntegral(0, 0);
  private readonly miningOpex = new TimeIntegral(0, 0);
  private readonly network: VariantNetwork;
  private readonly btc = new TimeIntegral(0, 0);
  private readonly revenue = new TimeIntegral(0, 0);
  private readonly cost = new TimeIntegral(0, 0);
  private readonly sold = new TimeIntegral(0, 0);
  private readonly drawn = new TimeIntegral(0, 0);
  private readonly curtailedEconomic = new TimeIntegral(0, 0);
  private readonly curtailedOutage = new TimeIntegral(0, 0);
  private readonly down = new TimeIntegral(0, 0);
  private priceUSD: number;
  private feeShare: number;
  private difficulty: number;
  private subsidyBTC: number;
  private spotUSDPerMWh: number;
  private mining = true;
  private offSinceH = -Infinity;
  private outage = false;
  private readonly firstHalvingHeight: number;
  private readonly kinds: { price: number; day: number; epoch: number; halving: number; month: number; spot: number; outage: number };
  private readonly months: number;
  private readonly monthly: Float64Array;
  private readonly monthlyCost: Float64Array;
  private readonly monthlyOpex: Float64Array;
  private opexAtMonthStart = 0;
  private revenueAtMonthStart = 0;
  private costAtMonthStart = 0;
  private gpuRevenueAtMonthStart = 0;
  private gpuHoursAtMonthStart = { busy: 0, available: 0 };

  constructor(
    private readonly variant: VariantConfig,
    private readonly world: World,
    config: WorldConfig,
    private readonly horizon: Horizon,
  ) {
    const fleet = variantFleet(variant);
    this.hashrateTHs = fleet.hashrateTHs;
    this.fleetMW = fleet.powerMW;
    this.machineMW = variant.mining.asicPowerMW;
    this.machineTHs = variant.mining.asicHashrateTHs;
    this.capexUSD = capexSchedule(variant).reduce((sum, i) => sum + i.usd, 0);
    // The chain replay uses the fleet's nominal hashrate: curtailed hours move the difficulty by
    // (share of the network) × (share of hours off), a second-order effect left out here.
    this.network = variantNetwork(world, config, horizon, fleet.hashrateTHs);
    this.priceUSD = world.priceUSD[0];
    this.feeShare = world.feeShare[0];
    this.difficulty = this.network.epochDifficulty[0];
    this.subsidyBTC = blockSubsidyBTC(config.network.startHeight);
    this.spotUSDPerMWh = world.spotUSDPerMWh ? world.spotUSDPerMWh[0] : variant.site.powerPriceUSDPerMWh;
    this.firstHalvingHeight = nextHalvingHeight(config.network.startHeight);
    const sim = this.sim;
    this.kinds = {
      price: sim.on('price step', this.onPrice),
      day: sim.on('fee day', this.onDay),
      epoch: sim.on('difficulty epoch', this.onEpoch),
      halving: sim.on('halving', this.onHalving),
      month: sim.on('month end', this.onMonthEnd),
      spot: sim.on('spot hour', this.onSpot),
      outage: sim.on('grid outage edge', this.onOutageEdge),
    };
    this.hall = variant.gpuCloud
      ? new GpuHall(sim, variant.gpuCloud, world.seed, world.replication, this.onHallLoad, this.onHallOnline, horizon.hours, PRIORITY_GRID)
      : undefined;
    this.months = monthsIn(horizon);
    this.monthly = new Float64Array(VARIANT_SERIES.length * this.months);
    this.monthlyCost = new Float64Array(this.months);
    this.monthlyOpex = new Float64Array(this.months);
  }

  run(): CampusResult {
    const { sim, kinds, network, world } = this;
    this.update();
    if (world.priceUSD.length > 1) sim.schedule(world.priceStepH, kinds.price, 1, PRIORITY_MARKET);
    if (world.days > 1) sim.schedule(HOURS_PER_DAY, kinds.day, 1, PRIORITY_MARKET);
    if (network.epochStartH.length > 1) sim.schedule(network.epochStartH[1], kinds.epoch, 1, PRIORITY_CHAIN);
    if (network.halvingsH.length > 0) sim.schedule(network.halvingsH[0], kinds.halving, 0, PRIORITY_CHAIN);
    if (this.months > 1) sim.schedule(HOURS_PER_MONTH, kinds.month, 0, PRIORITY_BOOKS);
    if (world.spotUSDPerMWh && world.spotUSDPerMWh.length > 1) sim.schedule(1, kinds.spot, 1, PRIORITY_MARKET);
    // Outage edges: data 2i is the start of outage i, 2i + 1 its end.
    if (world.outagesH.length > 0) sim.schedule(world.outagesH[0][0], kinds.outage, 0, PRIORITY_GRID);
    const end = this.horizon.hours;
    sim.run(end);
    this.closeMonth(this.months - 1, end);

    // A lease pays rent from when its hall is built, less credits for months the grid let it down.
    // The tenant pays for the power it uses (pass-through), so the lease adds no power cost here.
    const lease = this.leaseIncome();

    // Cash flows: capex when it is paid, then each month's revenue less its power cost and opex,
    // plus rent. Mined BTC kept in treasury is not cash until the horizon. A payment at hour h lands
    // at the month boundary on or after it (flows[0] is the start).
    const months = this.months;
    const finance = this.variant.finance;
    const sold = 1 - finance.btcHeldShare;
    const flows = new Float64Array(months + 1);
    const capex = capexSchedule(this.variant);
    for (const item of capex) flows[Math.min(months, Math.ceil(item.atH / HOURS_PER_MONTH - 1e-9))] -= item.usd;
    for (let m = 0; m < months; m++) {
      const rent = lease ? lease.monthly.rentUSD[m] - lease.monthly.creditUSD[m] : 0;
      flows[m + 1] += sold * this.monthly[m] - this.monthlyCost[m] - this.monthlyOpex[m] + rent + this.monthly[GPU_REVENUE * months + m];
      this.monthly[months + m] = (m > 0 ? this.monthly[months + m - 1] : flows[0]) + flows[m + 1];
      this.monthly[2 * months + m] = rent;
    }
    const minCashUSD = minimumCash(flows);
    const paybackYearsCash = paybackYears(flows);
    // What is left at the horizon: rent contracted beyond it (no further outages assumed), the BTC
    // kept at the last price, the book value of assets with life left, and any terminal multiple.
    if (lease) flows[months] += this.leaseRentAfterHorizonUSD();
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
    const miningRevenueUSD = this.revenue.integralAt(end);
    const powerCostUSD = this.cost.integralAt(end);
    const gpuPowerCostUSD = this.hpcCost.integralAt(end);
    const miningOpexUSD = this.miningOpex.integralAt(end);
    const minedBTC = this.btc.integralAt(end);
    const gpu = gpuMetrics(this.hall?.metrics(end));
    const leaseRentUSD = lease?.rentUSD ?? 0;
    const slaCreditsUSD = lease?.creditsUSD ?? 0;
    const computeUSD = leaseRentUSD + gpu.gpuCloudRevenueUSD;
    const miningCostUSD = powerCostUSD - gpuPowerCostUSD + miningOpexUSD;
    // Equity view: the project's flows plus the debt's (money in, interest, principal).
    const debt = finance.debt ? debtFlows(finance.debt.amountUSD, finance.debt.ratePerYear, finance.debt.maturityH / HOURS_PER_MONTH, months) : undefined;
    const npvUSD = npv(flows, finance.discountRatePerYear);
    const metrics: Metrics = {
      npvUSD,
      equityNpvUSD: debt ? npvUSD + npv(debt, finance.discountRatePerYear) : npvUSD,
      interestUSD: debt ? -debt.reduce((sum, x, m) => sum + (m > 0 ? x : 0), 0) - finance.debt!.amountUSD : 0,
      irr: irr(flows),
      paybackYears: paybackYearsCash,
      miningProfitUSD: miningRevenueUSD - powerCostUSD,
      miningRevenueUSD,
      powerCostUSD,
      opexUSD: this.opex.integralAt(end),
      miningEbitdaUSD: miningRevenueUSD - miningCostUSD,
      computeEbitdaUSD: computeUSD - slaCreditsUSD - gpuPowerCostUSD - (this.opex.integralAt(end) - miningOpexUSD - finance.fixedOpexUSDPerH * end),
      breakEvenBtcUSD: minedBTC > 0 ? miningCostUSD / minedBTC : NaN,
      leaseRentUSD,
      slaCreditsUSD,
      capexUSD: this.capexUSD,
      minCashUSD,
      capitalHeadroomUSD: Number.isFinite(finance.capitalUSD) ? finance.capitalUSD + minCashUSD : NaN,
      treasuryBTC,
      treasuryUSD,
      residualValueUSD: residualUSD,
      energyMWh: this.drawn.integralAt(end),
      gpuEnergyMWh: this.hpcDrawn.integralAt(end),
      curtailedEconomicMWh: this.curtailedEconomic.integralAt(end),
      curtailedOutageMWh: this.curtailedOutage.integralAt(end),
      outageHours: this.down.integralAt(end),
      powerSoldUSD: this.sold.integralAt(end),
      minedBTC,
      computeRevenueShare: computeUSD + miningRevenueUSD > 0 ? computeUSD / (computeUSD + miningRevenueUSD) : 0,
      ...gpu,
    };
    return { metrics, monthly: this.monthly };
  }

  /**
   * Re-decides whether to mine and re-rates everything after any change. A MWh of mining earns the
   * fleet's BTC per MWh × price; the marginal MWh costs spot (bought beyond the PPA block, or not
   * sold back from within it) — unless the fleet fits in a block whose surplus can't be sold.
   */
  private update(): void {
    const now = this.sim.now;
    const site = this.variant.site;
    const fullBtcPerHour = fppsBtcPerHour(this.hashrateTHs, this.difficulty, this.subsidyBTC, this.feeShare, this.variant.mining.poolFee);
    if (this.fleetMW > 0 && this.variant.mining.curtail) {
      const earnsPerMWh = (fullBtcPerHour * this.priceUSD) / this.fleetMW;
      const hpcMW = this.hall ? this.hall.facilityDrawMW() : 0;
      const marginalCost = site.sellBack || this.fleetMW + hpcMW > site.ppaBlockMW ? this.spotUSDPerMWh : 0;
      const worthIt = earnsPerMWh >= marginalCost;
      if (this.mining && !worthIt) {
        this.mining = false;
        this.offSinceH = now;
      } else if (!this.mining && worthIt && now - this.offSinceH >= this.variant.mining.minOffHours) {
        this.mining = true;
      }
    }
    const running = this.mining && !this.outage;
    this.miningDrawMW = running ? this.fleetMW : 0;
    const btcPerHour = running ? fullBtcPerHour : 0;
    this.btc.set(now, btcPerHour);
    this.revenue.set(now, btcPerHour * this.priceUSD);
    this.curtailedEconomic.set(now, !this.mining && !this.outage ? this.fleetMW : 0);
    this.curtailedOutage.set(now, this.outage ? this.fleetMW : 0);
    this.down.set(now, this.outage ? 1 : 0);
    // Opex runs whether the machines do or not: per MW installed, per MW of an open hall, overhead.
    const f = this.variant.finance;
    const miningOpex = this.fleetMW * f.miningOpexUSDPerMWH;
    this.miningOpex.set(now, miningOpex);
    this.opex.set(now, miningOpex + (this.hall?.online ? this.hall.config.itMW * f.gpuOpexUSDPerMWH : 0) + f.fixedOpexUSDPerH);
    this.rate();
  }

  /**
   * Re-rates the power drawn (mining and any GPU hall) and what it costs. The block is paid whether
   * used or not; beyond it power is bought at spot; within it, what is not used is sold back at spot
   * when the contract allows. A grid outage suspends all of it.
   */
  private rate(): void {
    const now = this.sim.now;
    const site = this.variant.site;
    const hpcMW = this.outage || !this.hall ? 0 : this.hall.facilityDrawMW();
    const drawMW = this.miningDrawMW + hpcMW;
    this.drawn.set(now, drawMW);
    this.hpcDrawn.set(now, hpcMW);
    const block = site.ppaBlockMW;
    const spot = this.spotUSDPerMWh;
    const surplus = Math.max(0, block - drawMW);
    const soldRate = this.outage || !site.sellBack ? 0 : surplus * spot;
    const costRate = this.outage ? 0 : block * site.ppaPriceUSDPerMWh + Math.max(0, drawMW - block) * spot - soldRate;
    this.sold.set(now, soldRate);
    this.cost.set(now, costRate);
    // The GPU hall's share of the power bill, in proportion to its draw (the rest is mining's).
    this.hpcCost.set(now, drawMW > 0 ? (costRate * hpcMW) / drawMW : 0);
  }

  private readonly onHallLoad = (): void => this.rate();

  /** A hall converting mining MW switches that many machines off for good as it comes online. */
  private readonly onHallOnline = (): void => {
    const convertMW = this.variant.gpuCloud?.convertsMiningMW ?? 0;
    if (convertMW > 0) {
      const machines = Math.round(this.fleetMW / this.machineMW);
      const off = Math.min(machines, Math.ceil(convertMW / this.machineMW - 1e-9));
      this.fleetMW = (machines - off) * this.machineMW;
      this.hashrateTHs = (machines - off) * this.machineTHs;
    }
    this.update();
  };

  /** Books month `m` ending at `endH`: its mining revenue and power cost, GPU revenue and utilisation. */
  private closeMonth(m: number, endH: number): void {
    const revenue = this.revenue.integralAt(endH);
    const cost = this.cost.integralAt(endH);
    this.monthly[m] = revenue - this.revenueAtMonthStart;
    this.monthlyCost[m] = cost - this.costAtMonthStart;
    this.revenueAtMonthStart = revenue;
    this.costAtMonthStart = cost;
    const opex = this.opex.integralAt(endH);
    this.monthlyOpex[m] = opex - this.opexAtMonthStart;
    this.opexAtMonthStart = opex;
    const months = this.months;
    if (this.hall) {
      const r = this.hall.revenueToDate();
      const gpuRevenue = r.reservedUSD + r.trainingUSD + r.inferenceUSD;
      const hours = this.hall.gpuHoursToDate();
      const available = hours.available - this.gpuHoursAtMonthStart.available;
      this.monthly[GPU_REVENUE * months + m] = gpuRevenue - this.gpuRevenueAtMonthStart;
      this.monthly[GPU_UTILISATION * months + m] = available > 0 ? (hours.busy - this.gpuHoursAtMonthStart.busy) / available : NaN;
      this.gpuRevenueAtMonthStart = gpuRevenue;
      this.gpuHoursAtMonthStart = hours;
    } else {
      this.monthly[GPU_UTILISATION * months + m] = NaN;
    }
  }

  private leaseIncome(): LeaseIncome | undefined {
    const l = this.variant.lease;
    if (!l || l.itMW === 0) return undefined;
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
      this.world.outagesH,
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

  private readonly onSpot = (h: number): void => {
    const spot = this.world.spotUSDPerMWh!;
    this.spotUSDPerMWh = spot[h];
    this.update();
    if (h + 1 < spot.length) this.sim.schedule(h + 1, this.kinds.spot, h + 1, PRIORITY_MARKET);
  };

  private readonly onOutageEdge = (edge: number): void => {
    const i = edge >> 1;
    const outages = this.world.outagesH;
    this.outage = (edge & 1) === 0;
    this.hall?.setGridUp(!this.outage);
    this.update();
    if (this.outage) this.sim.schedule(outages[i][1], this.kinds.outage, edge + 1, PRIORITY_GRID);
    else if (i + 1 < outages.length) this.sim.schedule(outages[i + 1][0], this.kinds.outage, edge + 1, PRIORITY_GRID);
  };
}
