/** Flags and files of the commands that read the network's history: dates, the closes, the observed difficulty. */
import { readMonthlyCloses } from '../market/history.js';
import { RealisedPrices } from '../market/realised.js';
import { type ObservedDifficulty, readObservedDifficulty } from '../scenario/observed-difficulty.js';
import { packageFile } from '../package-files.js';
import { parseIsoTimeMs } from '../site/calendar.js';
import { UsageError } from './user-error.js';

/** The shipped history: month-end closes to 2025-12 and difficulty by epoch to the end of 2022. */
export const SHIPPED_PRICES = 'scenarios/data/btc-month-end-closes.csv';
export const SHIPPED_DIFFICULTY = 'scenarios/data/difficulty-epochs-2009-2022.csv';

/** A YYYY-MM-DD flag as days since 1970-01-01 (UTC). */
export function dayFlag(name: string, raw: string): number {
  const ms = parseIsoTimeMs(raw);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) || Number.isNaN(ms)) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got '${raw}'`);
  return ms / 86_400_000;
}

/** --from and --to, the first not after the second. */
export function windowFlags(from: string, to: string): { fromDay: number; toDay: number } {
  const fromDay = dayFlag('from', from), toDay = dayFlag('to', to);
  if (fromDay >= toDay) throw new UsageError(`--from ${from} is not before --to ${to}`);
  return { fromDay, toDay };
}

/** The closes as a realised price path; a bad row is one line naming the file and line. */
export function readPrices(file: string | undefined): RealisedPrices {
  const path = file ?? packageFile(SHIPPED_PRICES);
  try {
    return new RealisedPrices(readMonthlyCloses(path), path);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

export function readObserved(file: string | undefined): ObservedDifficulty {
  return readObservedDifficulty(file ?? packageFile(SHIPPED_DIFFICULTY));
}
