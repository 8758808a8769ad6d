/**
 * A layout's decision rules at work: at each of a rule's decision points (month ends), it fires
 * when every condition holds on the trailing means observed so far (observed.ts) and it is not
 * cooling down, and its action goes to the loads — a hall starts building, mining pauses or
 * resumes, machines retire. What fired when is kept for the study (per rule: first firing, count).
 */
import type { Simulation } from '../core/engine.js';
import { HOURS_PER_MONTH } from '../core/time.js';
import { hallBuiltAt } from '../hpc/gpu-cloud.js';
import { BASE_MODEL } from '../mining/fleet.js';
import { type AsicModelConfig, type FleetPurchase, MAX_RULES, type PolicyRule, type VariantConfig } from '../scenario/types.js';
import type { Load } from './load.js';
import { type Observable, trailingMean } from './observed.js';
import { PRIORITY_CHAIN, PRIORITY_DECISIONS } from './priorities.js';

/** The numbers each rule keeps: its first firing (h) and how often it fired; and a layout's, for all its rules. */
export const DECISION_FIELDS = 2;
export const DECISIONS_PER_VARIANT = MAX_RULES * DECISION_FIELDS;

/** What the rules act on: the layout's loads (load-set.ts). */
export interface PolicyTargets {
  /** The load a rule builds, pauses or retires from, by kind name (loads.ts). */
  readonly byKind: ReadonlyMap<string, Load>;
  /** Switches off for good the mining machines that free `mw`. */
  convertMining(mw: number): void;
}

export class Policies {
  /** Per rule: the hour it first fired (NaN: never) and how often it fired; MAX_RULES × DECISION_FIELDS. */
  readonly decisions = new Float64Array(DECISIONS_PER_VARIANT).fill(NaN);
  /** When the layout's GPU hall was decided (NaN: no rule built it, or none does). */
  private builtAtH = NaN;
  /** Machines rules bought (on delivery) and retired, as a fleet schedule's changes, for the capex. */
  private readonly fleetChanges: FleetPurchase[] = [];
  private readonly lastFiredH: Float64Array;
  /** The event kind of a purchase's delivery (registered when some rule buys). */
  private readonly deliveryKind: number = -1;

  constructor(
    private readonly sim: Simulation,
    private readonly rules: readonly PolicyRule[],
    private readonly seen: Observable,
    private readonly targets: PolicyTargets,
    /** A decision changed what the loads would run: decide and dispatch again. */
    private readonly dispatch: () => void,
    private readonly horizonH: number,
  ) {
    const months = seen.ledger.months;
    this.lastFiredH = new Float64Array(rules.length).fill(-Infinity);
    rules.forEach((_, i) => (this.decisions[i * DECISION_FIELDS + 1] = 0));
    if (rules.length === 0) return;
    if (rules.some((rule) => rule.action.kind === 'buy')) this.deliveryKind = sim.on('machines delivered', this.deliver);
    // One event per month end at which some rule decides: month ends 1 … months − 1 (none at the horizon).
    const kind = sim.on('decision point', (m) => this.decide(m));
    for (let m = 1; m < months; m++) {
      const atH = m * HOURS_PER_MONTH;
      if (rules.some((rule) => this.decidesAt(rule, m, atH))) sim.schedule(atH, kind, m, PRIORITY_DECISIONS);
    }
  }

  /** Does `rule` decide at month end `m`, at `atH`: within [from, until], every `everyMonths` from its first? */
  private decidesAt(rule: PolicyRule, m: number, atH: number): boolean {
    if (atH < rule.fromH - 1e-6 || atH > rule.untilH + 1e-6) return false;
    const first = Math.ceil(rule.fromH / HOURS_PER_MONTH - 1e-9);
    return (m - Math.max(first, 1)) % rule.everyMonths === 0;
  }

  private decide(m: number): void {
    const now = this.sim.now;
    this.rules.forEach((rule, i) => {
      if (!this.decidesAt(rule, m, now) || now - this.lastFiredH[i] < rule.coolDownH) return;
      if (!rule.when.every((c) => this.holds(c.state, c.trailingH, c.below, c.threshold, now))) return;
      this.lastFiredH[i] = now;
      const d = i * DECISION_FIELDS;
      if (this.decisions[d + 1] === 0) this.decisions[d] = now;
      this.decisions[d + 1]++;
      this.act(rule);
    });
  }

  private holds(state: PolicyRule['when'][number]['state'], trailingH: number, below: boolean, threshold: number, now: number): boolean {
    const x = trailingMean(state, this.seen, now, trailingH);
    // Nothing observed yet (a hall not open has no utilisation): the condition does not hold.
    if (!(x === x)) return false;
    return below ? x < threshold : x > threshold;
  }

  private act(rule: PolicyRule): void {
    const a = rule.action;
    if (a.kind === 'build') {
      this.builtAtH = this.sim.now;
      this.targets.byKind.get('gpuCloud')!.build!();
      return;
    }
    const m = this.seen.variant.mining;
    if (a.kind === 'buy') {
      // Ordered now, delivered and paid `leadH` later (an order past the horizon is never delivered).
      const machines = Math.floor(a.mw / m.asicPowerMW + 1e-9);
      const atH = this.sim.now + a.leadH;
      if (atH < this.horizonH) {
        this.fleetChanges.push({ atH, model: this.baseModel(), machines });
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
    this.targets.byKind.get('mining')!.buy!(machines);
    this.dispatch();
  };

  private baseModel(): AsicModelConfig {
    const m = this.seen.variant.mining;
    return { name: BASE_MODEL, hashrateTHs: m.asicHashrateTHs, powerMW: m.asicPowerMW, priceUSDPerTHs: m.asicPriceUSDPerTHs };
  }

  /**
   * The layout as its rules built it, for its capex: a hall a rule builds is paid from the decision on
   * the dates hallBuiltAt gives, and not at all when no rule built it; machines bought are paid on
   * delivery, with facility for the MW beyond the most ever built (retirements count toward that).
   */
  asBuilt(): VariantConfig {
    const variant = this.seen.variant;
    if (!variant.policies) return variant;
    let built = variant;
    if (variant.gpuCloud && variant.policies.some((rule) => rule.action.kind === 'build')) {
      built = { ...built, gpuCloud: this.builtAtH === this.builtAtH ? hallBuiltAt(variant.gpuCloud, this.builtAtH, this.horizonH) : undefined };
    }
    if (this.fleetChanges.length > 0) {
      // Stable by date: the layout's own schedule first within an hour.
      const schedule = [...(variant.mining.schedule ?? []), ...this.fleetChanges].map((p, i) => ({ p, i })).sort((a, b) => a.p.atH - b.p.atH || a.i - b.i).map(({ p }) => p);
      built = { ...built, mining: { ...built.mining, schedule } };
    }
    return built;
  }
}
