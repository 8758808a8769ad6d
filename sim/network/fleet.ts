/**
 * The rest of the network as an economy: a fleet of machines, each with a cash cost per PH/s per day
 * set by its efficiency (J/TH, the frontier when it was bought) and its owner's power price (drawn
 * from a lognormal spread across the network). Hashprice is not an input: it follows from the
 * difficulty the fleet's running hashrate sets, and the fleet answers it.
 *
 *   cash cost (USD/PH/day) = efficiency (J/TH) × power price (USD/MWh) × 0.024
 *   (1 PH/s at 1 J/TH draws 1 kW: 0.024 MWh a day)
 *
 * Each day:
 * 1. Switch. A running machine switches off when the hashprice (averaged over a reaction time of a
 *    few days) no longer covers its cash cost, and an idle one switches back on once the hashprice
 *    beats its cost by the hysteresis margin. Machines are ranked by cost, so the running fleet is
 *    always every machine below a threshold θ: θ is the marginal machine's break-even (the network
 *    cash-cost curve of Sharrock 2016 and Hashrate Index's break-even charts).
 * 2. Retire. An idle machine retires at a rate of one over the mean idle time (sold for scrap or
 *    shipped to a cheaper site): machines that stay unprofitable leave the curve.
 * 3. Buy. Once a week, at each power price, the frontier machine (price per watt × its J/TH) pays
 *    back in price ÷ (expected hashprice − cash cost) days, the expected hashprice a 30-day average.
 *    Owners at that price order when the payback is shorter than the one they want: a base share of
 *    the running fleet a year, and more the shorter it is — `orderRate` × (wanted ÷ payback − 1), a
 *    return on capital above a hurdle — up to a deployment cap; machines arrive after the lead time.
 * 4. Everything else the economy does not explain — bans, relocations, weather, capital cycles —
 *    moves the whole fleet: a lognormal random walk (`volatilityPerSqrtYear`; a drift, 0 unless a
 *    scenario sets one) plus a growth rate that wanders and fades within months (`growthSdPerYear`,
 *    `growthReversionPerYear`): a relocation wave or a supply glut lasts a season, not forever.
 *
 * The fleet is kept as a histogram of capacity over ln(cash cost) (bins of 2.5 %), so a day costs a
 * few bins' work whatever the fleet's size or age: allocation-free, O(1) per day amortised. Orders
 * and the growth noise step weekly; switching is daily.
 */
import { ParameterError } from '../core/parameter-error.js';
import { normalQuantile } from '../core/stats/normal.js';
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from '../market/check.js';
import { DAYS_PER_YEAR } from './frontier.js';
import { checkFleet, type FleetSpec } from './fleet-spec.js';

/** MWh a day that 1 PH/s draws at 1 J/TH. */
export const MWH_PER_PH_DAY_PER_J_PER_TH = 0.024;
/** Power-price classes across the network: equal shares at the quantiles of the lognormal. */
export const POWER_CLASSES = 8;
/** Days over which owners average hashprice when deciding to buy. */
export const EXPECTATION_DAYS = 30;
/** Days between steps of the wandering growth rate, and between owners' orders. */
const GROWTH_STEP_DAYS = 7;
const ORDER_STEP_DAYS = 7;
/** Years of past purchases in the fleet at the start, in quarters. */
const START_AGE_QUARTERS = 40;

// Cost bins: ln(USD/PH/day) from ln 0.1 in steps of 1/40 (2.5 %), up to 100,000 USD/PH/day.
const LN_MIN = Math.log(0.1);
const BINS_PER_LN = 40;
export const COST_BINS = Math.ceil((Math.log(1e5) - LN_MIN) * BINS_PER_LN);

/** Lower edge of each bin (and the top of the last), USD/PH/day: the threshold walks these without a logarithm. */
const EDGES = Float64Array.from({ length: COST_BINS + 1 }, (_, b) => Math.exp(LN_MIN + b / BINS_PER_LN));

