/**
 * The randomness of block discovery, drawn once per replication and shared by every variant.
 *
 * At intensity λ(t) blocks per hour, the n-th block arrives when ∫λ dt reaches the n-th arrival of
 * a unit-rate Poisson process. So the draws (unit exponentials, "work") are independent of the
 * hashrate, and a variant whose own hashrate changes λ replays the same work through its own λ —
 * common random numbers for the chain. Per epoch we keep the work of the first block (the interval
 * Bitcoin Core's retarget leaves out) and of the rest; per-block mode also keeps each block's work.
 */
import { standardGamma } from '../core/samplers/gamma.js';
import type { RandomStream } from '../core/stream.js';

export class EpochWork {
  private first = new Float64Array(64);
  private rest = new Float64Array(64);
  private count = 0;

  /**
   * @param rng stream for epochs drawn whole (per-epoch mode, or beyond what per-block mode drew)
   * @param firstEpochBlocksDone blocks of the first epoch already mined when the horizon starts
   */
  constructor(private readonly rng: RandomStream, readonly firstEpochBlocksDone: number) {}

  /** Blocks that epoch `e` has left to mine (2016, or fewer for a first epoch already under way). */
  blocks(e: number): number {
    return e === 0 ? 2016 - this.firstEpochBlocksDone : 2016;
  }

  /** Work of epoch e's first block (0 when the first epoch started before the horizon). */
  firstWork(e: number): number {
    this.ensure(e);
    return this.first[e];
  }

  /** Work of epoch e's remaining blocks. */
  restWork(e: number): number {
    this.ensure(e);
    return this.rest[e];
  }

  /** Records epoch e's work as drawn block by block (per-block mode); epochs must come in order. */
  record(e: number, first: number, rest: number): void {
    if (e !== this.count) throw new RangeError(`epoch work must be recorded in order: expected epoch ${this.count}, got ${e}`);
    this.push(first, rest);
  }

  get epochsDrawn(): number {
    return this.count;
  }

  private ensure(e: number): void {
    while (this.count <= e) {
      const n = this.blocks(this.count);
      const startedBefore = this.count === 0 && this.firstEpochBlocksDone > 0;
      // Sum of k unit exponentials = Gamma(k, 1): one draw instead of k.
      this.push(startedBefore ? 0 : this.rng.standardExponential(), standardGamma(this.rng, startedBefore ? n : n - 1));
    }
  }

  private push(first: number, rest: number): void {
    if (this.count === this.first.length) {
      const f = new Float64Array(this.count * 2), r = new Float64Array(this.count * 2);
      f.set(this.first);
      r.set(this.rest);
      this.first = f;
      this.rest = r;
    }
    this.first[this.count] = first;
    this.rest[this.count] = rest;
    this.count++;
  }
}
