/**
 * The chain: blocks found at intensity λ = H / (D·2³²) per second, difficulty retargeted every 2016
 * blocks by Bitcoin Core's rule, subsidy halved every 210,000 blocks.
 *
 * The chain is driven forward in segments of constant hashrate (`advance(untilH, hashrateTHs)`),
 * so a caller can feed it a daily hashrate path, or change the hashrate whenever its own fleet
 * changes. Inside an epoch progress is measured in work (unit-exponential draws, see EpochWork):
 * the epoch's first block completes when a units are done, its last when a + b are.
 *
 * Two modes share that clock. Per-block mode draws every block's work and knows every block's time.
 * Per-epoch mode draws only each epoch's two sums (the first interval, and a Gamma(2015) for the
 * rest) and places the blocks in between at their expected positions — the retarget times are exact
 * in both, and per-epoch costs a few draws per two weeks instead of 2016.
 */
import type { RandomStream } from '../core/stream.js';
import { difficultyFromBits } from './difficulty.js';
import type { EpochWork } from './epoch-work.js';
import { calculateNextWorkRequired, RETARGET_INTERVAL_BLOCKS } from './retarget.js';
import { HALVING_INTERVAL_BLOCKS } from './subsidy.js';

export type BlockMode = 'block' | 'epoch';

export interface ChainOptions {
  mode: BlockMode;
  /** Height of the next block to be mined at t = 0. */
  startHeight: number;
  /** Compact bits in force at t = 0. */
  startBits: number;
  /** Unix time (seconds) of t = 0, for block timestamps. */
  startUnixSeconds: number;
  work: EpochWork;
  /** Per-block mode's source of each block's work (recorded into `work` epoch by epoch). */
  blockRng?: RandomStream;
}

const HASHES_PER_DIFFICULTY = 2 ** 32;
const SECONDS_PER_HOUR = 3600;

export class Chain {
  nowH = 0;
  bits: number;
  difficulty: number;
  /** Start time (h), difficulty, bits and first height of every epoch begun so far. */
  readonly epochStartH: number[] = [];
  readonly epochDifficulty: number[] = [];
  readonly epochBits: number[] = [];
  readonly epochStartHeight: number[] = [];
  /** Times (h) at which the next block's height reached a multiple of 210,000. */
  readonly halvingsH: number[] = [];

  private readonly mode: BlockMode;
  private readonly work: EpochWork;
  private readonly blockRng: RandomStream | undefined;
  private readonly startHeight: number;
  private readonly startUnixSeconds: number;

  // The current epoch.
  private epoch = -1;
  private firstHeight = 0; // height of its first remaining block
  private blocks = 0; // blocks it has left to mine from firstHeight
  private hasFirst = true; // false for an epoch already under way at t = 0
  private a = 0; // work of the first block
  private b = 0; // work of the rest
  private restBlocks = 0;
  private readonly cumulative: Float64Array; // per-block: work through rest block j
  private done = 0; // work done in this epoch
  private firstBlockTimeH = 0;
  private blocksBefore = 0; // blocks mined before this epoch (since t = 0)
  private nextHalving = 0;

  constructor(o: ChainOptions) {
    if (o.mode === 'block' && !o.blockRng) throw new RangeError("per-block mode needs a block stream ('blockRng')");
    this.mode = o.mode;
    this.cumulative = new Float64Array(o.mode === 'block' ? RETARGET_INTERVAL_BLOCKS : 0);
    this.work = o.work;
    this.blockRng = o.blockRng;
    this.startHeight = o.startHeight;
    this.startUnixSeconds = o.startUnixSeconds;
    this.bits = o.startBits;
    this.difficulty = difficultyFromBits(o.startBits);
    this.nextHalving = (Math.floor(o.startHeight / HALVING_INTERVAL_BLOCKS) + 1) * HALVING_INTERVAL_BLOCKS;
    const done = o.startHeight % RETARGET_INTERVAL_BLOCKS;
    if (done !== o.work.firstEpochBlocksDone) {
      throw new RangeError(`the epoch work assumes ${o.work.firstEpochBlocksDone} blocks of the first epoch done; height ${o.startHeight} has ${done}`);
    }
    // Blocks of the epoch mined before t = 0 are taken to have come at the target spacing.
    this.firstBlockTimeH = -(done > 0 ? done - 1 : 0) / 6;
    this.beginEpoch(o.startHeight);
  }

  /** Blocks per hour the network finds at `hashrateTHs` and the current difficulty. */
  intensity(hashrateTHs: number): number {
    return (hashrateTHs * 1e12 * SECONDS_PER_HOUR) / (this.difficulty * HASHES_PER_DIFFICULTY);
  }

  /** Blocks mined since t = 0: exact in per-block mode, at expected positions in per-epoch mode. */
  blocksMined(): number {
    return this.blocksBefore + this.completedInEpoch(this.done);
  }