const binOf = (lnCost: number): number => {
  const b = Math.floor((lnCost - LN_MIN) * BINS_PER_LN);
  return b < 0 ? 0 : b >= COST_BINS ? COST_BINS - 1 : b;
};

/** Per day of a world: ln of the frontier's J/TH, and payback ÷ the frontier machine's price per PH/s. */
interface FrontierPath {
  readonly lnE: Float64Array;
  readonly buyScale: Float64Array;
}

/** A run's working arrays (see NetworkFleet.run). */
interface RunBuffers {
  readonly capacity: Float64Array;
  readonly idleSince: Float64Array;
  readonly orders: Float64Array;
  readonly orderBins: Int32Array;
  /** Whether a slot holds any orders. */
  readonly pending: Uint8Array;
}

/** The fleet at the start of a world: capacity per cost bin, scaled so the running part is 1. */
interface StartFleet {
  readonly hashpriceUSDPerPHDay: number;
  readonly capacity: Float64Array;
}

/**
 * The rest of the network's fleet model for worlds that start on one day with one hashrate. The
 * start-of-world fleet and the frontier's path are computed once and shared by every world.
 */
export class NetworkFleet {
  /** ln(power price × 0.024) of each power class: add ln J/TH for ln cash cost. */
  readonly lnCostPerJPerTH: Float64Array;
  /** Power price of each class, USD/MWh, cheapest first. */
  readonly classPowerUSDPerMWh: Float64Array;
  /** y_c = payback × power cost of a J/TH ÷ price of a J/TH's worth of machine: the class's hurdle. */
  private readonly hurdle: Float64Array;
  private start?: StartFleet;
  private path?: FrontierPath;
  private buffers?: RunBuffers;

  /**
   * @param startUnixDay the world's first day, days since 1970-01-01
   * @param startTHs hashrate of the fleet at the start (TH/s)
   */
  constructor(readonly spec: FleetSpec, readonly startUnixDay: number, readonly startTHs: number) {
    checkFleet(spec);
    requireModelParameter(finite(startTHs) && startTHs > 0, 'network', 'hashrate', startTHs, 'a hashrate > 0');
    const K = POWER_CLASSES;
    this.classPowerUSDPerMWh = Float64Array.from({ length: K }, (_, c) => spec.powerCostMedianUSDPerMWh * Math.exp(spec.powerCostSpread * normalQuantile((c + 0.5) / K)));
    this.lnCostPerJPerTH = this.classPowerUSDPerMWh.map((p) => Math.log(p * MWH_PER_PH_DAY_PER_J_PER_TH));
    this.hurdle = this.classPowerUSDPerMWh.map((p) => (spec.paybackDays * p * MWH_PER_PH_DAY_PER_J_PER_TH) / (1000 * spec.machinePriceUSDPerW));
  }

  /** Cash cost (USD/PH/day) of a machine of `efficiencyJPerTH` in power class `c`. */
  cashCost(efficiencyJPerTH: number, c: number): number {
    return efficiencyJPerTH * this.classPowerUSDPerMWh[c] * MWH_PER_PH_DAY_PER_J_PER_TH;
  }

  /** A fleet for one world of `days` days whose hashprice on day 0 is `hashpriceUSDPerPHDay`. */
  run(hashpriceUSDPerPHDay: number, days: number): FleetRun {
    // A world's run is done before the next starts (drawWorld is synchronous), so runs share their
    // buffers: a study's thousands of worlds allocate them once.
    const slots = Math.max(1, this.spec.leadDays) + 1;
    if (this.buffers?.orders.length !== slots * POWER_CLASSES) {
      this.buffers = { capacity: new Float64Array(COST_BINS), idleSince: new Float64Array(COST_BINS), orders: new Float64Array(slots * POWER_CLASSES), orderBins: new Int32Array(slots * POWER_CLASSES), pending: new Uint8Array(slots) };
    }
    return new FleetRun(this, this.startFleet(hashpriceUSDPerPHDay), this.frontierPath(days), this.buffers);
  }

