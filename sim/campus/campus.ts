/**
 * One variant's campus run against a replication's world, on the event engine. Price steps, fee
 * days, difficulty epochs and halvings change the revenue rate; revenue, BTC, energy and cost are
 * integrated between events (E += P·Δt), never by ticking a clock.
 */
import { Simulation } from '../core/engine.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH } from '../core/time.js';
import { minimumCash, npv } from '../finance/cash-flows.js';
import { miningCapexUSD } from '../finance/capex.js';
import { sizeFleet } from '../mining/fleet.js';
import { fppsBtcPerHour } from '../network/hashprice.js';
import { blockSubsidyBTC, HALVING_INTERVAL_BLOCKS, nextHalvingHeight } from '../network/subsidy.js';
import type { Horizon, VariantConfig, WorldConfig } from '../scenario/types.js';
import type { Metrics } from './metrics.js';
import { monthsIn, VARIANT_SERIES } from './series.js';
import { type VariantNetwork, variantNetwork } from './variant-network.js';
import type { World } from './world.js';

// Same-hour order: the chain changes (halving, retarget) before prices are read.
const PRIORITY_CHAIN = -1;
const PRIORITY_MARKET = 0;
// Books close after everything else at the same hour has happened.
const PRIORITY_BOOKS = 1;

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
  private readonly hashrateTHs: number;
  private readonly drawMW: number;
  private readonly capexUSD: number;
  private readonly network: VariantNetwork;
  private readonly btc = new TimeIntegral(0, 0);
  private readonly revenue = new TimeIntegral(0, 0);
  private priceUSD: number;
  private feeShare: number;
  private difficulty: number;
  private subsidyBTC: number;
  private readonly firstHalvingHeight: number;
  private readonly kinds: { price: number; day: number; epoch: number; halving: number; month: number };
  private readonly months: number;
  private readonly monthly: Float64Array;
  private revenueAtMonthStart = 0;

  constructor(
    private readonly variant: VariantConfig,
    private readonly world: World,
    config: WorldConfig,
    private readonly horizon: Horizon,
  ) {
    const fleet = sizeFleet(variant.mining, variant.site);
    this.hashrateTHs = fleet.hashrateTHs;
    this.drawMW = fleet.powerMW;
    this.capexUSD = miningCapexUSD(variant, fleet);
    this.network = variantNetwork(world, config, horizon, fleet.hashrateTHs);
    this.priceUSD = world.priceUSD[0];
    this.feeShare = world.feeShare[0];
    this.difficulty = this.network.epochDifficulty[0];
    this.subsidyBTC = blockSubsidyBTC(config.network.startHeight);
    this.firstHalvingHeight = nextHalvingHeight(config.network.startHeight);
    const sim = this.sim;
    this.kinds = {
      price: sim.on('price step', this.onPrice),
      day: sim.on('fee day', this.onDay),
      epoch: sim.on('difficulty epoch', this.onEpoch),
      halving: sim.on('halving', this.onHalving),
      month: sim.on('month end', this.onMonthEnd),
    };
    this.months = monthsIn(horizon);
    this.monthly = new Float64Array(VARIANT_SERIES.length * this.months);
  }

  run(): CampusResult {
    const { sim, kinds, network, world } = this;
    this.rerate();
    if (world.priceUSD.length > 1) sim.schedule(world.priceStepH, kinds.price, 1, PRIORITY_MARKET);
    if (world.days > 1) sim.schedule(HOURS_PER_DAY, kinds.day, 1, PRIORITY_MARKET);
    if (network.epochStartH.length > 1) sim.schedule(network.epochStartH[1], kinds.epoch, 1, PRIORITY_CHAIN);
    if (network.halvingsH.length > 0) sim.schedule(network.halvingsH[0], kinds.halving, 0, PRIORITY_CHAIN);
    if (this.months > 1) sim.schedule(HOURS_PER_MONTH, kinds.month, 0, PRIORITY_BOOKS);
    const end = this.horizon.hours;
    sim.run(end);
    this.closeMonth(this.months - 1, end);

    const energyMWh = this.drawMW * end;
    const powerCostUSD = energyMWh * this.variant.site.powerPriceUSDPerMWh;
    const miningRevenueUSD = this.revenue.integralAt(end);
    // Cash flows: capex at the start, then each month's revenue less its power cost.
    const flows = new Float64Array(this.months + 1);
    flows[0] = -this.capexUSD;
    for (let m = 0; m < this.months; m++) {
      flows[m + 1] = this.monthly[m] - this.monthPowerCost(m);
      this.monthly[this.months + m] = (m > 0 ? this.monthly[this.months + m - 1] : -this.capexUSD) + flows[m + 1];
    }
    const metrics = {
      npvUSD: npv(flows, this.variant.finance.discountRatePerYear),
      miningProfitUSD: miningRevenueUSD - powerCostUSD,
      miningRevenueUSD,
      powerCostUSD,
      capexUSD: this.capexUSD,
      minCashUSD: minimumCash(flows),
      energyMWh,
      minedBTC: this.btc.integralAt(end),
    };
    return { metrics, monthly: this.monthly };
  }

  /** Power cost of month m (the last may be partial). */
  private monthPowerCost(m: number): number {
    const hours = Math.min(this.horizon.hours, (m + 1) * HOURS_PER_MONTH) - m * HOURS_PER_MONTH;
    return this.drawMW * hours * this.variant.site.powerPriceUSDPerMWh;
  }

  /** Books month `m` ending at `endH`: its revenue (cash is built from it at the end of the run). */
  private closeMonth(m: number, endH: number): void {
    const revenue = this.revenue.integralAt(endH);
    this.monthly[m] = revenue - this.revenueAtMonthStart;
    this.revenueAtMonthStart = revenue;
  }

  private readonly onMonthEnd = (m: number): void => {
    this.closeMonth(m, this.sim.now);
    if (m + 2 < this.months) this.sim.schedule((m + 2) * HOURS_PER_MONTH, this.kinds.month, m + 1, PRIORITY_BOOKS);
  };

  private rerate(): void {
    const btcPerHour = fppsBtcPerHour(this.hashrateTHs, this.difficulty, this.subsidyBTC, this.feeShare, this.variant.mining.poolFee);
    const now = this.sim.now;
    this.btc.set(now, btcPerHour);
    this.revenue.set(now, btcPerHour * this.priceUSD);
  }

  private readonly onPrice = (k: number): void => {
    this.priceUSD = this.world.priceUSD[k];
    this.rerate();
    if (k + 1 < this.world.priceUSD.length) this.sim.schedule((k + 1) * this.world.priceStepH, this.kinds.price, k + 1, PRIORITY_MARKET);
  };

  private readonly onDay = (d: number): void => {
    this.feeShare = this.world.feeShare[d];
    this.rerate();
    if (d + 1 < this.world.days) this.sim.schedule((d + 1) * HOURS_PER_DAY, this.kinds.day, d + 1, PRIORITY_MARKET);
  };

  private readonly onEpoch = (e: number): void => {
    this.difficulty = this.network.epochDifficulty[e];
    this.rerate();
    if (e + 1 < this.network.epochStartH.length) this.sim.schedule(this.network.epochStartH[e + 1], this.kinds.epoch, e + 1, PRIORITY_CHAIN);
  };

  private readonly onHalving = (i: number): void => {
    this.subsidyBTC = blockSubsidyBTC(this.firstHalvingHeight + i * HALVING_INTERVAL_BLOCKS);
    this.rerate();
    if (i + 1 < this.network.halvingsH.length) this.sim.schedule(this.network.halvingsH[i + 1], this.kinds.halving, i + 1, PRIORITY_CHAIN);
  };
}
