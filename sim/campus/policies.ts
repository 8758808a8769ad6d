/**
 * A layout's decision rules at work: at each of a rule's decision points (calendar month starts), it
 * fires when every condition holds on the trailing means observed so far (observed.ts) and it is not
 * cooling down, and its action goes to the loads — a hall starts building, mining pauses or resumes,
 * machines retire or are ordered, a lease is signed or renewed — or to the treasury: BTC sold or
 * bought at the hour's price, the cash counted in the month the rule decides in. What fired when is kept for the study
 * (per rule: first firing, count).
 */
import type { Simulation } from '../core/engine.js';
import { capexSchedule } from '../finance/capex.js';
import { operatingFlows } from '../finance/project.js';
import { hallBuiltAt } from '../hpc/gpu-cloud.js';
import { BASE_MODEL, reservedDrawMW } from '../mining/fleet.js';
import { MOST_RULES } from '../scenario/keys/policy.js';
import { type AsicModelConfig, type FleetPurchase, type PolicyRule, ruleBuildsHall, ruleSignsLease, type VariantConfig } from '../scenario/types.js';
import type { Load } from './load.js';
import { type Observable, trailingMean } from './observed.js';
import { PRIORITY_CHAIN, PRIORITY_DECISIONS } from './priorities.js';

/** The numbers each rule keeps: its first firing (h) and how often it fired; and a layout's, for all its rules. */
export const DECISION_FIELDS = 2;
export const DECISIONS_PER_VARIANT = MOST_RULES * DECISION_FIELDS;

/** Does `rule` decide at month boundary `m`: its first (month 1 at the earliest), then every `everyMonths`, to its last? */
function decidesAt(rule: PolicyRule, m: number): boolean {
  const first = Math.max(1, rule.fromMonth);
  return m >= first && m <= rule.untilMonth && (m - first) % rule.everyMonths === 0;
}

/** What the rules act on: the layout's loads (load-set.ts). */
export interface PolicyTargets {
  /** The load a rule builds, pauses or retires from, by kind name (loads.ts). */
  readonly byKind: ReadonlyMap<string, Load>;
  /** Switches off for good the mining machines that free `mw`. */
  convertMining(mw: number): void;
}

export class Policies {
  /** Per rule: the hour it first fired (NaN: never) and how often it fired; MOST_RULES × DECISION_FIELDS. */
  readonly decisions = new Float64Array(DECISIONS_PER_VARIANT).fill(NaN);
  /** When the layout's GPU hall was decided (NaN: no rule built it, or none does). */
  private builtAtH = NaN;
  /** When the layout's lease was signed (NaN: no rule signed it, or none does). */
  private signedAtH = NaN;
  /** Machines rules bought (on delivery) and retired, as a fleet schedule's changes, for the capex. */
  private readonly fleetChanges: FleetPurchase[] = [];
  /** Machines ordered and not yet delivered, MW. */
  private orderedMW = 0;
  /** Per rule, the month boundary it last fired at. */
  private readonly lastFiredMonth: Float64Array;
  /** The event kind of a purchase's delivery (registered when some rule buys). */
  private readonly deliveryKind: number = -1;
  /** Treasury BTC rules bought less what they sold. */
  private boughtLessSoldBTC = 0;
  /** What the rules observe: the world and the books, and the cash on hand they add up to. */
  private readonly seen: Observable;

  constructor(
    private readonly sim: Simulation,
    private readonly rules: readonly PolicyRule[],
    world: Omit<Observable, 'cashAtMonthEndsUSD'>,
    private readonly targets: PolicyTargets,
    /** A decision changed what the loads would run: decide and dispatch again. */
    private readonly dispatch: () => void,
    private readonly horizonH: number,
  ) {
    const seen = (this.seen = { ...world, cashAtMonthEndsUSD: (nowH: number) => this.cashAtMonthEndsUSD(nowH) });
    const calendar = seen.ledger.calendar;
    this.lastFiredMonth = new Float64Array(rules.length).fill(-Infinity);
    rules.forEach((_, i) => (this.decisions[i * DECISION_FIELDS + 1] = 0));
    if (rules.length === 0) return;
    if (rules.some((rule) => rule.action.kind === 'buy')) this.deliveryKind = sim.on('machines delivered', this.deliver);
    // One event per month start at which some rule decides: boundaries 1 … count − 1 (none at the horizon's end).
    const kind = sim.on('decision point', (m) => this.decide(m));
    for (let m = 1; m < calendar.count; m++) {
      if (rules.some((rule) => decidesAt(rule, m))) sim.schedule(calendar.boundsH[m], kind, m, PRIORITY_DECISIONS);
    }
  }