  /**
   * The fleet at the start: purchases over the past ten years, each quarter's in proportion to
   * e^(−pastGrowth × age) at that quarter's frontier, spread over the power classes; machines that
   * cost more than the start's hashprice beyond the hysteresis margin are taken as already retired.
   */
  private startFleet(h0: number): StartFleet {
    if (this.start?.hashpriceUSDPerPHDay === h0) return this.start;
    requireModelParameter(finite(h0) && h0 > 0, 'network', 'hashprice', h0, 'a hashprice > 0 USD/PH/day at the start');
    const { spec } = this;
    const capacity = new Float64Array(COST_BINS);
    const lnOn = Math.log(h0), lnKept = lnOn + Math.log1p(spec.hysteresis);
    let running = 0;
    for (let q = 0; q < START_AGE_QUARTERS; q++) {
      const ageYears = (q + 0.5) / 4;
      const weight = Math.exp(-spec.pastGrowthPerYear * ageYears) / POWER_CLASSES;
      const lnE = spec.frontier.lnEfficiencyAt(this.startUnixDay - ageYears * DAYS_PER_YEAR);
      for (let c = 0; c < POWER_CLASSES; c++) {
        const lnCost = lnE + this.lnCostPerJPerTH[c];
        if (lnCost > lnKept) continue;
        capacity[binOf(lnCost)] += weight;
        if (binOf(lnCost) <= binOf(lnOn)) running += weight;
      }
    }
    if (!(running > 0)) {
      const cheapest = Math.exp(spec.frontier.lnEfficiencyAt(this.startUnixDay) + this.lnCostPerJPerTH[0]);
      throw new ParameterError('fleet', 'powerCost.median', `low enough that some machine runs at the start's hashprice of ${h0.toFixed(2)} USD/PH/day`, `one whose cheapest frontier machine costs ${cheapest.toFixed(2)}`);
    }
    for (let b = 0; b < COST_BINS; b++) capacity[b] /= running;
    return (this.start = { hashpriceUSDPerPHDay: h0, capacity });
  }

  /** The frontier over the first `days` days, computed once for every world. */
  private frontierPath(days: number): FrontierPath {
    if (this.path && this.path.lnE.length >= days) return this.path;
    const lnE = new Float64Array(days), buyScale = new Float64Array(days);
    for (let d = 0; d < days; d++) {
      lnE[d] = this.spec.frontier.lnEfficiencyAt(this.startUnixDay + d);
      buyScale[d] = this.spec.paybackDays / (1000 * this.spec.machinePriceUSDPerW * Math.exp(lnE[d]));
    }
    return (this.path = { lnE, buyScale });
  }

  /** The classes' hurdles, cheapest first (ascending). */
  get hurdles(): Float64Array {
    return this.hurdle;
  }
}

/**
 * One world's fleet, stepped a day at a time. Capacity is held unscaled (the running part starts at
 * 1) and the random walk multiplies it: the economics is linear in the fleet's size, so scaling
 * once at the end of each day's arithmetic is the same as scaling every bin.
 */
export class FleetRun {
  /** Marginal machine's break-even, USD/PH/day: the cash cost of the costliest machine running. */
  marginalCostUSDPerPHDay: number;
  private readonly capacity: Float64Array;
  private readonly idleSince: Float64Array;
  private running = 1;
  private scale: number;
  private onBin: number; // bins ≤ onBin run
  private reactHashprice: number;
  private expectedHashprice: number;
  private readonly reactWeight: number;
  private readonly expectWeight: number;
  private readonly hysteresisFactor: number;
  private readonly idleDays: number;
  private readonly buyPerWeek: number;
  private readonly orderRate: number;
  private readonly baseRate: number;
  private readonly maxGrowth: number;
  private readonly lnCostPerJPerTH: Float64Array;
  private readonly hurdle: Float64Array;
  private readonly lnE: Float64Array;
  private readonly buyScale: Float64Array;
  // Orders in transit: slot s holds the orders of one day, POWER_CLASSES amounts and their bins.
  private readonly lead: number;
  private readonly slots: number;
  private readonly orders: Float64Array;
  private readonly orderBins: Int32Array;
  private readonly pending: Uint8Array;
  private readonly drift: number;
  private readonly shock: number;
  private growth = 0;
  private readonly growthDecay: number;
  private readonly growthShock: number;

