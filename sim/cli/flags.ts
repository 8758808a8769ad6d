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

const MONEY_SCALE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };

/** `--target`: an amount of money in USD, written `250e6`, `250M`, `1.2B` or `-50M USD`. */
export function moneyFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(k|m|million|b|bn|billion)?\s*(?:usd)?\s*$/i.exec(String(raw));
  const value = m ? Number(m[1]) * MONEY_SCALE[(m[2] ?? '').toLowerCase()] : NaN;
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be an amount in USD such as 250e6, 250M or 1.2B, got '${echo(String(raw))}'`);
  return value;
}

/** A probability strictly between 0 and 1, written `0.1` or `10%`; undefined when not given. */
export function probabilityFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%)?\s*$/i.exec(String(raw));
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(value > 0 && value < 1)) throw new UsageError(`--${name} must be a probability in (0, 1) such as 0.1 or 10%, got '${echo(String(raw))}'`);
  return value;
}

/**
 * The command line with a negative number after a long flag joined to it: `--loss-below -100M`
 * reads as `--loss-below=-100M`, where the parser would take `-100M` for the short flags 1, 0, 0, M.
 */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i], next = argv[i + 1];
    if (/^--[^=]+$/.test(arg) && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