  private decide(m: number): void {
    const now = this.sim.now;
    this.rules.forEach((rule, i) => {
      if (!decidesAt(rule, m) || m - this.lastFiredMonth[i] < rule.coolDownMonths || !this.wouldChange(rule, m)) return;
      if (!rule.when.every((c) => this.holds(c.state, c.trailingH, c.below, c.threshold, now))) return;
      this.lastFiredMonth[i] = m;
      const d = i * DECISION_FIELDS;
      if (this.decisions[d + 1] === 0) this.decisions[d] = now;
      this.decisions[d + 1]++;
      this.act(rule, m);
    });
  }

  private holds(state: PolicyRule['when'][number]['state'], trailingH: number, below: boolean, threshold: number, now: number): boolean {
    const x = trailingMean(state, this.seen, now, trailingH);
    // Nothing observed yet (a hall not open has no utilisation): the condition does not hold.
    if (!(x === x)) return false;
    return below ? x < threshold : x > threshold;
  }

  /**
   * Would the action change anything now? A rule whose action would not — resume a fleet that runs,
   * pause one already paused, retire from an empty hall, buy with no grid power left for the machines,
   * sell from an empty treasury — does not fire (and is not counted as firing).
   */
  private wouldChange(rule: PolicyRule, m: number): boolean {
    const mining = this.targets.byKind.get('mining');
    switch (rule.action.kind) {
      case 'build':
        return true;
      case 'pause':
        return !mining!.isPaused!() && mining!.fleetMW!() > 0;
      case 'resume':
        return mining!.isPaused!();
      case 'retire':
        return mining!.fleetMW!() > 0;
      case 'buy':
        return this.machinesToBuy(rule.action.mw) > 0;
      case 'sign':
        return true;
      case 'renew':
        return this.targets.byKind.get('lease')!.renewable!();
      case 'sellBtc':
        return this.treasuryBTC(m) > 0;
      case 'buyBtc':
        return true;
    }
  }

  /**
   * Machines of the fleet's model a buy of `mw` gets: no more than the grid power mining is left (the
   * connection less what the halls are kept, as the fleet was sized at the start, but for a lease
   * that has ended) can run, counting
   * those in service and those ordered but not yet delivered — a rule does not buy machines that
   * could never draw power.
   */
  private machinesToBuy(mw: number): number {
    const v = this.seen.variant;
    // A lease whose term has ended holds its grid share no more.
    const tenant = this.targets.byKind.get('lease')?.tenant;
    const freedMW = tenant && v.lease && tenant.endH <= this.sim.now ? v.lease.itMW * v.lease.pue : 0;
    const roomMW = v.site.gridMW - reservedDrawMW(v) + freedMW - this.targets.byKind.get('mining')!.fleetMW!() - this.orderedMW;
    return Math.max(0, Math.floor(Math.min(mw, roomMW) / v.mining.asicPowerMW + 1e-9));
  }

  private act(rule: PolicyRule, month: number): void {
    const a = rule.action;
    if (a.kind === 'sellBtc' || a.kind === 'buyBtc') {
      // At the hour's price; the cash counts in the month the rule decides in (its first hour), as a payment does.
      const priceUSD = this.btcPriceUSD();
      const btc = a.kind === 'sellBtc' ? -a.share * this.treasuryBTC(month) : a.usd / priceUSD;
      this.boughtLessSoldBTC += btc;
      this.seen.ledger.monthly.treasuryTradesUSD[month] -= btc * priceUSD;
      return;
    }
    if (a.kind === 'build') {
      this.builtAtH = this.sim.now;
      this.targets.byKind.get('gpuCloud')!.build!();
      return;
    }
    // A lease signed or renewed changes nothing before its hall opens or its term would have ended: no dispatch now.
    if (a.kind === 'sign') {
      this.signedAtH = this.sim.now;
      this.targets.byKind.get('lease')!.sign!();
      return;
    }
    if (a.kind === 'renew') {
      this.targets.byKind.get('lease')!.renew!();
      return;
    }
    const m = this.seen.variant.mining;
    if (a.kind === 'buy') {
      // Ordered now, delivered and paid `leadH` later (an order past the horizon is never delivered).
      const machines = this.machinesToBuy(a.mw);
      const atH = this.sim.now + a.leadH;
      if (atH < this.horizonH) {
        this.fleetChanges.push({ atH, model: this.baseModel(), machines });
        this.orderedMW += machines * m.asicPowerMW;
        this.sim.schedule(atH, this.deliveryKind, machines, PRIORITY_CHAIN);
      }
      return;
    }
    if (a.kind === 'retire') {
      this.fleetChanges.push({ atH: this.sim.now, model: this.baseModel(), machines: -Math.ceil(a.mw / m.asicPowerMW - 1e-9) });
      this.targets.convertMining(a.mw);
    } else this.targets.byKind.get('mining')!.pause!(a.kind === 'pause');
    this.dispatch();
  }

