/**
 * Ranking and selection: Kim & Nelson's fully sequential procedure ("A fully sequential procedure for
 * indifference-zone selection in simulation", ACM TOMACS 11(3), 2001). With common random numbers it
 * picks the system with the largest mean with probability at least 1 − α whenever that mean beats
 * every other by at least δ (the indifference zone), and spends replications only on systems still
 * in contention: each is dropped once its running mean falls far enough behind another's.
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

export interface Selection {
  /** Index of the system chosen. */
  best: number;
  /** Whether the procedure ended by its own rule (the guarantee holds), not by the budget. */
  guaranteed: boolean;
  /** Replications each system got, and its running mean then. */
  replications: number[];
  means: number[];
  /** When each system was dropped (replication count), or −1 for the survivors. */
  droppedAt: number[];
}

/**
 * Runs the procedure. `observe(r, alive)` returns the outputs of replication r for the systems
 * listed in `alive` (in that order), all on replication r's common random numbers.
 */
export function selectBest(k: number, observe: (r: number, alive: readonly number[]) => ArrayLike<number>, o: SelectionOptions): Selection {
  if (!(k >= 1)) throw new RangeError('no systems to choose from');
  if (!(o.firstStage >= 2 && Number.isInteger(o.firstStage))) throw new RangeError(`a first stage of ${o.firstStage} replications; need a whole number ≥ 2`);
  if (!(o.indifference > 0)) throw new RangeError(`an indifference zone of ${o.indifference}; need > 0`);
  if (!(o.confidence > 0 && o.confidence < 1)) throw new RangeError(`a confidence of ${o.confidence}; need one in (0, 1)`);
  const n0 = o.firstStage, delta = o.indifference;
  const sums = new Float64Array(k);
  const counts = new Array<number>(k).fill(0);
  const droppedAt = new Array<number>(k).fill(-1);
  const firstStage: Float64Array[] = Array.from({ length: k }, () => new Float64Array(n0));
  let alive = Array.from({ length: k }, (_, i) => i);
  const take = (r: number) => {
    const x = observe(r, alive);
    alive.forEach((i, j) => {
      sums[i] += x[j];
      counts[i]++;
      if (r < n0) firstStage[i][r] = x[j];
    });
  };
  for (let r = 0; r < n0; r++) take(r);
  if (k === 1) return { best: 0, guaranteed: true, replications: counts, means: [sums[0] / counts[0]], droppedAt };

  const h2 = knH2(k, o.confidence, n0);
  const s2 = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < k; i++) for (let l = i + 1; l < k; l++) s2[i][l] = s2[l][i] = differenceVariance(firstStage[i], firstStage[l], n0);
  let r = n0;
  for (;;) {
    // Screening: drop i if some rival l leads it by more than the continuation half-width W_il(r).
    const survivors = alive.filter((i) =>
      alive.every((l) => {
        if (l === i) return true;
        const w = Math.max(0, (delta / (2 * r)) * ((h2 * s2[i][l]) / (delta * delta) - r));
        return sums[i] / r >= sums[l] / r - w;
      }),
    );
    for (const i of alive) if (!survivors.includes(i)) droppedAt[i] = r;
    alive = survivors;
    if (alive.length === 1) return { best: alive[0], guaranteed: true, replications: counts, means: Array.from(sums, (s, i) => s / counts[i]), droppedAt };
    if (r >= o.maxReplications) {
      const best = alive.reduce((a, b) => (sums[b] > sums[a] ? b : a));
      return { best, guaranteed: false, replications: counts, means: Array.from(sums, (s, i) => s / counts[i]), droppedAt };
    }
    take(r);
    r++;
  }
}

/** h² = 2η(n0 − 1), with η from α spread over the k − 1 rivals (KN §2, Bonferroni). */
function knH2(k: number, confidence: number, n0: number): number {
  const eta = 0.5 * ((2 * (1 - confidence) / (k - 1)) ** (-2 / (n0 - 1)) - 1);
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

/**
 * What an equal allocation with the same first stage and guarantee would spend (Rinott-style two
 * stages): every system run to the most replications any pair's variance asks for, ⌈h²·S²/δ²⌉.
 */
export function equalAllocationReplications(k: number, firstStage: ReadonlyArray<ArrayLike<number>>, o: SelectionOptions): number {
  const h2 = knH2(k, o.confidence, o.firstStage);
  let most = o.firstStage;
  for (let i = 0; i < k; i++) {
    for (let l = i + 1; l < k; l++) most = Math.max(most, Math.ceil((h2 * differenceVariance(firstStage[i], firstStage[l], o.firstStage)) / (o.indifference * o.indifference)));
  }
  return k * most;
}
