/**
 * Maximum-likelihood fit of the network fleet model to observed difficulty (and so hashrate) by epoch.
 *
 * 1. Run the fleet through the window on the hashprice as it was (observed difficulty, subsidy, a fee
 *    share, realised price): the model's running hashrate each day, up to a scale. Its economics is
 *    linear in the fleet's size, so the model's one source of noise — a lognormal random walk on the
 *    whole fleet — factors out: ln(observed epoch hashrate) = ln(model's epoch mean) + s + luck, where
 *    s is the walk and luck the 2015 blocks' (variance 1/2015).
 * 2. That is a local-level model; its Kalman filter gives the exact Gaussian likelihood of the
 *    epoch-to-epoch changes the economics did not explain.
 * 3. Maximise it over the fitted parameters (on the log scale) by Nelder–Mead; their uncertainty from
 *    the observed information, −∂²ℓ/∂θ² by central differences, inverted.
 * 4. Diagnose: the standardized innovations should be independent N(0, 1) (mean, sd, lag-1
 *    autocorrelation, Ljung–Box), and the fleet should beat a random walk with drift fitted alike.
 */
import { nelderMead } from '../core/optimize/nelder-mead.js';
import { ljungBox, localTrend } from '../core/stats/local-level.js';
import { normalQuantile } from '../core/stats/normal.js';
import { regularizedGammaQ } from '../core/special.js';
import { NetworkFleet } from '../network/fleet.js';
import type { FleetSpec } from '../network/fleet-spec.js';
import { mathjs } from '../scenario/units.js';
import { DAYS_PER_YEAR, EPOCH_LUCK_VARIANCE, type HistoryWindow } from './history.js';

/** A fitted parameter: how to read it from and write it to a spec, fitted on the log scale. */
export interface FittedParameter {
  /** Scenario key under network (e.g. `fleet.payback`). */
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** Fitted as ln(value) (a positive parameter), or as the value itself. */
  readonly log: boolean;
  get(spec: FleetSpec): number;
  set(spec: FleetSpec, value: number): FleetSpec;
}

export const FITTED: readonly FittedParameter[] = [
  { key: 'fleet.powerCost.median', label: 'median power price', unit: 'USD/MWh', log: true, get: (s) => s.powerCostMedianUSDPerMWh, set: (s, v) => ({ ...s, powerCostMedianUSDPerMWh: v }) },
  { key: 'fleet.powerCost.spread', label: 'σ of ln(power price)', unit: '', log: true, get: (s) => s.powerCostSpread, set: (s, v) => ({ ...s, powerCostSpread: v }) },
  { key: 'fleet.payback', label: 'payback wanted', unit: 'days', log: true, get: (s) => s.paybackDays, set: (s, v) => ({ ...s, paybackDays: v }) },
  { key: 'fleet.baseOrderRate', label: 'orders once a machine pays back', unit: '/year', log: true, get: (s) => s.baseOrderRatePerYear, set: (s, v) => ({ ...s, baseOrderRatePerYear: v }) },
  { key: 'fleet.hysteresis', label: 'hysteresis', unit: '', log: true, get: (s) => s.hysteresis, set: (s, v) => ({ ...s, hysteresis: v }) },
  { key: 'volatility', label: 'volatility beyond the economics', unit: '/√year', log: true, get: (s) => s.volatilityPerSqrtYear, set: (s, v) => ({ ...s, volatilityPerSqrtYear: v }) },
];

/** The model's running hashrate each day of the window, scaled to 1 at the start, on the hashprice as it was. */
export function fleetOnHistory(spec: FleetSpec, w: HistoryWindow): Float64Array {
  const fleet = new NetworkFleet({ ...spec, volatilityPerSqrtYear: 0 }, w.startUnixDay, 1);
  const run = fleet.run(w.hashpriceUSDPerPHDay[0], w.days);
  const running = new Float64Array(w.days);
  for (let d = 0; d < w.days; d++) {
    running[d] = run.runningTHs();
    run.step(d, w.hashpriceUSDPerPHDay[d], undefined);
  }
  return running;
}

/** What the random walk must explain: ln(observed) − ln(model) per epoch, and the years between epochs' middles. */
export function residualLevels(spec: FleetSpec, w: HistoryWindow): { y: Float64Array; dt: Float64Array } {
  const running = fleetOnHistory(spec, w);
  const y = new Float64Array(w.epochs.length), dt = new Float64Array(w.epochs.length);
  w.epochs.forEach((e, k) => {
    let sum = 0;
    for (let d = e.first; d < e.end; d++) sum += running[d];
    y[k] = e.lnTHs - Math.log(sum / (e.end - e.first));
    dt[k] = k === 0 ? 0 : (e.first + e.end - w.epochs[k - 1].first - w.epochs[k - 1].end) / 2 / DAYS_PER_YEAR;
  });
  return { y, dt };
}

