/**
 * Ranking and selection: Kim & Nelson's fully sequential procedure ("A fully sequential procedure for
 * indifference-zone selection in simulation", ACM TOMACS 11(3), 2001). With common random numbers it
 * picks the system with the largest mean with probability at least 1 − α whenever that mean beats
 * every other by at least δ (the indifference zone), and spends replications only on systems still
 * in contention: each is dropped once its running mean falls far enough behind another's.
 *
 * Optionally subject to a constraint on the mean of a second per-replication output (e.g. the
 * indicator NPV < 0, whose mean is P(loss)): Andradóttir & Kim ("Fully sequential procedures for
 * comparing constrained systems via simulation", Naval Research Logistics 57(5), 2010) run a fully
 * sequential feasibility check beside the comparisons on the same replications. A system leaves
 * contention once found infeasible, or once a system already found feasible beats it.
 */

export interface SelectionOptions {
  /** δ: differences smaller than this are not worth telling apart (in the outputs' unit). */
  indifference: number;
  /** 1 − α: the probability of choosing the best when it is at least δ better. */
  confidence: number;
  /** n0 ≥ 2: replications of every system before any is dropped (they estimate the variances). */
  firstStage: number;
  /** Most replications of any system; past it the best running mean is taken, without the guarantee. */
  maxReplications: number;
}

/** A limit on the mean of the constraint output: feasible when E[Y] ≤ limit. */
export interface ConstraintOptions {
  /** q: the largest acceptable mean (for an indicator, a probability). */
  limit: number;
  /** ε > 0: means within ε of the limit may be declared either way; beyond it the verdict is guaranteed. */
  tolerance: number;
  /**
   * Least variance the check assumes for a system's constraint output; see `indicatorVarianceFloor`.
   * 0 trusts the first stage's sample variance alone (normal outputs).
   */
  varianceFloor: number;
}

export type Feasibility = 'feasible' | 'infeasible' | 'undecided';

export interface Selection {
  /** Index of the system chosen, or −1 when none was found feasible. */
  best: number;
  /** Whether the procedure ended by its own rule (the guarantee holds), not by the budget. */
  guaranteed: boolean;
  /** Replications each system got, and its running mean then. */
  replications: number[];
  means: number[];
  /** When each system was beaten by another (replication count), or −1 for those that were not. */
  droppedAt: number[];
  /** With a constraint: each system's verdict, when it was reached (−1 if never) and the constraint output's mean. */
  feasibility?: Feasibility[];
  feasibilityDecidedAt?: number[];
  constraintMeans?: number[];
}

/** What one replication gives for the systems still in contention (in the order asked). */
export interface ConstrainedObservation {
  outputs: ArrayLike<number>;
  constraint: ArrayLike<number>;
}

/**
 * Runs Kim–Nelson. `observe(r, alive)` returns the outputs of replication r for the systems listed
 * in `alive` (in that order), all on replication r's common random numbers.
 */
export function selectBest(k: number, observe: (r: number, alive: readonly number[]) => ArrayLike<number>, o: SelectionOptions): Selection {
  return run(k, (r, alive) => ({ outputs: observe(r, alive) }), o, undefined);
}

/**
 * Runs Andradóttir–Kim: the best mean among the systems whose constraint output has mean ≤ limit.
 * With probability at least 1 − α, every system with constraint mean ≤ limit − ε is found feasible,
 * every one with mean ≥ limit + ε infeasible, and the best feasible one is chosen whenever it meets
 * the limit by ε and leads by δ every other system whose constraint mean is below limit + ε.
 */
export function selectBestFeasible(k: number, observe: (r: number, alive: readonly number[]) => ConstrainedObservation, o: SelectionOptions & { constraint: ConstraintOptions }): Selection {
  const c = o.constraint;
  if (!(c.limit > 0 && c.limit < 1)) throw new RangeError(`a limit of ${c.limit}; need one in (0, 1)`);
  if (!(c.tolerance > 0 && c.tolerance < Math.min(c.limit, 1 - c.limit))) throw new RangeError(`a tolerance of ${c.tolerance}; need one in (0, min(limit, 1 − limit))`);
  if (!(c.varianceFloor >= 0)) throw new RangeError(`a variance floor of ${c.varianceFloor}; need ≥ 0`);
  return run(k, observe, o, c);
}

/**
 * Least variance for an indicator's feasibility check: the largest an indicator has at the edges of
 * the tolerance, max p(1 − p) over p = q ± ε. A first stage with no losses has sample variance 0, and
 * the normal-theory check would decide at once; with the floor each check's error bound holds at the
 * edges whatever the first stage drew (a larger variance only widens the continuation region).
 */
