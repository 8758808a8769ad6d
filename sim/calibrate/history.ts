/**
 * The network's history as the fit and the backtest read it: observed difficulty by retarget epoch
 * and the realised BTC price, over a window of days.
 *
 * Each epoch's difficulty says how much hashrate the epoch before it had: Core retargets by the time
 * the last 2015 blocks took, D' = D × 1,209,600 s / span, so the epoch's mean hashrate was
 * H = D' · 2³² / 600 × 2015/2016 (hashes per second), with the luck of 2015 blocks: sd ≈ 1/√2015 in ln H.
 */
import { HASHES_PER_DIFFICULTY, hashpriceUSDPerPHDay } from '../network/hashprice.js';
import { consecutiveEpochs, type ObservedDifficulty, type ObservedDifficultyRow } from '../scenario/observed-difficulty.js';
import { RETARGET_INTERVAL_BLOCKS, TARGET_SPACING_SECONDS } from '../network/retarget.js';
import { blockSubsidyBTC } from '../network/subsidy.js';
import type { RealisedPrices } from '../market/realised.js';
import { ScenarioError } from '../scenario/scenario-error.js';

export const DAYS_PER_YEAR = 365.25;
const MS_PER_DAY = 86_400_000;

/**
 * Throws a ScenarioError naming the closes file's first or last close unless the closes cover
 * [fromUnixDay, toUnixDay]: a price before the first month's end or after the last is not known.
 */
export function requireCloses(prices: RealisedPrices, fromUnixDay: number, toUnixDay: number): void {
  const { closes, file, unixDays } = prices;
  const n = unixDays.length;
  const date = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (fromUnixDay < unixDays[0]) {
    throw new ScenarioError(file, closes.lines[0], 1, 'month_end', `the first close is ${closes.months[0]}'s, after ${date(fromUnixDay)} where the window starts`, 'closes from the month before the window on');
  }
  if (toUnixDay > unixDays[n - 1]) {
    throw new ScenarioError(file, closes.lines[n - 1], 1, 'month_end', `the last close is ${closes.months[n - 1]}'s, before ${date(toUnixDay)} where the window ends`, "closes up to the window's last month");
  }
}
/** Variance of ln(mean hashrate) an epoch's difficulty reveals: the luck of 2015 block intervals. */
export const EPOCH_LUCK_VARIANCE = 1 / (RETARGET_INTERVAL_BLOCKS - 1);

/** Mean hashrate (TH/s) of the epoch that ended in a retarget to `nextDifficulty`. */
export function epochHashrateTHs(nextDifficulty: number): number {
  return ((nextDifficulty * HASHES_PER_DIFFICULTY) / TARGET_SPACING_SECONDS) * ((RETARGET_INTERVAL_BLOCKS - 1) / RETARGET_INTERVAL_BLOCKS) / 1e12;
}

/** The last observed row at or before `unixDay`, or undefined. */
export function rowAtOrBefore(rows: readonly ObservedDifficultyRow[], unixDay: number): ObservedDifficultyRow | undefined {
  let found: ObservedDifficultyRow | undefined;
  for (const row of rows) {
    if (row.unixDay > unixDay + 1e-9) break;
    found = row;
  }
  return found;
}

/**
 * Growth of ln(difficulty) a year over the year before `row` (from the last row at or before a year
 * earlier), or undefined when the file does not reach back that far.
 */
export function observedPastGrowth(rows: readonly ObservedDifficultyRow[], row: ObservedDifficultyRow): number | undefined {
  const then = rowAtOrBefore(rows, row.unixDay - DAYS_PER_YEAR);
  if (!then || row.unixDay - then.unixDay < 0.5 * DAYS_PER_YEAR) return undefined;
  return (Math.log(row.difficulty / then.difficulty) * DAYS_PER_YEAR) / (row.unixDay - then.unixDay);
}

export interface EpochObservation {
  /** Days [first, end) of the epoch, counted from the window's start. */
  readonly first: number;
  readonly end: number;
  /** ln of its mean hashrate (TH/s), from the next epoch's difficulty. */
  readonly lnTHs: number;
}

export interface HistoryWindow {
  /** The observed row the window starts from: the last at or before the window's first day. */
  readonly start: ObservedDifficultyRow;
  readonly startUnixDay: number;
  readonly days: number;
  /** Hashprice (USD/PH/day) each day as it was: observed difficulty, subsidy, a fee share, realised price. */
  readonly hashpriceUSDPerPHDay: Float64Array;
  /** Complete epochs inside the window, in order. */
  readonly epochs: readonly EpochObservation[];
  /** Growth of ln(difficulty) over the year before the start, when the file reaches back that far. */
  readonly pastGrowthPerYear: number | undefined;
}

/**
 * The epochs from the last row at or before `fromDay` to the last retarget at or before `toDay`,
 * with each day's hashprice at `feeShare` of the reward. Rows must be consecutive retargets with
 * heights, as in the shipped epoch file.
 */
export function historyWindow(observed: ObservedDifficulty, prices: RealisedPrices, fromDay: number, toDay: number, feeShare: number): HistoryWindow {
  const rows = observed.rows;
  const fail = (row: ObservedDifficultyRow | undefined, problem: string, expected?: string): never => {
    throw new ScenarioError(observed.file, row?.line ?? 0, 1, row ? 'row' : '', problem, expected);
  };
  const start = rowAtOrBefore(rows, fromDay) ?? fail(rows[0], `the first observation (${rows[0].date}) is after the window's start`, 'an observation at or before the start of the window');
  const inside = rows.slice(rows.indexOf(start)).filter((r) => r.unixDay <= toDay + 1e-9);
  const gap = consecutiveEpochs(inside);
  if (gap) fail(gap, `height ${gap.height} is not one retarget (2016 blocks) after the row before`, 'one row per retarget epoch, in order');
  if (inside.length < 3) fail(start, `the window holds ${inside.length} retargets from ${start.date}`, 'at least 3, so at least 2 epochs are observed whole');
  if (inside.some((r) => Number.isNaN(r.height))) fail(inside.find((r) => Number.isNaN(r.height)), 'the height is empty', 'a height on every row of a window to fit');
  const last = inside[inside.length - 1];
  const startUnixDay = start.unixDay;
  const days = Math.round(last.unixDay - startUnixDay);
  requireCloses(prices, startUnixDay, startUnixDay + days);
  const hashprice = new Float64Array(days);
  for (let d = 0, k = 0; d < days; d++) {
    const day = startUnixDay + d;
    while (k + 1 < inside.length && inside[k + 1].unixDay <= day + 1e-9) k++;
    const span = inside[k + 1].unixDay - inside[k].unixDay;
    const height = inside[k].height + Math.floor((RETARGET_INTERVAL_BLOCKS * (day - inside[k].unixDay)) / span);
    hashprice[d] = hashpriceUSDPerPHDay(inside[k].difficulty, blockSubsidyBTC(height), feeShare, prices.priceAt(day));
  }
  const epochs = inside.slice(0, -1).map((row, k) => ({
    first: Math.round(row.unixDay - startUnixDay),
    end: Math.round(inside[k + 1].unixDay - startUnixDay),
    lnTHs: Math.log(epochHashrateTHs(inside[k + 1].difficulty)),
  }));
  return { start, startUnixDay, days, hashpriceUSDPerPHDay: hashprice, epochs, pastGrowthPerYear: observedPastGrowth(rows, start) };
}
