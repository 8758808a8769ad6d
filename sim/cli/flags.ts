/** Flag parsing shared by the commands; range checks stay with the code that knows the range. */
import { echo } from '../core/echo.js';
import { MAX_REPLICATIONS, MAX_SEED } from '../core/stream.js';
import { UsageError } from './user-error.js';

/**
 * A whole-number flag, or undefined when not given. Digits only, and at most `max`: past 2^53 a
 * number is rounded, so `--replications 99999999999999999999` or a 30-digit seed would quietly
 * become another number.
 */
export function wholeNumber(name: string, raw: string | undefined, max = MAX_SEED): number | undefined {
  if (raw === undefined) return undefined;
  const digits = raw.trim();
  if (!/^\d+$/.test(digits)) throw new UsageError(`--${name} must be a whole number, got '${echo(raw)}'`);
  if (BigInt(digits) > BigInt(max)) throw new UsageError(`--${name} must be at most ${max.toLocaleString('en-US')}, got ${echo(digits)}`);
  return Number(digits);
}

/** `--seed`: a whole number in [0, 2^53). */
export const seedFlag = (raw: string | undefined): number | undefined => wholeNumber('seed', raw, MAX_SEED);

/** `--replications`: at most the study's cap. */
export const replicationsFlag = (raw: string | undefined): number | undefined => wholeNumber('replications', raw, MAX_REPLICATIONS);