export function indicatorVarianceFloor(limit: number, tolerance: number): number {
  const v = (p: number) => p * (1 - p);
  return Math.max(v(limit - tolerance), v(limit + tolerance));
}

const FEASIBLE = 1, INFEASIBLE = -1, UNDECIDED = 0;

function run(k: number, observe: (r: number, alive: readonly number[]) => { outputs: ArrayLike<number>; constraint?: ArrayLike<number> }, o: SelectionOptions, c: ConstraintOptions | undefined): Selection {
  if (!(k >= 1)) throw new RangeError('no systems to choose from');
  if (!(o.firstStage >= 2 && Number.isInteger(o.firstStage))) throw new RangeError(`a first stage of ${o.firstStage} replications; need a whole number ≥ 2`);
  if (!(o.indifference > 0)) throw new RangeError(`an indifference zone of ${o.indifference}; need > 0`);
  if (!(o.confidence > 0 && o.confidence < 1)) throw new RangeError(`a confidence of ${o.confidence}; need one in (0, 1)`);
  const n0 = o.firstStage, delta = o.indifference;
  const sums = new Float64Array(k), ySums = new Float64Array(k);
  const counts = new Array<number>(k).fill(0);
  const droppedAt = new Array<number>(k).fill(-1);
  const firstStage: Float64Array[] = Array.from({ length: k }, () => new Float64Array(n0));
  const yFirstStage: Float64Array[] = Array.from({ length: k }, () => new Float64Array(n0));
  // Without a constraint every system is feasible from the start, and this is Kim–Nelson exactly.
  const status = new Array<number>(k).fill(c ? UNDECIDED : FEASIBLE);
  const decidedAt = new Array<number>(k).fill(-1);
  let alive = Array.from({ length: k }, (_, i) => i);
  const take = (r: number) => {
    const x = observe(r, alive);
    alive.forEach((i, j) => {
      sums[i] += x.outputs[j];
      counts[i]++;
      if (r < n0) firstStage[i][r] = x.outputs[j];
      if (c) {
        const y = x.constraint![j];
        ySums[i] += y;
        if (r < n0) yFirstStage[i][r] = y;
      }
    });
  };
  const result = (best: number, guaranteed: boolean): Selection => ({
    best,
    guaranteed,
    replications: counts,
    means: Array.from(sums, (s, i) => s / counts[i]),
    droppedAt,
    ...(c
      ? {
          feasibility: status.map((s) => (s === FEASIBLE ? 'feasible' : s === INFEASIBLE ? 'infeasible' : 'undecided')),
          feasibilityDecidedAt: decidedAt,
          constraintMeans: Array.from(ySums, (s, i) => s / counts[i]),
        }
      : {}),
  });
  for (let r = 0; r < n0; r++) take(r);
  if (k === 1 && !c) return result(0, true);

  // α split evenly between the feasibility checks and the comparisons (A&K 2010: α1 + α2 = α).
  const alpha = 1 - o.confidence;
  const h2 = knH2(k, c ? 1 - alpha / 2 : o.confidence, n0);
  const s2 = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < k; i++) for (let l = i + 1; l < k; l++) s2[i][l] = s2[l][i] = differenceVariance(firstStage[i], firstStage[l], n0);
  const h2Feasibility = c ? feasibilityH2(k, alpha / 2, n0) : 0;
  const v = c ? yFirstStage.map((y) => Math.max(c.varianceFloor, sampleVariance(y, n0))) : [];
  // beaten[i][l]: l beat i when their comparison first left KN's continuation region; it takes effect once l is feasible.
  const beaten = Array.from({ length: k }, () => new Uint8Array(k));
  let r = n0;
  for (;;) {
    if (c) {
      // Feasibility check (A&K 2010, procedure F): R_i(r) = Σ(Y_ij − q) against ±max(0, h1²·S_i²/(2ε) − ε·r/2).
      for (const i of alive) {
        if (status[i] !== UNDECIDED) continue;
        const excess = ySums[i] - c.limit * r;
        const w = Math.max(0, (h2Feasibility * v[i]) / (2 * c.tolerance) - (c.tolerance * r) / 2);
        if (excess <= -w) status[i] = FEASIBLE;
        else if (excess >= w) status[i] = INFEASIBLE;
        if (status[i] !== UNDECIDED) decidedAt[i] = r;
      }
    }
    // Comparisons (KN 2001): l beats i when i's running mean trails l's by more than W_il(r) = max(0, δ/(2r)·(h²S²_il/δ² − r)).
    const settled = (i: number, l: number) => beaten[i][l] || beaten[l][i];
    for (let a = 0; a < alive.length; a++) {
      for (let b = a + 1; b < alive.length; b++) {
        const i = alive[a], l = alive[b];
        if (settled(i, l)) continue;
        const w = Math.max(0, (delta / (2 * r)) * ((h2 * s2[i][l]) / (delta * delta) - r));
        if (sums[i] / r < sums[l] / r - w) beaten[i][l] = 1;
        else if (sums[l] / r < sums[i] / r - w) beaten[l][i] = 1;
      }
    }
    const beatenNow = alive.filter((i) => status[i] !== INFEASIBLE && alive.some((l) => beaten[i][l] && status[l] === FEASIBLE));
    // Verdicts reached at different times can form a cycle among feasible systems (only after a wrong
    // verdict, which the error bound already counts); keep the best running mean rather than none.
    const feasibleAlive = alive.filter((i) => status[i] === FEASIBLE);
    if (feasibleAlive.length > 0 && feasibleAlive.every((i) => beatenNow.includes(i))) beatenNow.splice(beatenNow.indexOf(feasibleAlive.reduce((a, b) => (sums[b] > sums[a] ? b : a))), 1);
    for (const i of beatenNow) droppedAt[i] = r;
    alive = alive.filter((i) => status[i] !== INFEASIBLE && !beatenNow.includes(i));
    if (alive.length === 0) return result(-1, true);
    if (alive.length === 1 && status[alive[0]] === FEASIBLE) return result(alive[0], true);
    if (r >= o.maxReplications) {
      // Unguaranteed: the best running mean among those found feasible, else among those still within the limit.
      const candidates = alive.filter((i) => status[i] === FEASIBLE).length > 0 ? alive.filter((i) => status[i] === FEASIBLE) : alive.filter((i) => ySums[i] / r <= (c?.limit ?? Infinity));
      return result(candidates.length === 0 ? -1 : candidates.reduce((a, b) => (sums[b] > sums[a] ? b : a)), false);
    }
    take(r);
    r++;
  }
}

