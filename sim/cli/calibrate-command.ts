/**
 * `campus calibrate network [SCENARIO]`: fit the network fleet model to observed difficulty by epoch
 * with the realised BTC price, by maximum likelihood; print the estimates with 95 % intervals, the fit's
 * diagnostics and the scenario lines to paste.
 * `campus calibrate price [SCENARIO]`: fit the price model's drift and volatility to the closes, and
 * say what the scenario's drift does to the median price.
 */
import type { Argv } from 'yargs';
import { fitNetwork, type NetworkFit } from '../calibrate/fit-network.js';
import { type ForecastFit, fitForecasts } from '../calibrate/fit-forecasts.js';
import { fitPrice, isMomentModel } from '../calibrate/fit-price.js';
import { FeeShare } from '../market/fees.js';
import { historyWindow, type HistoryWindow } from '../calibrate/history.js';
import { monthlyLogReturns } from '../market/history.js';
import { CALIBRATION_START, defaultFleetSpec, REFERENCE_MACHINES } from '../network/fleet-defaults.js';
import type { FleetSpec } from '../network/fleet-spec.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { readObserved, readPrices, windowFlags } from './history-flags.js';
import { formatTable } from './table.js';
import { reportErrors, UsageError } from './user-error.js';

/** Rounds of likelihood then forecasts. */
const CALIBRATION_ROUNDS = 2;

interface CalibrateArgs {
  model: 'network' | 'price';
  scenario?: string;
  observed?: string;
  prices?: string;
  from: string;
  to: string;
  feeShare: string;
}

export const calibrateCommand = {
  command: 'calibrate <model> [scenario]',
  describe: 'Fit the network fleet model (network) or the BTC price model (price) to history; print the estimates, their uncertainty and the fit',
  builder: (y: Argv) =>
    y
      .positional('model', { choices: ['network', 'price'] as const, demandOption: true, describe: 'What to fit' })
      .positional('scenario', { type: 'string', describe: "Scenario whose model is fitted: its fixed parameters are kept and its fitted ones are the search's start (default: the built-in fleet; for price, required)" })
      .option('observed', { type: 'string', describe: 'Difficulty by retarget epoch (default: the shipped file, 2009–2022)' })
      .option('prices', { type: 'string', describe: 'Month-end closes, month_end,close_usd (default: the shipped closes)' })
      .option('from', { type: 'string', default: '2016-01-01', describe: 'First day of the window' })
      .option('to', { type: 'string', default: '2022-12-31', describe: 'Last day of the window' })
      .option('fee-share', { type: 'string', default: '0.03', describe: 'Fee share of the miner reward in the window (network)' }),
  handler: (args: CalibrateArgs) => reportErrors(async () => (args.model === 'network' ? network(args) : price(args))),
};

function network(args: CalibrateArgs): void {
  const { fromDay, toDay } = windowFlags(args.from, args.to);
  const feeShare = Number(args.feeShare);
  if (!(feeShare >= 0 && feeShare < 1)) throw new UsageError(`--fee-share must be a share in [0, 1), got '${args.feeShare}'`);
  const scenario = args.scenario ? loadScenario(args.scenario) : undefined;
  const start = scenario ? scenarioFleet(scenario) : { ...defaultFleetSpec(), ...CALIBRATION_START };
  const observed = readObserved(args.observed);
  const prices = readPrices(args.prices);
  const w = historyWindow(observed, prices, fromDay, toDay, feeShare);
  // The age mix of the fleet at the window's start is observed, not fitted.
  const spec: FleetSpec = { ...start, pastGrowthPerYear: w.pastGrowthPerYear ?? start.pastGrowthPerYear };
  process.stderr.write(`Fitting ${w.epochs.length} epochs by maximum likelihood, then a year's forecasts from each quarter (two rounds, a few minutes)…\n`);
  const t0 = performance.now();
  // The two stages inform each other (the likelihood's fit depends on the order rate the forecasts
  // set, and the forecasts on the cost curve the likelihood sets): alternate them, twice.
  const fees = new FeeShare({ median: Math.max(feeShare, 1e-6), reversionPerYear: 4, volatilityPerSqrtYear: 1 });
  let fit = fitNetwork(spec, w);
  let forecasts = fitForecasts(fit.spec, fees, observed, prices, w.startUnixDay, toDay);
  for (let round = 1; round < CALIBRATION_ROUNDS; round++) {
    fit = fitNetwork(forecasts.spec, w);
    forecasts = fitForecasts(fit.spec, fees, observed, prices, w.startUnixDay, toDay);
  }
  process.stdout.write(networkReport(fit, forecasts, w, spec, args, feeShare, (performance.now() - t0) / 1000));
}