  /** Height of the block being mined now. */
  nextHeight(): number {
    return this.startHeight + this.blocksMined();
  }

  /** Mines from `nowH` to `untilH` at a constant `hashrateTHs`. */
  advance(untilH: number, hashrateTHs: number): void {
    if (!(untilH >= this.nowH)) throw new RangeError(`advance(until = ${untilH}) is before the chain's clock (${this.nowH} h)`);
    if (!(hashrateTHs >= 0) || !Number.isFinite(hashrateTHs)) throw new RangeError(`hashrate must be a finite number ≥ 0 TH/s, got ${hashrateTHs}`);
    while (this.nowH < untilH) {
      const lambda = this.intensity(hashrateTHs);
      if (lambda <= 0) {
        this.nowH = untilH;
        return;
      }
      // The next milestone in work: first block, halving, or the epoch's last block.
      const end = this.a + this.b;
      let target = end;
      if (this.hasFirst && this.done < this.a) target = this.a;
      const halvingAt = this.halvingWork();
      if (halvingAt !== undefined && halvingAt > this.done && halvingAt < target) target = halvingAt;
      const reachH = this.nowH + (target - this.done) / lambda;
      if (reachH > untilH) {
        this.done += (untilH - this.nowH) * lambda;
        this.nowH = untilH;
        return;
      }
      this.nowH = reachH;
      this.done = target;
      if (target === halvingAt) this.recordHalving();
      if (this.hasFirst && target === this.a && this.a < end) this.firstBlockTimeH = this.nowH;
      if (target === end) this.retarget();
    }
  }

  /** Unix seconds of simulation time `h`. */
  unixSeconds(h: number): number {
    return this.startUnixSeconds + h * SECONDS_PER_HOUR;
  }

  private retarget(): void {
    const first = Math.floor(this.unixSeconds(this.firstBlockTimeH));
    const last = Math.floor(this.unixSeconds(this.nowH));
    this.bits = calculateNextWorkRequired(this.bits, first, last);
    this.difficulty = difficultyFromBits(this.bits);
    this.blocksBefore += this.blocks;
    this.beginEpoch(this.firstHeight + this.blocks);
  }

  private beginEpoch(height: number): void {
    this.epoch++;
    this.firstHeight = height;
    this.blocks = this.work.blocks(this.epoch);
    this.hasFirst = !(this.epoch === 0 && this.work.firstEpochBlocksDone > 0);
    this.restBlocks = this.hasFirst ? this.blocks - 1 : this.blocks;
    if (this.mode === 'block') this.drawBlocks();
    this.a = this.work.firstWork(this.epoch);
    this.b = this.work.restWork(this.epoch);
    this.done = 0;
    this.epochStartH.push(this.nowH);
    this.epochDifficulty.push(this.difficulty);
    this.epochBits.push(this.bits);
    this.epochStartHeight.push(height);
  }

  /** Per-block mode: draw each block's work for this epoch and record the sums for replays. */
  private drawBlocks(): void {
    const rng = this.blockRng!;
    const first = this.hasFirst ? rng.standardExponential() : 0;
    let sum = 0;
    for (let j = 0; j < this.restBlocks; j++) {
      sum += rng.standardExponential();
      this.cumulative[j] = sum;
    }
    this.work.record(this.epoch, first, sum);
  }

  /** Work at which rest block j (1-based) completes. */
  private restPosition(j: number): number {
    if (j <= 0) return 0;
    return this.mode === 'block' ? this.cumulative[j - 1] : (j * this.b) / this.restBlocks;
  }

  /** Blocks of this epoch completed once `u` work is done. */
  private completedInEpoch(u: number): number {
    const first = this.hasFirst ? (u >= this.a ? 1 : 0) : 0;
    const rest = u - this.a;
    if (rest <= 0 || this.restBlocks === 0) return first;
    if (this.mode === 'epoch') return first + Math.min(this.restBlocks, (rest * this.restBlocks) / this.b);
    // Per-block: count cumulative positions ≤ rest by binary search.
    let lo = 0, hi = this.restBlocks;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] <= rest) lo = mid + 1;
      else hi = mid;
    }
    return first + lo;
  }

  /** Work within this epoch at which the next halving starts, if it falls in this epoch. */
  private halvingWork(): number | undefined {
    const i = this.nextHalving - 1 - this.firstHeight; // index of the block whose completion halves
    if (i < 0 || i >= this.blocks) return undefined;
    if (this.hasFirst) return i === 0 ? this.a : this.a + this.restPosition(i);
    return this.restPosition(i + 1);
  }

  private recordHalving(): void {
    this.halvingsH.push(this.nowH);
    this.nextHalving += HALVING_INTERVAL_BLOCKS;
  }
}