/** h² = 2η(n0 − 1), with η from α spread over the k − 1 rivals (KN §2, Bonferroni). */
function knH2(k: number, confidence: number, n0: number): number {
  const eta = 0.5 * ((2 * (1 - confidence) / Math.max(1, k - 1)) ** (-2 / (n0 - 1)) - 1);
  return 2 * eta * (n0 - 1);
}

/** h1² = 2η(n0 − 1) with ½(1 + 2η)^−(n0−1)/2 = α1/k: Fabian's bound per check, Bonferroni over the k systems (A&K 2010; dependent systems, as under common random numbers). */
function feasibilityH2(k: number, alpha1: number, n0: number): number {
  const eta = 0.5 * ((2 * alpha1 / k) ** (-2 / (n0 - 1)) - 1);
  return 2 * eta * (n0 - 1);
}

/** S²_il: the first stage's sample variance of the differences X_i − X_l — what common random numbers shrink. */
function differenceVariance(a: ArrayLike<number>, b: ArrayLike<number>, n0: number): number {
  let mean = 0;
  for (let j = 0; j < n0; j++) mean += a[j] - b[j];
  mean /= n0;
  let ss = 0;
  for (let j = 0; j < n0; j++) ss += (a[j] - b[j] - mean) ** 2;
  return ss / (n0 - 1);
}

function sampleVariance(a: ArrayLike<number>, n0: number): number {
  let mean = 0;
  for (let j = 0; j < n0; j++) mean += a[j];
  mean /= n0;
  let ss = 0;
  for (let j = 0; j < n0; j++) ss += (a[j] - mean) ** 2;
  return ss / (n0 - 1);
}

/**
 * What an equal allocation with the same first stage and guarantee would spend (Rinott-style two
 * stages): every system run to the most replications any pair's variance asks for, ⌈h²·S²/δ²⌉, and,
 * with a constraint, any feasibility check's, ⌈h1²·S²/ε²⌉ (where its continuation region closes).
 */
export function equalAllocationReplications(k: number, firstStage: ReadonlyArray<ArrayLike<number>>, o: SelectionOptions, constraint?: { options: ConstraintOptions; firstStage: ReadonlyArray<ArrayLike<number>> }): number {
  const alpha = 1 - o.confidence;
  const h2 = knH2(k, constraint ? 1 - alpha / 2 : o.confidence, o.firstStage);
  let most = o.firstStage;
  for (let i = 0; i < k; i++) {
    for (let l = i + 1; l < k; l++) most = Math.max(most, Math.ceil((h2 * differenceVariance(firstStage[i], firstStage[l], o.firstStage)) / (o.indifference * o.indifference)));
  }
  if (constraint) {
    const c = constraint.options, h1 = feasibilityH2(k, alpha / 2, o.firstStage);
    for (const y of constraint.firstStage) most = Math.max(most, Math.ceil((h1 * Math.max(c.varianceFloor, sampleVariance(y, o.firstStage))) / (c.tolerance * c.tolerance)));
  }
  return k * most;
}
