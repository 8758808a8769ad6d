/**
 * Rows → Summary. For every variant and metric: the mean with its Student-t interval, quantiles
 * with distribution-free intervals, the 5 % CVaR and the probability of loss; and for every variant
 * against the baseline, the paired difference — the payoff of common random numbers, shown as how
 * much tighter the paired interval is than an unpaired one would be.
 */
import type { CalendarMonths } from '../core/calendar.js';
import { type CampusMetricName, INCREMENTAL_METRICS, METRIC_INFO, METRICS, type MetricName, PRIMARY_METRIC } from '../campus/metrics.js';
import { lowerTailMean, quantileEstimate, type QuantileEstimate } from '../core/stats/quantiles.js';
import { type RankCorrelation, spearman } from '../core/stats/rank-correlation.js';
import { studentTQuantile } from '../core/stats/student-t.js';
import { WORLD_DRIVERS } from '../campus/world-drivers.js';
import { type AnnualCashFlows, annualCashFlows } from './annual-summary.js';
import { type BreakEven, breakEven } from './break-even.js';
import { type PlanPolicy, type PolicySummary, summarizeDecisions } from './decisions.js';
import type { Row } from './replicate.js';
import { type DriverColumn, type Tornado, tornado } from './tornado.js';

export const QUANTILE_LEVELS = [0.05, 0.1, 0.5, 0.9, 0.95] as const;
export const CVAR_LEVEL = 0.05;

export interface MetricSummary {
  /** Replications in which the metric applies (a GPU hall's utilisation has no value without a hall). */
  n: number;
  mean: number;
  /** Student-t interval for the mean at the study's confidence. */
  lower: number;
  upper: number;
  halfWidth: number;
  sd: number;
  min: number;
  max: number;
  quantiles: QuantileEstimate[];
  /** Mean of the worst 5 % of outcomes (the lowest values). */
  cvar5: number;
  /** Share of replications below zero (money metrics only). */
  probabilityOfLoss?: number;
}

export interface PairedSummary {
  /** Mean of (variant − baseline) over replications, with its t-interval. */
  meanDifference: number;
  lower: number;
  upper: number;
  halfWidth: number;
  /** Share of replications in which the variant does better than the baseline. */
  probabilityBetter?: number;
  /** Half-width an unpaired (Welch) comparison of the same runs would have. */
  unpairedHalfWidth: number;
  /** unpairedHalfWidth ÷ halfWidth: how many times tighter common random numbers made the answer. */
  tightening: number;
}

export interface VariantSummary {
  name: string;
  replications: number;
  metrics: Record<MetricName, MetricSummary>;
  /** Against the baseline (absent for the baseline itself). */
  /** Against the baseline, for the campus's own metrics (the incremental ones are that already). */
  versusBaseline?: Record<CampusMetricName, PairedSummary>;
}

export interface StoppingRule {
  /** replications: ran them all; precision: the sequential rule was met; interrupted/failed: partial. */
  rule: 'replications' | 'precision' | 'interrupted' | 'failed';
  detail: string;
}

/** Which uncertain inputs move a metric most, per variant: Spearman's ρ between each input's draw and the metric. */
export interface Sensitivity {
  metric: MetricName;
  method: string;
  inputs: Array<{ id: string; text: string }>;
  variants: Array<{ name: string; correlations: Array<{ input: string } & RankCorrelation> }>;
}

export interface Summary {
  scenario: string;
  scenarioHash: string;
  seed: number;
  replications: number;
  confidence: number;
  baseline: string;
  /** The horizon's first day, YYYY-MM-DD (when the study knows its horizon). */
  start?: string;
  stopping: StoppingRule;
  definitions: {
    interval: string;
    quantile: string;
    quantileInterval: string;
    cvar: string;
    paired: string;
  };
  metrics: Record<MetricName, string>;
  variants: VariantSummary[];
  /** Present when the scenario has uncertain inputs. */
  sensitivity?: Sensitivity;
  /** What the worlds turned out to be: each world driver's mean and p10/p50/p90 over replications (those with a value). */
  world: Array<{ name: string; description: string; n: number; mean: number; p10: number; p50: number; p90: number }>;
  /** NPV's swing between the bottom and top tenth of each driver, per layout and against the baseline. */
  tornado?: Tornado;
  /** Cash by year and segment (present when the study knows its horizon). */
  annualCashFlows?: AnnualCashFlows;
  /** Where each layout's incremental NPV crosses zero in the BTC price, hashprice and power price. */
  breakEvens?: BreakEvens;
  /** What adaptive layouts' rules did, and each one's value of flexibility against its fixed plan. */
  policies?: Array<PolicySummary & { flexibility?: PairedSummary }>;
}

