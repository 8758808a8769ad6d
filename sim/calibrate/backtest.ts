/**
 * A backtest of the network model: start it from an observed state, drive it with the BTC price as
 * it was, and see where the observed difficulty falls among the simulated ones.
 *
 * 1. The start is the last observed row at or before `from`: its height and difficulty, and the
 *    hashrate they imply (H = D·2³²/600); the age mix of the fleet from the year of difficulty before
 *    it, when the file reaches back that far. Every other parameter is the scenario's.
 * 2. Each replication draws a world as a study would — fees, block luck, the network's shocks — with
 *    the price following the realised closes and no campus in it.
 * 3. For each observed row after the start and up to `to`: the simulated difficulty in force at the
 *    end of that day, its quantiles over the replications, and the observed value's percentile.
 */
import { drawWorld } from '../campus/world.js';
import { quantileSorted } from '../core/stats/quantiles.js';
import { HOURS_PER_DAY, HOURS_PER_YEAR } from '../core/time.js';
import { RealisedPriceModel, type RealisedPrices } from '../market/realised.js';
import { bitsFromDifficulty, hashrateTHsForDifficulty } from '../network/difficulty.js';
import { NetworkFleet } from '../network/fleet.js';
import { RestOfNetwork } from '../network/hashrate.js';
import type { ObservedDifficulty, ObservedDifficultyRow } from '../scenario/observed-difficulty.js';
import { RETARGET_INTERVAL_BLOCKS } from '../network/retarget.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import type { Horizon, RestHashrate, WorldConfig } from '../scenario/types.js';
import { observedPastGrowth, requireCloses, rowAtOrBefore } from './history.js';

export const BACKTEST_LEVELS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;
const BLOCKS_PER_DAY = 144;

export interface BacktestRow {
  readonly date: string;
  readonly height: number;
  readonly observed: number;
  /** Simulated difficulty at BACKTEST_LEVELS. */
  readonly quantiles: readonly number[];
  /** Share of simulated values below the observed one (ties count half), 0–100. */
  readonly percentile: number;
}

export interface BacktestResult {
  readonly start: ObservedDifficultyRow;
  /** The start's height as used (estimated from an earlier row when the file leaves it empty). */
  readonly startHeight: number;
  readonly rows: readonly BacktestRow[];
  readonly replications: number;
  /** Shares of rows whose observed difficulty lies within p25–p75 and p5–p95. */
  readonly coverage50: number;
  readonly coverage90: number;
  /** Median over rows of |ln(observed ÷ simulated median)|. */
  readonly medianAbsLogError: number;
}

export interface BacktestInput {
  /** The scenario's network and fees (everything else of the world is replaced or left out). */
  readonly world: Pick<WorldConfig, 'network' | 'fees'>;
  /** The scenario file, for messages. */
  readonly scenarioFile: string;
  readonly observed: ObservedDifficulty;
  readonly prices: RealisedPrices;
  readonly fromUnixDay: number;
  readonly toUnixDay: number;
  readonly replications: number;
  readonly seed: number;
}

/** Checks the window against the files and builds the world every replication draws from. */
export function backtestWorld(input: BacktestInput): { world: WorldConfig; horizon: Horizon; start: ObservedDifficultyRow; startHeight: number; rows: ObservedDifficultyRow[] } {
  const { observed, prices } = input;
  const rows = observed.rows;
  const fail = (row: ObservedDifficultyRow, column: string, problem: string, expected: string): never => {
    throw new ScenarioError(observed.file, row.line, 1, column, problem, expected);
  };
  const start = rowAtOrBefore(rows, input.fromUnixDay) ?? fail(rows[0], 'date', `the first observation, ${rows[0].date}, is after the window's start`, 'an observation at or before --from to start from');
  const inside = rows.filter((r) => r.unixDay > start.unixDay && r.unixDay <= input.toUnixDay + 1e-9);
  if (inside.length === 0) fail(start, 'date', `no observation follows this one (${start.date}) up to the window's end`, 'at least one observation after the start and at or before --to');
  const startHeight = Number.isNaN(start.height) ? estimateHeight(observed, start) : start.height;
  const days = Math.floor(input.toUnixDay - start.unixDay) + 2;
  requireCloses(prices, start.unixDay, start.unixDay + days);

  const net = input.world.network;
  const startTHs = hashrateTHsForDifficulty(start.difficulty);
  let hashrate: RestHashrate;
  if (net.hashrate.kind === 'fleet') {
    const spec = net.hashrate.model.spec;
    const pastGrowthPerYear = observedPastGrowth(rows, start) ?? spec.pastGrowthPerYear;
    hashrate = { kind: 'fleet', model: new NetworkFleet({ ...spec, pastGrowthPerYear }, start.unixDay, startTHs) };
  } else if (net.hashrate.kind === 'response') {
    hashrate = { kind: 'response', model: new RestOfNetwork({ ...net.hashrate.model.p, startTHs }) };
  } else {
    throw new ScenarioError(input.scenarioFile, 0, 0, '', 'network.hashrate is an expression of time, which no observation can start', 'a scenario whose network responds: network.fleet, or growth and response');
  }
  const world: WorldConfig = {
    price: { model: new RealisedPriceModel(prices, start.unixDay), stepH: HOURS_PER_DAY },
    fees: input.world.fees,
    network: { startHeight, startBits: bitsFromDifficulty(start.difficulty), blockMode: net.blockMode, campusCounts: false, referenceCampusTHs: 0, hashrate },
    site: {},
  };
  const hours = days * HOURS_PER_DAY;
  const horizon: Horizon = { startDate: new Date(start.unixDay * 86_400_000).toISOString().slice(0, 10), startUnixSeconds: start.unixDay * 86_400, years: hours / HOURS_PER_YEAR, hours };
  return { world, horizon, start, startHeight, rows: inside };
}

