/**
 * `campus optimize`: the best of a scenario's layouts (its written variants and those its sweep
 * generates) by mean NPV, chosen by Kim–Nelson's fully sequential procedure on common random
 * numbers (ranking.ts) — replications go to the layouts still in contention, not equally to all —
 * with each candidate's mean, CVaR and probability of loss over the replications it got. Optionally
 * subject to a limit on P(NPV < L), checked beside the comparisons (Andradóttir & Kim 2010).
 */
import { METRIC_INFO, type MetricName, METRICS, PRIMARY_METRIC } from '../campus/metrics.js';
import { lowerTailMean } from '../core/stats/quantiles.js';
import type { Scenario } from '../scenario/types.js';
import { equalAllocationReplications, type Feasibility, indicatorVarianceFloor, type Selection, selectBest, selectBestFeasible } from './ranking.js';
import { replicate } from './replicate.js';
import { StudyError } from './study-error.js';
import { CVAR_LEVEL } from './summarize.js';

export interface OptimizeRequest {
  variants?: readonly string[];
  seed?: number;
  metric?: MetricName;
  /** δ in the metric's unit: a lead smaller than this is not worth telling apart. */
  indifference: number;
  confidence: number;
  firstStage: number;
  /** Most replications any candidate gets. */
  budget: number;
  /** Choose only among layouts with P(metric < below) ≤ maxProbability, decided within ± tolerance. */
  lossLimit?: LossLimit;
  onReplication?: (replication: number, alive: number) => void;
}

export interface LossLimit {
  /** L in the metric's unit: an outcome below it counts as a loss (0 by default: NPV < 0). */
  below: number;
  /** q in (0, 1): the largest acceptable P(metric < L). */
  maxProbability: number;
  /** ε in (0, min(q, 1 − q)): P within ε of q may be judged either way. */
  tolerance: number;
}

export interface Candidate {
  name: string;
  replications: number;
  mean: number;
  cvar: number;
  probabilityOfLoss: number;
  /** Replications it had when it fell out of contention (absent for those that did not). */
  droppedAfter?: number;
  /** On the frontier: no other candidate (not found infeasible) has both a higher mean and a higher CVaR. */
  efficient: boolean;
  /** With a loss limit: P(metric < L) over its replications, the check's verdict and when it was reached. */
  probabilityBelowLimit?: number;
  feasibility?: Feasibility;
  feasibilityDecidedAfter?: number;
}

export interface OptimizeResult {
  scenario: string;
  seed: number;
  metric: MetricName;
  procedure: string;
  indifference: number;
  confidence: number;
  firstStage: number;
  /** The limit the choice is subject to, and the procedure that checks it. */
  /** With a loss limit: it, how it is checked, and the event it limits in words, e.g. "P(NPV < -100 M USD)". */
  lossLimit?: LossLimit & { procedure: string; event: string };
  /** null when no layout was found within the loss limit. */
  chosen: string | null;
  guaranteed: boolean;
  /** What the choice promises, in a sentence. */
  guarantee: string;
  totalReplications: number;
  /** What an equal allocation with the same first stage and guarantee would have spent. */
  equalAllocationReplications: number;
  candidates: Candidate[];
}