  constructor(fleet: NetworkFleet, start: StartFleet, path: FrontierPath, buffers: RunBuffers) {
    const spec = fleet.spec;
    this.capacity = buffers.capacity;
    this.capacity.set(start.capacity);
    this.idleSince = buffers.idleSince.fill(0);
    this.scale = fleet.startTHs;
    const h0 = start.hashpriceUSDPerPHDay;
    this.marginalCostUSDPerPHDay = h0;
    this.onBin = binOf(Math.log(h0));
    this.reactHashprice = this.expectedHashprice = h0;
    this.reactWeight = 1 - Math.exp(-1 / spec.reactionDays);
    this.expectWeight = 1 - Math.exp(-1 / EXPECTATION_DAYS);
    this.hysteresisFactor = 1 + spec.hysteresis;
    this.idleDays = spec.idleDays;
    this.buyPerWeek = ORDER_STEP_DAYS / DAYS_PER_YEAR / POWER_CLASSES;
    this.orderRate = spec.orderRatePerYear;
    this.baseRate = spec.baseOrderRatePerYear;
    this.maxGrowth = spec.maxGrowthPerYear;
    this.lnCostPerJPerTH = fleet.lnCostPerJPerTH;
    this.hurdle = fleet.hurdles;
    this.lnE = path.lnE;
    this.buyScale = path.buyScale;
    this.lead = Math.max(1, spec.leadDays);
    this.slots = this.lead + 1;
    this.orders = buffers.orders.fill(0);
    this.orderBins = buffers.orderBins;
    this.pending = buffers.pending.fill(0);
    const dt = 1 / DAYS_PER_YEAR, sigma = spec.volatilityPerSqrtYear;
    this.drift = (spec.driftPerYear - 0.5 * sigma * sigma) * dt;
    this.shock = sigma * Math.sqrt(dt);
    this.growthDecay = Math.exp(-spec.growthReversionPerYear * dt * GROWTH_STEP_DAYS);
    this.growthShock = spec.growthSdPerYear * Math.sqrt(1 - this.growthDecay * this.growthDecay);
    // Orders already in transit at the start, as the start's hashprice would have placed them over the
    // lead time: without them nothing would arrive for a lead time, as if the world began today.
    for (let k = 1; k <= this.lead; k++) if ((this.lead - k) % ORDER_STEP_DAYS === 0) this.order(k % this.slots, 0);
  }

  /** Hashrate running now, TH/s. */
  runningTHs(): number {
    return this.scale * this.running;
  }

