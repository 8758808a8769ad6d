/**
 * The second stage of the network fit: the parameters the likelihood leaves flat, set by simulated
 * method of moments on the model's own forecasts.
 *
 * The likelihood (fit-network.ts) scores each epoch given the hashprice as it was; it cannot tell how
 * hard owners buy in a boom from noise in the growth rate, which trade off there. Run free — the
 * hashprice its own, as in a study — those two decide where a year's forecast lands and how wide it
 * is. So from starts every quarter of the window, each a year long on the realised price, the model
 * forecasts every observed retarget; the probability integral transform (PIT) of each observation
 * among the simulated should be uniform: mean ½ (no bias) and variance 1/12 (the spread right).
 * `orderRate` and `growthSd` are chosen to meet those two moments, each standardised by its sampling
 * error over the starts (common random numbers, so the search sees a smooth objective), and each
 * one's 95 % interval is the set of values whose moment stays within 1.96 standard errors.
 */
import { nelderMead } from '../core/optimize/nelder-mead.js';
import type { FeeShare } from '../market/fees.js';
import type { RealisedPrices } from '../market/realised.js';
import { NetworkFleet } from '../network/fleet.js';
import type { FleetSpec } from '../network/fleet-spec.js';
import type { ObservedDifficulty } from '../scenario/observed-difficulty.js';
import type { NetworkConfig } from '../scenario/types.js';
import { backtestWorld, pit, simulatedAtRows } from './backtest.js';

export interface ForecastOptions {
  readonly replications?: number;
  readonly horizonDays?: number;
  readonly stepDays?: number;
  readonly seed?: number;
}

export interface ForecastMoments {
  readonly meanPit: number;
  readonly pitVariance: number;
  /** Standard errors of the two over the starts. */
  readonly meanPitSe: number;
  readonly pitVarianceSe: number;
  readonly observations: number;
  readonly starts: number;
}

export interface ForecastFit {
  readonly spec: FleetSpec;
  readonly moments: ForecastMoments;
  readonly orderRate: { readonly value: number; readonly low: number; readonly high: number };
  readonly growthSd: { readonly value: number; readonly low: number; readonly high: number };
  readonly evaluations: number;
}

const UNIFORM_VARIANCE = 1 / 12;

/** The PIT moments of a year's forecasts from each quarter of [fromDay, toDay − horizon]. */
export function forecastMoments(spec: FleetSpec, fees: FeeShare, observed: ObservedDifficulty, prices: RealisedPrices, fromDay: number, toDay: number, options: ForecastOptions = {}): ForecastMoments {
  const R = options.replications ?? 60, horizon = options.horizonDays ?? 365, step = options.stepDays ?? 91;
  const perStart: Array<{ mean: number; variance: number; n: number }> = [];
  const all: number[] = [];
  for (let start = fromDay; start + horizon <= toDay + 1e-9; start += step) {
    const network: NetworkConfig = {
      startHeight: 0,
      startBits: 0x1d00ffff,
      blockMode: 'epoch',
      campusCounts: false,
      referenceCampusTHs: 0,
      hashrate: { kind: 'fleet', model: new NetworkFleet(spec, start, 1) },
    };
    const started = backtestWorld({ world: { network, fees }, scenarioFile: '', observed, prices, fromUnixDay: start, toUnixDay: start + horizon, replications: R, seed: options.seed ?? 1 });
    const simulated = simulatedAtRows(started, R, options.seed ?? 1);
    const pits = started.rows.map((row, i) => pit(simulated[i], row.difficulty));
    const mean = pits.reduce((a, b) => a + b, 0) / pits.length;
    const variance = pits.reduce((a, b) => a + (b - mean) ** 2, 0) / pits.length + (mean - 0.5) ** 2;
    perStart.push({ mean, variance, n: pits.length });
    all.push(...pits);
  }
  const S = perStart.length;
  const meanPit = all.reduce((a, b) => a + b, 0) / all.length;
  const pitVariance = all.reduce((a, b) => a + (b - 0.5) ** 2, 0) / all.length;
  const sd = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  };
  return {
    meanPit,
    pitVariance,
    meanPitSe: sd(perStart.map((p) => p.mean)) / Math.sqrt(S),
    pitVarianceSe: sd(perStart.map((p) => p.variance)) / Math.sqrt(S),
    observations: all.length,
    starts: S,
  };
}

/** Sets orderRate and growthSd so a year's forecasts are unbiased and as wide as their errors. */
export function fitForecasts(start: FleetSpec, fees: FeeShare, observed: ObservedDifficulty, prices: RealisedPrices, fromDay: number, toDay: number, options: ForecastOptions = {}): ForecastFit {
  let evaluations = 0;
  const with_ = (orderRate: number, growthSd: number): FleetSpec => ({ ...start, orderRatePerYear: orderRate, growthSdPerYear: growthSd });
  const moments = (orderRate: number, growthSd: number) => {
    evaluations++;
    return forecastMoments(with_(orderRate, growthSd), fees, observed, prices, fromDay, toDay, options);
  };
  // Standardised distances: (mean PIT − ½)/se and (PIT variance − 1/12)/se.
  const z = (m: ForecastMoments) => [(m.meanPit - 0.5) / m.meanPitSe, (m.pitVariance - UNIFORM_VARIANCE) / m.pitVarianceSe];
  const objective = ([a, b]: readonly number[]) => {
    try {
      const [z1, z2] = z(moments(Math.exp(a), Math.exp(b)));
      return z1 * z1 + z2 * z2;
    } catch (e) {
      if (e instanceof RangeError) return Infinity; // outside a parameter's range
      throw e;
    }
  };
  const best = nelderMead(objective, [Math.log(start.orderRatePerYear), Math.log(Math.max(0.05, start.growthSdPerYear))], { step: [0.5, 0.5], maxEvaluations: 60, fTolerance: 0.05, xTolerance: 0.02 });
  const orderRate = Math.exp(best.x[0]), growthSd = Math.exp(best.x[1]);
  const atBest = moments(orderRate, growthSd);
  // Each parameter's interval: scan it (the other held) for where its own moment leaves ±1.96 se.
  const interval = (value: number, which: 0 | 1): { value: number; low: number; high: number } => {
    const bound = (factor: number): number => {
      let inside = value;
      for (let k = 1; k <= 6; k++) {
        const x = value * factor ** k;
        let m: ForecastMoments;
        try {
          m = which === 0 ? moments(x, growthSd) : moments(orderRate, x);
        } catch (e) {
          if (e instanceof RangeError) return inside; // the parameter's own range ends first
          throw e;
        }
        if (Math.abs(z(m)[which]) > 1.96) return Math.sqrt(inside * x); // between the last inside and the first outside
        inside = x;
      }
      return factor < 1 ? 0 : Infinity;
    };
    return { value, low: bound(1 / 1.5), high: bound(1.5) };
  };
  return { spec: with_(orderRate, growthSd), moments: atBest, orderRate: interval(orderRate, 0), growthSd: interval(growthSd, 1), evaluations };
}