export function optimize(scenario: Scenario, req: OptimizeRequest): OptimizeResult {
  const names = req.variants && req.variants.length > 0 ? [...req.variants] : scenario.variants.map((v) => v.name);
  const variants = names.map((name) => {
    const v = scenario.variants.find((x) => x.name === name);
    if (!v) throw new StudyError(`unknown variant '${name}'; the scenario has ${scenario.variants.map((x) => x.name).join(', ')}`);
    return v;
  });
  if (variants.length < 2) throw new StudyError('optimize needs at least two layouts to choose from');
  const metric = req.metric ?? PRIMARY_METRIC;
  if (!METRICS.includes(metric) || METRIC_INFO[metric].better !== 'higher') throw new StudyError(`--metric must be one where higher is better, e.g. ${PRIMARY_METRIC}; got '${metric}'`);
  const seed = req.seed ?? scenario.study.seed;
  const k = METRICS.indexOf(metric);
  const outputs: number[][] = variants.map(() => []);
  const options = { indifference: req.indifference, confidence: req.confidence, firstStage: req.firstStage, maxReplications: req.budget };
  const limit = req.lossLimit;
  const constraint = limit ? { limit: limit.maxProbability, tolerance: limit.tolerance, varianceFloor: indicatorVarianceFloor(limit.maxProbability, limit.tolerance) } : undefined;
  const run = (r: number, alive: readonly number[]) => {
    // One world for the replication, every layout still in contention on it (common random numbers).
    const result = replicate(scenario, alive.map((i) => variants[i]), seed, r);
    const x = alive.map((_, j) => result.metrics[j * METRICS.length + k]);
    alive.forEach((i, j) => outputs[i].push(x[j]));
    req.onReplication?.(r, alive.length);
    return x;
  };
  const selection: Selection = limit
    ? selectBestFeasible(
        variants.length,
        (r, alive) => {
          const x = run(r, alive);
          return { outputs: x, constraint: x.map((v) => (v < limit.below ? 1 : 0)) };
        },
        { ...options, constraint: constraint! },
      )
    : selectBest(variants.length, run, options);
  const summaries = variants.map((v, i) => {
    const xs = Float64Array.from(outputs[i]);
    const sorted = Float64Array.from(xs).sort();
    return {
      name: v.name,
      replications: xs.length,
      mean: selection.means[i],
      cvar: lowerTailMean(sorted, CVAR_LEVEL),
      probabilityOfLoss: xs.filter((x) => x < 0).length / xs.length,
      ...(selection.droppedAt[i] >= 0 ? { droppedAfter: selection.droppedAt[i] } : {}),
      ...(limit
        ? {
            probabilityBelowLimit: xs.filter((x) => x < limit.below).length / xs.length,
            feasibility: selection.feasibility![i],
            ...(selection.feasibilityDecidedAt![i] >= 0 ? { feasibilityDecidedAfter: selection.feasibilityDecidedAt![i] } : {}),
          }
        : {}),
    };
  });
  // The frontier among the layouts the limit leaves: one found infeasible neither sits on it nor pushes another off.
  const contenders = summaries.filter((c) => c.feasibility !== 'infeasible');
  const candidates = summaries.map((c) => ({ ...c, efficient: c.feasibility !== 'infeasible' && !contenders.some((o) => o !== c && o.mean > c.mean && o.cvar > c.cvar) }));
  const chosen = selection.best >= 0 ? variants[selection.best].name : null;
  const pct = `${Math.round(req.confidence * 100)} %`;
  const amount = (v: number) => (metric.endsWith('USD') ? usdText(v) : v.toLocaleString('en-US'));
  const zone = amount(req.indifference);
  const remaining = candidates.filter((c) => c.droppedAfter === undefined && c.feasibility !== 'infeasible').length;
  return {
    scenario: scenario.name,
    seed,
    metric,
    procedure: 'Kim & Nelson (2001) fully sequential indifference-zone selection with common random numbers',
    indifference: req.indifference,
    confidence: req.confidence,
    firstStage: req.firstStage,
    ...(limit ? { lossLimit: { ...limit, procedure: 'Andradóttir & Kim (2010) fully sequential feasibility check beside the comparisons, on the same replications', event: lossEvent(metric, limit, amount) } } : {}),
    chosen,
    guaranteed: selection.guaranteed,
    guarantee: limit ? constrainedGuarantee(metric, limit, chosen, selection, { pct, zone, amount, budget: req.budget, remaining }) : selection.guaranteed
      ? `${chosen} has the highest mean ${metricWord(metric)} with probability at least ${pct} whenever the best layout leads every other by ${zone} or more (the indifference zone)`
      : `no guarantee: the budget of ${req.budget} replications a layout ran out with ${remaining} layouts still in contention; ${chosen} has the highest running mean — raise --budget or widen --delta`,
    totalReplications: selection.replications.reduce((a, b) => a + b, 0),
    equalAllocationReplications: equalAllocationReplications(
      variants.length,
      outputs.map((o) => o.slice(0, req.firstStage)),
      options,
      limit ? { options: constraint!, firstStage: outputs.map((o) => o.slice(0, req.firstStage).map((v) => (v < limit.below ? 1 : 0))) } : undefined,
    ),
    candidates,
  };
}

/** An amount as a planner reads it: millions when it is one (10 M USD), else as written (100 USD). */
const usdText = (usd: number): string => (Math.abs(usd) >= 1e6 ? `${(usd / 1e6).toLocaleString('en-US')} M USD` : `${usd.toLocaleString('en-US')} USD`);

/** The event a loss limit bounds, in words: "P(NPV < 0)", "P(NPV < -100 M USD)". */
const lossEvent = (metric: MetricName, limit: LossLimit, amount: (v: number) => string): string => `P(${metricWord(metric)} < ${limit.below === 0 ? '0' : amount(limit.below)})`;

/** The metric as a planner reads it in a sentence: NPV for npvUSD. */
const metricWord = (metric: MetricName): string => (metric === 'npvUSD' ? 'NPV' : metric);

/** What the constrained choice promises (A&K 2010's guarantee, in the planner's terms), or why it does not. */
function constrainedGuarantee(metric: MetricName, limit: LossLimit, chosen: string | null, selection: Selection, f: { pct: string; zone: string; amount: (v: number) => string; budget: number; remaining: number }): string {
  const p = (x: number) => `${(100 * x).toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
  const event = lossEvent(metric, limit, f.amount);
  const inside = p(limit.maxProbability - limit.tolerance), outside = p(limit.maxProbability + limit.tolerance);
  if (!selection.guaranteed) {
    const pick = chosen === null ? 'no layout has been found within it' : `${chosen} has the highest running mean among those ${selection.feasibility![selection.best] === 'feasible' ? 'found within it' : 'whose observed share is within it'}`;
    return `no guarantee: the budget of ${f.budget} replications a layout ran out with ${f.remaining} layouts still undecided on the limit ${event} ≤ ${p(limit.maxProbability)} or in contention; ${pick} — raise --budget, widen --delta or --loss-tolerance`;
  }
  if (chosen === null) return `no layout meets ${event} ≤ ${p(limit.maxProbability)}: every one was found above it; had any been at ${inside} or below, it would have been found within the limit with probability at least ${f.pct}`;
  return `${chosen} has the highest mean ${metricWord(metric)} among the layouts with ${event} ≤ ${p(limit.maxProbability)}, with probability at least ${f.pct} whenever the best of those has ${event} ≤ ${inside} (the tolerance) and leads by ${f.zone} or more every other layout with ${event} below ${outside} (the indifference zone); and, with the same probability, no layout at ${inside} or below is found above the limit nor any at ${outside} or above within it`;
}
