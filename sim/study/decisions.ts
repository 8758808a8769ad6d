/**
 * What adaptive layouts' decision rules did across a study: per rule, the share of worlds in which
 * it fired and when it first did (decisions.csv, one row per replication × layout × rule), and per
 * adaptive layout the value of flexibility — its NPV less that of the fixed plan it names in
 * `versus`, paired on the same worlds (common random numbers make the interval tight).
 */
import { DECISION_FIELDS } from '../campus/policies.js';
import { monthLabel } from '../core/calendar.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { stateUnit } from '../scenario/policy-config.js';
import type { PolicyRule, VariantConfig } from '../scenario/types.js';
import { QUANTITY } from '../scenario/units.js';
import { quantileEstimate } from '../core/stats/quantiles.js';
import { field } from './csv.js';
import type { Row } from './replicate.js';

/** An adaptive layout's rules as the study plan keeps them (state/plan.json): what the outputs name and describe. */
export interface PlanPolicy {
  variant: string;
  /** The fixed plan it is judged against, if it names one. */
  versus?: string;
  rules: Array<{ name: string; text: string }>;
}

/** When a rule first fired, over the replications: the share that fired and quantiles of the date, in years from the start. */
export interface RuleSummary {
  name: string;
  text: string;
  firedShare: number;
  /** Mean firings per replication (a rule with a cool-down can fire again). */
  meanFirings: number;
  /** Over the replications in which it fired: p10, p50, p90 of the first firing, years from the start (null when it never fired). */
  firstFiredYears: { p10: number; p50: number; p90: number } | null;
}

export interface PolicySummary {
  variant: string;
  versus?: string;
  rules: RuleSummary[];
}

/** The plan's record of every adaptive layout among `variants`, its rules' dates on the calendar of a horizon from `startUnixSeconds`. */
export function planPolicies(variants: readonly VariantConfig[], startUnixSeconds: number): PlanPolicy[] {
  return variants
    .filter((v) => v.policies && v.policies.length > 0)
    .map((v) => ({ variant: v.name, ...(v.versus !== undefined ? { versus: v.versus } : {}), rules: v.policies!.map((rule) => ({ name: rule.name, text: ruleText(rule, startUnixSeconds) })) }));
}

/**
 * A rule in words, its decision months as dates and its thresholds in their units: "each month from
 * 2028-07 to 2030-01: if hashprice (3-month mean) < 15 USD/PH/day … → build gpuCloud (once)".
 */
export function ruleText(rule: PolicyRule, startUnixSeconds: number): string {
  const months = (h: number) => Number((h / (HOURS_PER_YEAR / 12)).toPrecision(4));
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const conditions = rule.when.map((c) => {
    const unit = QUANTITY[stateUnit(c.state)].unit;
    // An amount of money with its thousands grouped: 400,000,000 USD.
    const threshold = Number(c.threshold.toPrecision(6));
    return `${c.state} (${months(c.trailingH)}-month mean) ${c.below ? '<' : '>'} ${unit === 'USD' ? threshold.toLocaleString('en-US') : threshold}${unit ? ` ${unit}` : ''}`;
  });
  const a = rule.action;
  const action =
    a.kind === 'retire' ? `retire ${Number(a.mw.toPrecision(6))} MW of mining`
    : a.kind === 'buy' ? `buy up to ${Number(a.mw.toPrecision(6))} MW of mining, delivered ${plural(months(a.leadH), 'month')} later`
    : a.kind === 'sellBtc' ? `sell ${Number((100 * a.share).toPrecision(4))} % of the treasury's BTC`
    : a.kind === 'buyBtc' ? `buy ${Number(a.usd.toPrecision(6)).toLocaleString('en-US')} USD of BTC for the treasury`
    : `${a.kind} ${a.load}`;
  // Decision point m is the start of the m-th calendar month from the horizon's (YYYY-MM).
  const month = (m: number) => monthLabel(startUnixSeconds, m).slice(0, 7);
  const first = Math.max(1, rule.fromMonth);
  const when =
    rule.untilMonth === first ? `in ${month(first)}`
    : `${rule.everyMonths === 1 ? 'each month' : `every ${plural(rule.everyMonths, 'month')}`} from ${month(first)} to ${rule.untilMonth === Infinity ? 'the horizon' : month(rule.untilMonth)}`;
  const again = rule.coolDownMonths === Infinity ? 'once' : `again ${plural(rule.coolDownMonths, 'month')} later at the earliest`;
  return `${when}: ${conditions.length > 0 ? `if ${conditions.join(' and ')} → ` : ''}${action} (${again})`;
}

const dateOf = (startUnixSeconds: number, h: number): string => new Date((startUnixSeconds + h * 3600) * 1000).toISOString().slice(0, 10);

/** decisions.csv: per replication, adaptive layout and rule, whether and when it first fired and how often. */
export function decisionsToCsv(rows: readonly Row[], policies: readonly PlanPolicy[], startUnixSeconds: number): string {
  const lines = ['replication,variant,rule,fired,firstFiredDate,firstFiredYears,firings'];
  const byVariant = new Map(policies.map((p) => [p.variant, p]));
  for (const r of rows) {
    const p = byVariant.get(r.variant);
    if (!p) continue;
    p.rules.forEach((rule, i) => {
      const firstH = r.decisions[i * DECISION_FIELDS], firings = r.decisions[i * DECISION_FIELDS + 1];
      const fired = firings > 0;
      lines.push([r.replication, field(r.variant), field(rule.name), fired ? 1 : 0, fired ? dateOf(startUnixSeconds, firstH) : '', fired ? firstH / HOURS_PER_YEAR : '', firings].join(','));
    });
  }
  return lines.join('\n') + '\n';
}


/** Per adaptive layout and rule: how often and when it fired. */
export function summarizeDecisions(rows: readonly Row[], policies: readonly PlanPolicy[], confidence: number): PolicySummary[] {
  return policies.map((p) => {
    const own = rows.filter((r) => r.variant === p.variant);
    return {
      variant: p.variant,
      ...(p.versus !== undefined ? { versus: p.versus } : {}),
      rules: p.rules.map((rule, i): RuleSummary => {
        const firsts = own.filter((r) => r.decisions[i * DECISION_FIELDS + 1] > 0).map((r) => r.decisions[i * DECISION_FIELDS] / HOURS_PER_YEAR);
        const sorted = Float64Array.from(firsts).sort();
        const q = (level: number) => quantileEstimate(sorted, level, confidence).value;
        const firings = own.reduce((sum, r) => sum + r.decisions[i * DECISION_FIELDS + 1], 0);
        return {
          name: rule.name,
          text: rule.text,
          firedShare: own.length > 0 ? firsts.length / own.length : NaN,
          meanFirings: own.length > 0 ? firings / own.length : NaN,
          firstFiredYears: sorted.length > 0 ? { p10: q(0.1), p50: q(0.5), p90: q(0.9) } : null,
        };
      }),
    };
  });
}