export interface BreakEvens {
  method: string;
  /** Per layout but the baseline; null where the study cannot tell (the driver does not vary, or Δ NPV does not clearly move with it). */
  variants: Array<{ name: string; btcPriceUSD: BreakEven | null; hashpriceUSDPerPHDay: BreakEven | null; powerPriceUSDPerMWh: BreakEven | null }>;
}

export interface SummaryContext {
  scenario: string;
  scenarioHash: string;
  seed: number;
  confidence: number;
  baseline: string;
  variants: readonly string[];
  stopping: StoppingRule;
  /** The scenario's uncertain inputs, in the order of each row's `inputs`. */
  inputs?: ReadonlyArray<{ id: string; text: string; variants?: readonly string[] }>;
  /** The horizon's calendar months, for the annual cash flows' dates. */
  horizon?: CalendarMonths;
  /** The adaptive layouts' rules (study/decisions.ts). */
  policies?: readonly PlanPolicy[];
}

const isIncremental = (m: MetricName): m is (typeof INCREMENTAL_METRICS)[number] => (INCREMENTAL_METRICS as readonly string[]).includes(m);

/** Rows must hold the same replications for every variant (as a study produces them). */
export function summarize(rows: readonly Row[], ctx: SummaryContext): Summary {
  const columns = collect(rows, ctx.variants);
  const baseline = columns.get(ctx.baseline);
  const variants = ctx.variants.map((name): VariantSummary => {
    const own = columns.get(name)!;
    const metrics = {} as Record<MetricName, MetricSummary>;
    for (const m of METRICS) metrics[m] = describe(own[m], ctx.confidence, METRIC_INFO[m].money);
    const summary: VariantSummary = { name, replications: own[METRICS[0]].length, metrics };
    if (baseline && name !== ctx.baseline) {
      summary.versusBaseline = {} as Record<CampusMetricName, PairedSummary>;
      for (const m of METRICS) if (!isIncremental(m)) summary.versusBaseline[m] = paired(own[m], baseline[m], ctx.confidence, METRIC_INFO[m].better);
    }
    return summary;
  });
  return {
    scenario: ctx.scenario,
    scenarioHash: ctx.scenarioHash,
    seed: ctx.seed,
    replications: variants[0]?.replications ?? 0,
    confidence: ctx.confidence,
    baseline: ctx.baseline,
    ...(ctx.horizon ? { start: new Date(ctx.horizon.startUnixSeconds * 1000).toISOString().slice(0, 10) } : {}),
    stopping: ctx.stopping,
    definitions: {
      interval: 'mean ± t(1 − α/2, n − 1)·s/√n (Student t), α = 1 − confidence',
      quantile: 'Hyndman & Fan type 7: linear interpolation between order statistics (as R and NumPy)',
      quantileInterval: 'distribution-free order-statistic interval [x(l), x(u)] from Binomial(n, p), at least the stated confidence',
      cvar: `mean of the lowest ⌈${CVAR_LEVEL}·n⌉ outcomes`,
      paired: 'per replication, variant − baseline on the same world; t-interval of the differences; tightening = Welch unpaired half-width ÷ paired half-width',
    },
    metrics: Object.fromEntries(METRICS.map((m) => [m, METRIC_INFO[m].label])) as Record<MetricName, string>,
    variants,
    ...(ctx.inputs && ctx.inputs.length > 0 ? { sensitivity: sensitivity(rows, ctx, ctx.inputs, PRIMARY_METRIC) } : {}),
    ...worldAndTornado(rows, columns, ctx),
    ...(ctx.horizon && rows.length > 0 ? { annualCashFlows: annualCashFlows(rows, ctx.variants, ctx.horizon) } : {}),
    ...(ctx.policies && ctx.policies.length > 0 ? { policies: policies(rows, columns, ctx, ctx.policies) } : {}),
  };
}

/** Each adaptive layout's rules, and its value of flexibility: NPV − its fixed plan's NPV, paired on the same worlds. */
function policies(rows: readonly Row[], columns: Map<string, Record<MetricName, Float64Array>>, ctx: SummaryContext, plan: readonly PlanPolicy[]): NonNullable<Summary['policies']> {
  const studied = plan.filter((p) => ctx.variants.includes(p.variant));
  return summarizeDecisions(rows, studied, ctx.confidence).map((s) => {
    const fixed = s.versus !== undefined ? columns.get(s.versus) : undefined;
    return fixed ? { ...s, flexibility: paired(columns.get(s.variant)!.npvUSD, fixed.npvUSD, ctx.confidence, 'higher') } : s;
  });
}

