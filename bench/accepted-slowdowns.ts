/**
 * Slowdowns accepted on purpose: a change that makes a benchmark slower for a reason (a richer
 * model that costs more work) says so here, in the same commit, and the gate lets that figure fall
 * to `lowest` × the reference instead of failing it.
 *
 * An entry names `since`, the last commit before the slowdown. It applies only while the gate's
 * reference commit is `since` or older (an ancestor of it): the comparison that contains the
 * slowdown. Once a later commit is the reference, the slowdown is in both sides and the entry no
 * longer applies — delete it then; it has done its work.
 */
export interface AcceptedSlowdown {
  /** The benchmark, as named in suite.ts. */
  figure: string;
  /** The last commit before the slowdown (a full or abbreviated hash). */
  since: string;
  /** The lowest ratio (change ÷ reference) that passes. */
  lowest: number;
  /** Why the slowdown is worth it, printed with the verdict. */
  why: string;
}

// None now: the last (the network as an economy, since c9388d2) is in every reference since 3c4bb7b.
export const ACCEPTED_SLOWDOWNS: readonly AcceptedSlowdown[] = [];
