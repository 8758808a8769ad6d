/**
 * Bitcoin's difficulty retarget, exactly as Bitcoin Core's CalculateNextWorkRequired (src/pow.cpp):
 * every 2016 blocks the target is scaled by the time the last 2015 intervals took (Core measures from
 * the epoch's first block to its last: the well-known off-by-one), clamped to [T/4, 4T], multiplied
 * before dividing in 256-bit integers, capped at powLimit and re-encoded in compact form.
 */
import { compactFromTarget, targetFromCompact, UINT256_MASK } from './compact.js';

/** nPowTargetTimespan: two weeks, in seconds. */
export const TARGET_TIMESPAN_SECONDS = 14 * 24 * 60 * 60;
/** nPowTargetSpacing: ten minutes, in seconds. */
export const TARGET_SPACING_SECONDS = 10 * 60;
/** Blocks between retargets (DifficultyAdjustmentInterval). */
export const RETARGET_INTERVAL_BLOCKS = TARGET_TIMESPAN_SECONDS / TARGET_SPACING_SECONDS;
/** Mainnet powLimit: 0x00000000ffff…ff (224 one-bits). */
export const POW_LIMIT = (1n << 224n) - 1n;
/** Compact bits of difficulty 1 (the target 0xffff · 2^208). */
export const DIFFICULTY_1_BITS = 0x1d00ffff;

/**
 * The compact bits of the next epoch, from the current epoch's `bits` and the Unix times (seconds)
 * of its first and last blocks. Times are truncated to whole seconds, as block headers hold them.
 */
export function calculateNextWorkRequired(bits: number, firstBlockTime: number, lastBlockTime: number): number {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) throw new RangeError(`bits must be a 32-bit unsigned integer, got ${bits}`);
  if (!Number.isFinite(firstBlockTime) || !Number.isFinite(lastBlockTime)) {
    throw new RangeError(`block times must be finite Unix seconds, got ${firstBlockTime} and ${lastBlockTime}`);
  }
  let span = Math.trunc(lastBlockTime) - Math.trunc(firstBlockTime);
  if (span < TARGET_TIMESPAN_SECONDS / 4) span = TARGET_TIMESPAN_SECONDS / 4;
  if (span > TARGET_TIMESPAN_SECONDS * 4) span = TARGET_TIMESPAN_SECONDS * 4;
  let target = targetFromCompact(bits).target;
  target = (target * BigInt(span)) & UINT256_MASK;
  target /= BigInt(TARGET_TIMESPAN_SECONDS);
  if (target > POW_LIMIT) target = POW_LIMIT;
  return compactFromTarget(target);
}