/** The world drivers' summary, and the tornado of the primary metric over the inputs and the world drivers. */
function worldAndTornado(rows: readonly Row[], columns: Map<string, Record<MetricName, Float64Array>>, ctx: SummaryContext): Pick<Summary, 'world' | 'tornado' | 'breakEvens'> {
  // One row per replication (the first variant's): inputs and drivers are the replication's, the same in each of its rows.
  const first = [...rows].filter((r) => r.variant === ctx.variants[0]).sort((a, b) => a.replication - b.replication);
  const drivers: DriverColumn[] = [
    ...(ctx.inputs ?? []).map((input, k) => ({ id: input.id, kind: 'input' as const, values: Float64Array.from(first, (r) => r.inputs[k]), variants: input.variants })),
    ...WORLD_DRIVERS.map((d, k) => ({ id: d.name, kind: 'world' as const, values: Float64Array.from(first, (r) => r.drivers[k]) })),
  ];
  const world = WORLD_DRIVERS.map((d, k) => {
    const xs = applicable(drivers[(ctx.inputs ?? []).length + k].values);
    const sorted = Float64Array.from(xs).sort();
    const q = (p: number) => (xs.length > 0 ? quantileEstimate(sorted, p, ctx.confidence).value : NaN);
    return { name: d.name, description: d.description, n: xs.length, mean: xs.length > 0 ? moments(xs).mean : NaN, p10: q(0.1), p50: q(0.5), p90: q(0.9) };
  });
  const npv = new Map(ctx.variants.map((v) => [v, columns.get(v)![PRIMARY_METRIC]]));
  const ranked = drivers.filter((d) => d.kind === 'input' || WORLD_DRIVERS.find((w) => w.name === d.id)!.ranked);
  const t = first.length > 0 ? tornado(PRIMARY_METRIC, npv, ctx.variants, ctx.baseline, ranked, ctx.confidence) : undefined;
  return { world, ...(t ? { tornado: t } : {}), breakEvens: breakEvens(drivers, columns, ctx) };
}

/** Per layout against the baseline, the mean BTC price, mean hashprice and power price at which its incremental NPV is zero. */
function breakEvens(drivers: readonly DriverColumn[], columns: Map<string, Record<MetricName, Float64Array>>, ctx: SummaryContext): BreakEvens {
  const column = (id: string) => drivers.find((d) => d.id === id)?.values;
  const spot = column('meanSpotUSDPerMWh');
  const hasSpot = spot !== undefined && spot.some((x) => !Number.isNaN(x));
  // Three drivers for each layout but the baseline: the slope test is Bonferroni-corrected over them all.
  const tests = 3 * Math.max(1, ctx.variants.length - 1);
  const slopeConfidence = 1 - (1 - ctx.confidence) / tests;
  return {
    method: `least-squares line of incremental NPV on the driver over replications, where it crosses zero; ${ctx.confidence * 100} % Fieller interval; none where the slope is not clearly away from zero (t-test at ${(100 * (1 - ctx.confidence)).toFixed(0)} % ÷ ${tests} pairs of layout and driver, Bonferroni). The driver moves with the rest of its world, so this is where the layout breaks even on average over that world`,
    variants: ctx.variants
      .filter((name) => name !== ctx.baseline)
      .map((name) => {
        const y = columns.get(name)!.incrementalNpvUSD;
        // A flat power price varies only when the scenario makes it uncertain (the base campus's or this layout's own).
        const power = hasSpot ? spot : column(`variants.${name}.site.powerPrice`) ?? column('site.powerPrice');
        const at = (x: Float64Array | undefined) => (x ? breakEven(x, y, ctx.confidence, slopeConfidence) ?? null : null);
        return { name, btcPriceUSD: at(column('meanBtcPriceUSD')), hashpriceUSDPerPHDay: at(column('meanHashpriceUSDPerPHDay')), powerPriceUSDPerMWh: at(power) };
      }),
  };
}

function sensitivity(rows: readonly Row[], ctx: SummaryContext, inputs: NonNullable<SummaryContext['inputs']>, metric: MetricName): Sensitivity {
  const sorted = [...rows].sort((a, b) => a.replication - b.replication);
  return {
    metric,
    method: `Spearman rank correlation between each input's draw and the metric over replications; ${ctx.confidence * 100} % Fisher-z interval with variance 1.06/(n − 3)`,
    inputs: inputs.map(({ id, text }) => ({ id, text })),
    variants: ctx.variants.map((name) => {
      const own = sorted.filter((r) => r.variant === name && !Number.isNaN(r.metrics[metric]));
      const ys = Float64Array.from(own, (r) => r.metrics[metric]);
      // An input this variant never reads (another layout's build time) cannot move it: left out, not shown as noise.
      return {
        name,
        correlations: inputs.flatMap(({ id, variants }, k) =>
          !variants || variants.includes(name) ? [{ input: id, ...spearman(Float64Array.from(own, (r) => r.inputs[k]), ys, ctx.confidence) }] : [],
        ),
      };
    }),
  };
}