export function logLikelihood(spec: FleetSpec, w: HistoryWindow): { logLikelihood: number; standardized: Float64Array } {
  const { y, dt } = residualLevels(spec, w);
  // The walk's drift in ln: the fleet's scale S grows at μ − σ²/2 a year in ln (E[S] at μ).
  return localTrend(y, dt, {
    sigma: spec.volatilityPerSqrtYear,
    observationVariance: EPOCH_LUCK_VARIANCE,
    drift: spec.driftPerYear - 0.5 * spec.volatilityPerSqrtYear ** 2,
  });
}

export interface ParameterEstimate {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number;
  /** Standard error of ln(value) when `log`, else of the value. */
  readonly standardError: number;
  readonly log: boolean;
  /** The 95 % interval: exp(ln value ± 1.96 SE), or value ± 1.96 SE. */
  readonly low: number;
  readonly high: number;
}

export interface NetworkFit {
  readonly spec: FleetSpec;
  readonly estimates: readonly ParameterEstimate[];
  readonly logLikelihood: number;
  readonly epochs: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** Correlations of the ln estimates, row-major, in FITTED order. */
  readonly correlation: readonly number[][];
  readonly diagnostics: {
    readonly innovationMean: number;
    readonly innovationSd: number;
    readonly lag1Autocorrelation: number;
    readonly ljungBox: { readonly lags: number; readonly q: number; readonly pValue: number };
    /** Share of standardized innovations beyond ±1.96 (5 % if they are N(0, 1)). */
    readonly beyond196: number;
    /** A random walk with drift in ln(hashrate), fitted alike: its log-likelihood, drift and σ. */
    readonly randomWalk: { readonly logLikelihood: number; readonly driftPerYear: number; readonly volatilityPerSqrtYear: number };
    readonly aicFleet: number;
    readonly aicRandomWalk: number;
  };
}

const Z95 = normalQuantile(0.975);
/** A coarse grid of starting values for the parameters the likelihood is most ridged in. */
const GRID: Record<string, readonly number[]> = {
  'fleet.powerCost.median': [25, 40, 60],
  'fleet.powerCost.spread': [0.4, 0.7, 1.1],
  'fleet.hysteresis': [0.03, 0.1, 0.3],
};
/** Grid points the search starts from (the best by likelihood). */
const GRID_STARTS = 4;

