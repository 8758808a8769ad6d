/** Difficulty as a number, to and from compact bits, and its link to network hashrate. */
import { compactFromTarget, targetFromCompact } from './compact.js';
import { POW_LIMIT, TARGET_SPACING_SECONDS } from './retarget.js';

/**
 * Difficulty of compact `bits`: the difficulty-1 target over this target, computed as Bitcoin Core's
 * GetDifficulty does (src/rpc/blockchain.cpp): 0xffff / mantissa, scaled by 256 per byte of size.
 */
export function difficultyFromBits(bits: number): number {
  let shift = (bits >>> 24) & 0xff;
  let difficulty = 0x0000ffff / (bits & 0x00ffffff);
  while (shift < 29) {
    difficulty *= 256;
    shift++;
  }
  while (shift > 29) {
    difficulty /= 256;
    shift--;
  }
  return difficulty;
}

const DIFFICULTY_1_TARGET = targetFromCompact(0x1d00ffff).target;

/** Compact bits of the target ⌊target₁ / difficulty⌋, capped at powLimit (difficulty ≥ 1). */
export function bitsFromDifficulty(difficulty: number): number {
  if (!(Number.isFinite(difficulty) && difficulty > 0)) throw new RangeError(`difficulty must be a finite number > 0, got ${difficulty}`);
  // Write the double exactly as mantissa · 2^exponent so the division happens in integers.
  let exponent = 0;
  let m = difficulty;
  while (!Number.isInteger(m)) {
    m *= 2;
    exponent--;
  }
  while (m > Number.MAX_SAFE_INTEGER) {
    m /= 2;
    exponent++;
  }
  const mantissa = BigInt(m);
  let target = exponent >= 0 ? DIFFICULTY_1_TARGET / (mantissa << BigInt(exponent)) : (DIFFICULTY_1_TARGET << BigInt(-exponent)) / mantissa;
  if (target > POW_LIMIT) target = POW_LIMIT;
  return compactFromTarget(target);
}

/** Expected network hashrate (TH/s) that finds blocks every 600 s at `difficulty`: H = D·2³²/600. */
export function hashrateTHsForDifficulty(difficulty: number): number {
  return (difficulty * 2 ** 32) / TARGET_SPACING_SECONDS / 1e12;
}

/** The difficulty at which `hashrateTHs` finds blocks every 600 s on average. */
export function difficultyForHashrate(hashrateTHs: number): number {
  return (hashrateTHs * 1e12 * TARGET_SPACING_SECONDS) / 2 ** 32;
}