/** The simulated difficulty at each row's date (the end of that day), sorted, over `replications` worlds. */
export function simulatedAtRows(started: ReturnType<typeof backtestWorld>, replications: number, seed: number): Float64Array[] {
  const { world, horizon, start, rows } = started;
  const at = rows.map((r) => Math.min(Math.floor(r.unixDay - start.unixDay) + 1, Math.ceil(horizon.hours / HOURS_PER_DAY) - 1));
  const simulated = rows.map(() => new Float64Array(replications));
  for (let rep = 0; rep < replications; rep++) {
    const w = drawWorld(world, horizon, seed, rep);
    at.forEach((d, i) => (simulated[i][rep] = w.reference.difficulty[d]));
  }
  return simulated.map((x) => x.sort());
}

/** Share of `sorted` below `x`, ties counting half: the probability integral transform of x. */
export function pit(sorted: Float64Array, x: number): number {
  let below = 0, equal = 0;
  for (const v of sorted) {
    if (v < x) below++;
    else if (v === x) equal++;
  }
  return (below + 0.5 * equal) / sorted.length;
}

export function backtest(input: BacktestInput): BacktestResult {
  const started = backtestWorld(input);
  const { start, startHeight, rows } = started;
  const R = input.replications;
  const simulated = simulatedAtRows(started, R, input.seed);
  const out: BacktestRow[] = rows.map((row, i) => {
    const sorted = simulated[i];
    return { date: row.date, height: row.height, observed: row.difficulty, quantiles: BACKTEST_LEVELS.map((p) => quantileSorted(sorted, p)), percentile: 100 * pit(sorted, row.difficulty) };
  });
  const within = (lo: number, hi: number) => out.filter((r) => r.observed >= r.quantiles[lo] && r.observed <= r.quantiles[hi]).length / out.length;
  const errors = out.map((r) => Math.abs(Math.log(r.observed / r.quantiles[3]))).sort((a, b) => a - b);
  return { start, startHeight, rows: out, replications: R, coverage50: within(2, 4), coverage90: within(1, 5), medianAbsLogError: quantileSorted(errors, 0.5) };
}

/**
 * A start height the file leaves empty, from the nearest earlier row with a height at 144 blocks a
 * day, snapped to a retarget when the difficulty changed there (a new epoch begins at a multiple of 2016).
 */
function estimateHeight(observed: ObservedDifficulty, start: ObservedDifficultyRow): number {
  const rows = observed.rows;
  const i = rows.indexOf(start);
  const known = rows.slice(0, i).reverse().find((r) => !Number.isNaN(r.height));
  if (!known) {
    throw new ScenarioError(observed.file, start.line, 1, 'height', 'the start row has no height and no row before it has one', 'a height in the row the backtest starts from, or in one before it');
  }
  const estimate = known.height + Math.round((start.unixDay - known.unixDay) * BLOCKS_PER_DAY);
  const retarget = i > 0 && rows[i - 1].difficulty !== start.difficulty;
  return retarget ? Math.round(estimate / RETARGET_INTERVAL_BLOCKS) * RETARGET_INTERVAL_BLOCKS : estimate;
}

export const BACKTEST_CSV_HEADER = 'date,height,observed_difficulty,p1,p5,p25,p50,p75,p95,p99,percentile';

export function backtestCsv(result: BacktestResult): string {
  const lines = [BACKTEST_CSV_HEADER];
  for (const r of result.rows) {
    lines.push([r.date, Number.isNaN(r.height) ? '' : String(r.height), String(r.observed), ...r.quantiles.map(String), r.percentile.toFixed(2)].join(','));
  }
  return lines.join('\n') + '\n';
}