export function fitNetwork(start: FleetSpec, w: HistoryWindow, fitted: readonly FittedParameter[] = FITTED): NetworkFit {
  const value = (p: FittedParameter, t: number) => (p.log ? Math.exp(t) : t);
  const toSpec = (theta: readonly number[]) => fitted.reduce((s, p, i) => p.set(s, value(p, theta[i])), start);
  const negative = (theta: readonly number[]) => {
    try {
      return -logLikelihood(toSpec(theta), w).logLikelihood;
    } catch (e) {
      if (e instanceof RangeError) return Infinity; // outside a parameter's range
      throw e;
    }
  };
  // The likelihood has ridges and shallow local optima (a cap that never binds, hysteresis against
  // the spread of power prices), so the search starts from the given values and from the best points
  // of a coarse grid over the cost curve and the hysteresis; then a restart from the best. Fixed
  // starts: the same fit every run.
  const theta0 = fitted.map((p) => (p.log ? Math.log(p.get(start)) : p.get(start)));
  const gridded = fitted.map((p) => GRID[p.key]);
  const grid: number[][] = [theta0];
  const expand = (i: number, x: number[]): void => {
    if (i === fitted.length) return void grid.push(x);
    for (const v of gridded[i] ?? [undefined]) expand(i + 1, v === undefined ? x : x.map((t, j) => (j === i ? Math.log(v) : t)));
  };
  expand(0, theta0);
  const starts = grid
    .map((x) => ({ x, value: negative(x) }))
    .sort((a, b) => a.value - b.value)
    .slice(0, GRID_STARTS)
    .map((g) => g.x);
  let best = starts
    .map((x) => nelderMead(negative, x, { step: fitted.map(() => 0.3), maxEvaluations: 1500, fTolerance: 1e-7, xTolerance: 1e-4 }))
    .reduce((a, b) => (b.value < a.value ? b : a));
  const again = nelderMead(negative, best.x, { step: fitted.map(() => 0.1), maxEvaluations: 4000, fTolerance: 1e-7, xTolerance: 1e-4 });
  const evaluations = best.evaluations + again.evaluations;
  if (again.value <= best.value) best = again;

  const theta = best.x;
  const information = observedInformation(negative, theta);
  const covariance = invertIdentified(information);
  const se = covariance.map((row, i) => Math.sqrt(row[i]));
  const spec = toSpec(theta);
  const fit = logLikelihood(spec, w);
  const z = fit.standardized;
  const mean = z.reduce((a, b) => a + b, 0) / z.length;
  const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / (z.length - 1));
  let lag1 = 0;
  for (let k = 1; k < z.length; k++) lag1 += (z[k] - mean) * (z[k - 1] - mean);
  lag1 /= z.reduce((a, b) => a + (b - mean) ** 2, 0);
  const lags = Math.min(10, Math.floor(z.length / 5));
  const q = ljungBox(z, lags);
  const walk = randomWalkWithDrift(w, spec);
  const k = fitted.length;
  return {
    spec,
    estimates: fitted.map((p, i) => ({
      key: p.key,
      label: p.label,
      unit: p.unit,
      value: value(p, theta[i]),
      standardError: se[i],
      log: p.log,
      low: value(p, theta[i] - Z95 * se[i]),
      high: value(p, theta[i] + Z95 * se[i]),
    })),
    logLikelihood: fit.logLikelihood,
    epochs: w.epochs.length,
    evaluations,
    converged: best.converged,
    correlation: covariance.map((row, i) => row.map((c, j) => c / (se[i] * se[j]))),
    diagnostics: {
      innovationMean: mean,
      innovationSd: sd,
      lag1Autocorrelation: lag1,
      ljungBox: { lags, q, pValue: regularizedGammaQ(lags / 2, q / 2) },
      beyond196: z.filter((x) => Math.abs(x) > Z95).length / z.length,
      randomWalk: walk,
      aicFleet: 2 * k - 2 * fit.logLikelihood,
      aicRandomWalk: 4 - 2 * walk.logLikelihood,
    },
  };
}

/** −∂²f/∂θ² of a negative log-likelihood f at its minimum, by central differences of step h. */
function observedInformation(f: (theta: readonly number[]) => number, theta: readonly number[], h = 0.15): number[][] {
  const n = theta.length;
  const at = (di: number, i: number, dj: number, j: number) => {
    const x = [...theta];
    x[i] += di * h;
    x[j] += dj * h;
    return f(x);
  };
  const f0 = f(theta);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i][i] = (at(1, i, 0, i) - 2 * f0 + at(-1, i, 0, i)) / (h * h);
    for (let j = 0; j < i; j++) {
      H[i][j] = H[j][i] = (at(1, i, 1, j) - at(1, i, -1, j) - at(-1, i, 1, j) + at(-1, i, -1, j)) / (4 * h * h);
    }
  }
  return H;
}

/**
 * The inverse of the information matrix over the parameters the data inform (a positive curvature);
 * NaN for the others — a deployment cap that never binds in the window leaves the likelihood flat.
 */
function invertIdentified(information: number[][]): number[][] {
  const n = information.length;
  const kept = information.map((row, i) => i).filter((i) => information[i][i] > 1e-9);
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(NaN));
  if (kept.length === 0) return out;
  const inverse = mathjs().inv(kept.map((i) => kept.map((j) => information[i][j]))) as number[][];
  kept.forEach((i, a) => kept.forEach((j, b) => (out[i][j] = inverse[a][b])));
  return out;
}

/** The same observations explained by a random walk with drift alone (no economics): ML drift and σ. */
function randomWalkWithDrift(w: HistoryWindow, spec: FleetSpec): NetworkFit['diagnostics']['randomWalk'] {
  const y = Float64Array.from(w.epochs, (e) => e.lnTHs);
  const { dt } = residualLevels(spec, w);
  const negative = (x: readonly number[]) => -localTrend(y, dt, { sigma: Math.exp(x[1]), observationVariance: EPOCH_LUCK_VARIANCE, drift: x[0] }).logLikelihood;
  const best = nelderMead(negative, [0.5, Math.log(0.3)], { step: [0.2, 0.3], maxEvaluations: 2000, fTolerance: 1e-9, xTolerance: 1e-6 });
  return { logLikelihood: -best.value, driftPerYear: best.x[0], volatilityPerSqrtYear: Math.exp(best.x[1]) };
}