/** Per variant and metric, the values in replication order. */
function collect(rows: readonly Row[], variants: readonly string[]): Map<string, Record<MetricName, Float64Array>> {
  const counts = new Map(variants.map((v) => [v, 0]));
  for (const r of rows) counts.set(r.variant, (counts.get(r.variant) ?? 0) + 1);
  const out = new Map<string, Record<MetricName, Float64Array>>();
  for (const v of variants) {
    const n = counts.get(v)!;
    out.set(v, Object.fromEntries(METRICS.map((m) => [m, new Float64Array(n)])) as Record<MetricName, Float64Array>);
  }
  const filled = new Map(variants.map((v) => [v, 0]));
  const sorted = [...rows].sort((a, b) => a.replication - b.replication);
  for (const r of sorted) {
    const i = filled.get(r.variant)!;
    const cols = out.get(r.variant)!;
    for (const m of METRICS) cols[m][i] = r.metrics[m];
    filled.set(r.variant, i + 1);
  }
  return out;
}

function moments(xs: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += (xs[i] - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i] - mean) ** 2;
  return { mean, variance: xs.length > 1 ? ss / (xs.length - 1) : NaN };
}

/** The values that are numbers: NaN marks a metric that does not apply to a layout (no GPU hall, no jobs). */
function applicable(xs: Float64Array): Float64Array {
  return xs.every((x) => !Number.isNaN(x)) ? xs : xs.filter((x) => !Number.isNaN(x));
}

function describe(all: Float64Array, confidence: number, money: boolean): MetricSummary {
  const xs = applicable(all);
  const n = xs.length;
  if (n === 0) return notApplicable(money);
  const { mean, variance } = moments(xs);
  const halfWidth = n > 1 ? studentTQuantile((1 + confidence) / 2, n - 1) * Math.sqrt(variance / n) : NaN;
  const sorted = Float64Array.from(xs).sort();
  let losses = 0;
  for (const x of xs) if (x < 0) losses++;
  return {
    n,
    mean,
    lower: mean - halfWidth,
    upper: mean + halfWidth,
    halfWidth,
    sd: Math.sqrt(variance),
    min: sorted[0],
    max: sorted[n - 1],
    quantiles: QUANTILE_LEVELS.map((p) => quantileEstimate(sorted, p, confidence)),
    cvar5: lowerTailMean(sorted, CVAR_LEVEL),
    ...(money ? { probabilityOfLoss: losses / n } : {}),
  };
}

/** A metric that applies in no replication: every figure NaN (null in summary.json). */
function notApplicable(money: boolean): MetricSummary {
  const quantiles = QUANTILE_LEVELS.map((p) => ({ p, value: NaN, lower: NaN, upper: NaN }));
  return { n: 0, mean: NaN, lower: NaN, upper: NaN, halfWidth: NaN, sd: NaN, min: NaN, max: NaN, quantiles, cvar5: NaN, ...(money ? { probabilityOfLoss: NaN } : {}) };
}

function paired(allXs: Float64Array, allBase: Float64Array, confidence: number, better: 'higher' | 'lower' | undefined): PairedSummary {
  // Only replications where the metric applies to both layouts pair up.
  const both = (i: number) => !Number.isNaN(allXs[i]) && !Number.isNaN(allBase[i]);
  const keep = allXs.map((_, i) => (both(i) ? 1 : 0));
  const xs = allXs.filter((_, i) => keep[i] === 1), base = allBase.filter((_, i) => keep[i] === 1);
  const n = xs.length;
  const d = new Float64Array(n);
  let wins = 0;
  for (let i = 0; i < n; i++) {
    d[i] = xs[i] - base[i];
    if (better === 'higher' ? d[i] > 0 : better === 'lower' ? d[i] < 0 : false) wins++;
  }
  const diff = moments(d);
  const t = n > 1 ? studentTQuantile((1 + confidence) / 2, n - 1) : NaN;
  const halfWidth = t * Math.sqrt(diff.variance / n);
  // Welch: the interval two independent samples of the same size and spread would give.
  const a = moments(xs).variance / n, b = moments(base).variance / n;
  const welchDf = (a + b) ** 2 / ((a * a + b * b) / (n - 1));
  const unpairedHalfWidth = n > 1 && a + b > 0 ? studentTQuantile((1 + confidence) / 2, welchDf) * Math.sqrt(a + b) : 0;
  return {
    meanDifference: diff.mean,
    lower: diff.mean - halfWidth,
    upper: diff.mean + halfWidth,
    halfWidth,
    ...(better ? { probabilityBetter: wins / n } : {}),
    unpairedHalfWidth,
    // Identical runs (a variant equal to the baseline) differ by nothing: call that no tightening.
    tightening: halfWidth > 0 ? unpairedHalfWidth / halfWidth : 1,
  };
}
