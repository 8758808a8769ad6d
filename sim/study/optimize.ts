/**
 * `campus optimize`: the best of a scenario's layouts (its written variants and those its sweep
 * generates) by mean NPV, chosen by Kim–Nelson's fully sequential procedure on common random
 * numbers (ranking.ts) — replications go to the layouts still in contention, not equally to all —
 * with each candidate's mean, CVaR and probability of loss over the replications it got.
 */
import { METRIC_INFO, type MetricName, METRICS, PRIMARY_METRIC } from '../campus/metrics.js';
import { lowerTailMean } from '../core/stats/quantiles.js';
import type { Scenario } from '../scenario/types.js';
import { equalAllocationReplications, selectBest } from './ranking.js';
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
  onReplication?: (replication: number, alive: number) => void;
}

export interface Candidate {
  name: string;
  replications: number;
  mean: number;
  cvar: number;
  probabilityOfLoss: number;
  /** Replications it had when it fell out of contention (absent for those that did not). */
  droppedAfter?: number;
  /** On the frontier: no other candidate has both a higher mean and a higher CVaR. */
  efficient: boolean;
}

export interface OptimizeResult {
  scenario: string;
  seed: number;
  metric: MetricName;
  procedure: string;
  indifference: number;
  confidence: number;
  firstStage: number;
  chosen: string;
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
  const selection = selectBest(
    variants.length,
    (r, alive) => {
      // One world for the replication, every layout still in contention on it (common random numbers).
      const result = replicate(scenario, alive.map((i) => variants[i]), seed, r);
      const x = alive.map((_, j) => result.metrics[j * METRICS.length + k]);
      alive.forEach((i, j) => outputs[i].push(x[j]));
      req.onReplication?.(r, alive.length);
      return x;
    },
    options,
  );
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
    };
  });
  const candidates = summaries.map((c) => ({ ...c, efficient: !summaries.some((o) => o !== c && o.mean > c.mean && o.cvar > c.cvar) }));
  const chosen = variants[selection.best].name;
  const pct = `${Math.round(req.confidence * 100)} %`;
  const zone = metric.endsWith('USD') ? `${(req.indifference / 1e6).toLocaleString('en-US')} M USD` : req.indifference.toLocaleString('en-US');
  return {
    scenario: scenario.name,
    seed,
    metric,
    procedure: 'Kim & Nelson (2001) fully sequential indifference-zone selection with common random numbers',
    indifference: req.indifference,
    confidence: req.confidence,
    firstStage: req.firstStage,
    chosen,
    guaranteed: selection.guaranteed,
    guarantee: selection.guaranteed
      ? `${chosen} has the highest mean ${metric} with probability at least ${pct} whenever the best layout leads every other by ${zone} or more (the indifference zone)`
      : `no guarantee: the budget of ${req.budget} replications a layout ran out with ${selection.replications.filter((_, i) => selection.droppedAt[i] < 0).length} layouts still in contention; ${chosen} has the highest running mean — raise --budget or widen --delta`,
    totalReplications: selection.replications.reduce((a, b) => a + b, 0),
    equalAllocationReplications: equalAllocationReplications(variants.length, outputs.map((o) => o.slice(0, req.firstStage)), options),
    candidates,
  };
}