  private readonly deliver = (machines: number): void => {
    this.orderedMW -= machines * this.seen.variant.mining.asicPowerMW;
    this.targets.byKind.get('mining')!.buy!(machines);
    this.dispatch();
  };

  /** Treasury BTC rules bought less what they sold, to the horizon. */
  get tradedBTC(): number {
    return this.boughtLessSoldBTC;
  }

  /** The treasury's BTC before decision point `m`: the kept share of what the closed months mined, and what rules bought less sold. */
  private treasuryBTC(m: number): number {
    const mined = this.seen.ledger.monthly.minedBTC;
    let minedBTC = 0;
    for (let k = 0; k < m; k++) minedBTC += mined[k];
    return this.seen.variant.finance.btcHeldShare * minedBTC + this.boughtLessSoldBTC;
  }

  /** The BTC price of the hour (the price step under way), USD. */
  private btcPriceUSD(): number {
    const w = this.seen.world;
    return w.priceUSD[Math.min(w.priceUSD.length - 1, Math.floor(this.sim.now / w.priceStepH + 1e-9))];
  }

  /**
   * Cash on hand at the end of each month closed by `nowH` (NaN after): the capital (0 without one)
   * plus the project's flows to then — capex paid by then (as the rules have built so far), each
   * month's operating cash and the treasury BTC sold or bought — before debt and tax, as
   * finance/project.ts counts them.
   */
  private cashAtMonthEndsUSD(nowH: number): Float64Array {
    const { ledger, variant } = this.seen;
    const calendar = ledger.calendar;
    let closed = 0;
    while (closed < calendar.count && calendar.boundsH[closed + 1] <= nowH + 1e-9) closed++;
    const flows = operatingFlows(ledger.monthly, capexSchedule(this.asBuilt()), variant.finance, calendar, closed);
    const out = new Float64Array(calendar.count).fill(NaN);
    let balanceUSD = (Number.isFinite(variant.finance.capitalUSD) ? variant.finance.capitalUSD : 0) + flows[0];
    for (let k = 0; k < closed; k++) out[k] = balanceUSD += flows[k + 1] + ledger.monthly.treasuryTradesUSD[k];
    return out;
  }

  private baseModel(): AsicModelConfig {
    const m = this.seen.variant.mining;
    return { name: BASE_MODEL, hashrateTHs: m.asicHashrateTHs, powerMW: m.asicPowerMW, priceUSDPerTHs: m.asicPriceUSDPerTHs };
  }

  /**
   * The layout as its rules built it, for its capex: a hall a rule builds is paid from the decision on
   * the dates hallBuiltAt gives (the nodes of the phases that open within the horizon), and not at all when
   * no rule built it (its grid share still kept from the fleet's); a lease a rule signs has its hall's shell paid at the signing, whenever the hall
   * opens, and nothing when no rule signed it (its grid share still kept from the fleet's); machines bought are paid on
   * delivery, with facility for the MW beyond the most ever built (retirements count toward that).
   */
  asBuilt(): VariantConfig {
    const variant = this.seen.variant;
    if (!variant.policies) return variant;
    let built = variant;
    if (variant.gpuCloud && ruleBuildsHall(variant)) {
      const hall = this.builtAtH === this.builtAtH ? hallBuiltAt(variant.gpuCloud, this.builtAtH, this.horizonH) : undefined;
      // Nodes are bought for the phases that open within the horizon: a hall still being built at
      // the horizon has its shell paid for, and none. Never built, it costs nothing, yet its grid
      // share was kept from the fleet: the hall stays, without its shell or nodes.
      const unbuilt = { ...variant.gpuCloud, hallUSDPerMW: 0, phases: [] };
      built = { ...built, gpuCloud: !hall ? unbuilt : hall.phases.some((p) => p.atH >= this.horizonH) ? { ...hall, phases: hall.phases.filter((p) => p.atH < this.horizonH) } : hall };
    }
    if (variant.lease && ruleSignsLease(variant)) {
      // Unsigned, the hall costs nothing, yet its grid share was kept from the fleet: the lease stays, without its shell.
      const l = variant.lease, signed = this.signedAtH === this.signedAtH;
      built = { ...built, lease: signed ? { ...l, signedAtH: this.signedAtH, onlineH: this.signedAtH + l.buildH } : { ...l, hallUSDPerMW: 0 } };
    }
    if (this.fleetChanges.length > 0) {
      // Stable by date: the layout's own schedule first within an hour.
      const schedule = [...(variant.mining.schedule ?? []), ...this.fleetChanges].map((p, i) => ({ p, i })).sort((a, b) => a.p.atH - b.p.atH || a.i - b.i).map(({ p }) => p);
      built = { ...built, mining: { ...built.mining, schedule } };
    }
    return built;
  }
}