function scenarioFleet(s: Scenario): FleetSpec {
  const h = s.world.network.hashrate;
  if (h.kind !== 'fleet') throw new UsageError(`${s.file}: the network has no fleet model (network.fleet) to calibrate`);
  return h.model.spec;
}

const num = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 4 }) : '—');

function networkReport(fit: NetworkFit, forecasts: ForecastFit, w: HistoryWindow, spec: FleetSpec, args: CalibrateArgs, feeShare: number, seconds: number): string {
  const last = new Date((w.startUnixDay + w.days) * 86_400_000).toISOString().slice(0, 10);
  const d = fit.diagnostics;
  const rows = fit.estimates.map((e) => [e.label, e.key, `${num(e.value)}${e.unit ? ` ${e.unit}` : ''}`, Number.isFinite(e.standardError) ? `${num(e.low)} … ${num(e.high)}` : 'not informed by the window', 'likelihood']);
  const interval = (x: { low: number; high: number }) => `${num(x.low)} … ${Number.isFinite(x.high) ? num(x.high) : '∞'}`;
  rows.push(['orders per unit of (wanted ÷ payback − 1)', 'fleet.orderRate', `${num(forecasts.orderRate.value)} /year`, interval(forecasts.orderRate), 'forecasts']);
  rows.push(['sd of the growth beyond the economics', 'fleet.growthSd', `${num(forecasts.growthSd.value)} /year`, interval(forecasts.growthSd), 'forecasts']);
  const m = forecasts.moments;
  const strong = fit.estimates.flatMap((a, i) => fit.estimates.slice(0, i).map((b, j) => [b.key, a.key, fit.correlation[i][j]] as const)).filter(([, , r]) => Math.abs(r) >= 0.5);
  const frontier = `${REFERENCE_MACHINES[0].name} … ${REFERENCE_MACHINES[REFERENCE_MACHINES.length - 1].name}`;
  const value = (key: string) => fit.estimates.find((e) => e.key === key)!.value;
  const yaml = [
    'network:',
    `  volatility: ${num(value('volatility'))}`,
    '  fleet:',
    `    powerCost: { median: ${num(value('fleet.powerCost.median'))} USD/MWh, spread: ${num(value('fleet.powerCost.spread'))} }`,
    `    payback: ${Math.round(value('fleet.payback'))} days`,
    `    baseOrderRate: ${num(value('fleet.baseOrderRate'))}`,
    `    orderRate: ${num(forecasts.orderRate.value)}`,
    `    hysteresis: ${num(value('fleet.hysteresis'))}`,
    `    growthSd: ${num(forecasts.growthSd.value)}`,
  ];
  return [
    `campus calibrate network: ${fit.epochs} epochs from ${w.start.date} to ${last} (window ${args.from} … ${args.to}), fee share ${(100 * feeShare).toFixed(1)} %, likelihood then forecasts, ${CALIBRATION_ROUNDS} rounds (${seconds.toFixed(0)} s, ${fit.evaluations} evaluations${fit.converged ? '' : ', stopped at the evaluation budget'})`,
    `Held fixed: frontier ${frontier} then −${(100 * spec.frontier.improvementPerYear).toFixed(0)} %/year, ${spec.machinePriceUSDPerW} USD/W, lead ${spec.leadDays} days, cap ${spec.maxGrowthPerYear}/year, reaction ${spec.reactionDays} days, idle ${spec.idleDays} days, growth reversion ${spec.growthReversionPerYear}/year; fleet age mix from the year before (${num(spec.pastGrowthPerYear)}/year)`,
    '',
    formatTable(['parameter', 'scenario key (under network)', 'estimate', '95 % interval', 'fitted to'], rows, [false, false, true, true, false]),
    '',
    `Likelihood: the epochs one at a time, on the hashprice as it was. Forecasts: simulated method of moments — the model run free for a year from each of ${m.starts} quarterly starts on the realised price; the observed difficulty's percentile among the simulated (${m.observations} retargets) should be uniform, and is: mean ${m.meanPit.toFixed(3)} (½ ± ${(1.96 * m.meanPitSe).toFixed(3)}), mean squared distance from ½ ${m.pitVariance.toFixed(4)} (1/12 = 0.0833 ± ${(1.96 * m.pitVarianceSe).toFixed(4)}).`,
    '',
    `Fit: log-likelihood ${fit.logLikelihood.toFixed(1)} over ${fit.epochs - 1} epoch-to-epoch changes; AIC ${d.aicFleet.toFixed(1)}, against ${d.aicRandomWalk.toFixed(1)} for a random walk with drift (${num(d.randomWalk.driftPerYear)}/year, σ ${num(d.randomWalk.volatilityPerSqrtYear)}) — lower is better.`,
    `Standardized innovations (independent N(0, 1) if the model is right): mean ${d.innovationMean.toFixed(2)}, sd ${d.innovationSd.toFixed(2)}, lag-1 autocorrelation ${d.lag1Autocorrelation.toFixed(2)}, Ljung–Box Q(${d.ljungBox.lags}) = ${d.ljungBox.q.toFixed(1)} (p = ${d.ljungBox.pValue.toFixed(2)}), ${(100 * d.beyond196).toFixed(1)} % beyond ±1.96 (5 % expected).`,
    strong.length > 0 ? `Strongly correlated estimates: ${strong.map(([a, b, r]) => `${a} ~ ${b} ${r.toFixed(2)}`).join('; ')}.` : 'No two estimates correlate beyond ±0.5.',
    'Intervals are from the curvature at the optimum (local); the likelihood has ridges — see docs/network-model.md.',
    '',
    'For a scenario:',
    ...yaml,
    '',
  ].join('\n');
}