  /**
   * Day d's decisions, on the day's hashprice: switch, buy, take in tomorrow's deliveries, and the
   * day's exogenous shock (none without `rng`). The fleet then runs at `runningTHs()` on day d + 1.
   */
  step(d: number, hashpriceUSDPerPHDay: number, rng: RandomStream | undefined): void {
    // 1. Switch: the threshold follows the reaction-averaged hashprice, with hysteresis upward.
    this.reactHashprice += this.reactWeight * (hashpriceUSDPerPHDay - this.reactHashprice);
    this.expectedHashprice += this.expectWeight * (hashpriceUSDPerPHDay - this.expectedHashprice);
    const seen = this.reactHashprice;
    let theta = this.marginalCostUSDPerPHDay;
    if (seen < theta) theta = seen;
    else if (seen > theta * this.hysteresisFactor) theta = seen / this.hysteresisFactor;
    if (theta !== this.marginalCostUSDPerPHDay) {
      this.marginalCostUSDPerPHDay = theta;
      // The bin holding θ: EDGES[b] ≤ θ < EDGES[b + 1], found by walking from the last one.
      let b = this.onBin;
      while (b + 1 < COST_BINS && theta >= EDGES[b + 1]) b++;
      while (b >= 0 && theta < EDGES[b]) b--;
      if (b !== this.onBin) this.moveThreshold(d, b);
    }

    // 2. Buy: class c orders min(cap, rate × (wanted ÷ payback − 1)) of the running fleet a year, where
    //    wanted ÷ payback = x − y_c, x = wanted × E[hashprice] ÷ frontier price and y_c the class's power cost over it.
    //    Owners order once a week, a week's worth.
    if (d % ORDER_STEP_DAYS === 0) this.order((d + this.lead) % this.slots, d);

    // 3. Deliveries for tomorrow (the orders of lead days ago); idle machines retire as they wait.
    const dueSlot = (d + 1) % this.slots;
    if (this.pending[dueSlot] !== 0) {
      this.pending[dueSlot] = 0;
      const due = dueSlot * POWER_CLASSES;
      for (let c = 0; c < POWER_CLASSES; c++) {
        const amount = this.orders[due + c];
        if (amount === 0) continue;
        this.orders[due + c] = 0;
        const b = this.orderBins[due + c];
        if (b <= this.onBin) {
          this.capacity[b] += amount;
          this.running += amount;
        } else {
          this.capacity[b] = this.idleNow(b, d) + amount;
          this.idleSince[b] = d;
        }
      }
    }

    // 4. Everything else: one lognormal shock to the whole fleet.
    if (rng !== undefined) {
      this.scale *= Math.exp(this.drift + this.growth / DAYS_PER_YEAR + this.shock * rng.standardNormal());
      // The growth noise fades over months: a step a week is enough (exact for the OU over the week).
      if (this.growthShock > 0 && d % GROWTH_STEP_DAYS === GROWTH_STEP_DAYS - 1) this.growth = this.growth * this.growthDecay + this.growthShock * rng.standardNormal();
    }
  }

  /** Places a week's orders on day d (its expected hashprice and frontier) in slot `slot`. */
  private order(slot: number, d: number): void {
    const x = this.buyScale[d] * this.expectedHashprice - 1;
    if (!(x > this.hurdle[0])) return;
    this.pending[slot] = 1;
    slot *= POWER_CLASSES;
    const frontierLnE = this.lnE[d];
    for (let c = 0; c < POWER_CLASSES && x > this.hurdle[c]; c++) {
      const rate = this.baseRate + this.orderRate * (x - this.hurdle[c]);
      this.orders[slot + c] = this.buyPerWeek * (rate < this.maxGrowth ? rate : this.maxGrowth) * this.running;
      this.orderBins[slot + c] = binOf(frontierLnE + this.lnCostPerJPerTH[c]);
    }
  }

  /** Bins switch on or off as the threshold moves to `bin`; idle capacity decays while it waits. */
  private moveThreshold(d: number, bin: number): void {
    let on = this.onBin;
    while (on < bin) {
      on++;
      const c = this.idleNow(on, d);
      this.capacity[on] = c;
      this.running += c;
    }
    while (on > bin) {
      this.idleSince[on] = d;
      this.running -= this.capacity[on];
      on--;
    }
    if (this.running < 0) this.running = 0; // rounding
    this.onBin = on;
  }

  /** Bin b's idle capacity on day d, after retirements since it last changed. */
  private idleNow(b: number, d: number): number {
    const c = this.capacity[b];
    return c > 0 ? c * Math.exp((this.idleSince[b] - d) / this.idleDays) : 0;
  }
}