function price(args: CalibrateArgs): void {
  if (!args.scenario) throw new UsageError('calibrate price needs a scenario: its price model is the one fitted');
  windowFlags(args.from, args.to);
  const scenario = loadScenario(args.scenario);
  const model = scenario.world.price.model;
  if (!isMomentModel(model)) throw new UsageError(`${scenario.file}: calibrate price fits gbm, merton or kou, not ${model.kind}`);
  const prices = readPrices(args.prices);
  let returns: Float64Array;
  try {
    returns = monthlyLogReturns(prices.closes, args.from.slice(0, 7), args.to.slice(0, 7));
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${prices.file}: ${e.message}`);
    throw e;
  }
  const fit = fitPrice(model, returns);
  const years = scenario.horizon.years;
  const start = model.p.priceUSD;
  const usd = (x: number) => `$${Math.round(x / 1000).toLocaleString('en-US')}k`;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;
  const e = (x: { value: number; low: number; high: number }) => `${x.value.toFixed(2)} (95 %: ${x.low.toFixed(2)} … ${x.high.toFixed(2)})`;
  process.stdout.write(
    [
      `campus calibrate price: ${model.kind} to ${fit.months} monthly log returns, ${args.from.slice(0, 7)} … ${args.to.slice(0, 7)}, jumps held as ${scenario.name} has them (method of moments)`,
      '',
      `  drift μ a year:               ${e(fit.drift)}`,
      `  volatility σ (diffusion):      ${e(fit.volatility)}`,
      `  growth of the median price:    ${e(fit.medianGrowthPerYear)} a year in ln`,
      '',
      `${scenario.name} has drift ${fit.scenarioDriftPerYear}: the mean price grows ${pct(Math.expm1(fit.scenarioMeanGrowthPerYear))} a year and the median ${pct(Math.expm1(fit.scenarioMedianGrowthPerYear))} —`,
      `from ${usd(start)} to a median of ${usd(start * Math.exp(fit.scenarioMedianGrowthPerYear * years))} after ${years} years (half the paths end below it), while the mean stays at ${usd(start * Math.exp(fit.scenarioMeanGrowthPerYear * years))}.`,
      `The window's drift is known to ±${(1.96 * fit.drift.standardError).toFixed(2)} a year, and moves with the window's ends by more than that: a past return is no forecast, so a scenario's drift is an assumption to state.`,
      '',
    ].join('\n'),
  );
}
