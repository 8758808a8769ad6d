import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nelderMead } from '../core/optimize/nelder-mead.js';
import { localTrend } from '../core/stats/local-level.js';
import { randomStream } from '../core/stream.js';
import { parseMonthlyCloses, readMonthlyCloses } from '../market/history.js';
import { RealisedPrices } from '../market/realised.js';
import { defaultFleetSpec } from '../network/fleet-defaults.js';
import { parseObservedDifficulty, readObservedDifficulty } from '../scenario/observed-difficulty.js';
import { loadScenario } from '../scenario/load.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import { backtestWorld } from './backtest.js';
import { epochHashrateTHs, historyWindow } from './history.js';
import { FITTED, fitNetwork, logLikelihood } from './fit-network.js';

const campus = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'sim/cli/main.ts', ...args], { encoding: 'utf8' });
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const OBSERVED = 'scenarios/data/difficulty-epochs-2009-2022.csv';
const PRICES = 'scenarios/data/btc-month-end-closes.csv';

test('Nelder–Mead finds the minimum of the Rosenbrock valley', () => {
  const r = nelderMead(([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1], { maxEvaluations: 5000, fTolerance: 1e-14, xTolerance: 1e-8 });
  assert.ok(r.converged);
  assert.ok(Math.abs(r.x[0] - 1) < 1e-4 && Math.abs(r.x[1] - 1) < 1e-4, `${r.x}`);
});

test('the local-trend filter recovers the σ of a simulated random walk (MLE within 3 standard errors)', () => {
  // 400 steps of a random walk with σ = 0.3 a √year, a step of 2 weeks, observed with luck 0.02.
  const rng = randomStream(1, 0, 'test'), n = 400, dt = 14 / 365.25;
  const y = new Float64Array(n), dts = new Float64Array(n).fill(dt);
  let s = 0;
  for (let k = 0; k < n; k++) {
    s += 0.3 * Math.sqrt(dt) * rng.standardNormal();
    y[k] = s + 0.02 * rng.standardNormal();
  }
  const best = nelderMead(([lnSigma]) => -localTrend(y, dts, { sigma: Math.exp(lnSigma), observationVariance: 0.0004 }).logLikelihood, [Math.log(0.1)], { xTolerance: 1e-6 });
  // SE of σ̂ from n steps ≈ σ/√(2n) (the luck adds a little): 0.3/√800 ≈ 0.011.
  assert.ok(Math.abs(Math.exp(best.x[0]) - 0.3) < 3 * 0.011 * 1.2, `σ̂ = ${Math.exp(best.x[0])}`);
});

test('an epoch difficulty gives the hashrate of the epoch before it: H = D·2³²/600 × 2015/2016', () => {
  // 36.95 T (2022-11-20) ⇒ the epoch from 2022-11-07 ran at ≈ 264 EH/s.
  assert.ok(Math.abs(epochHashrateTHs(36950494067222.41) / 1e6 - 264.36) < 0.05);
});

test('observed-difficulty CSVs: both layouts read; a bad row is a ScenarioError naming file, line and column', () => {
  const dated = parseObservedDifficulty('# held out\ndate,height,difficulty\n2023-01-02,770112,37590453655497.09\n2023-01-16,,39350942467142.33\n', 'o.csv');
  assert.is(dated.rows.length, 2);
  assert.ok(Number.isNaN(dated.rows[1].height));
  assert.is(readObservedDifficulty(OBSERVED).rows.at(-1)!.date, '2022-12-19');
  const cases: Array<[string, number, RegExp]> = [
    ['date,height,difficulty\n2023-01-02,770112,-5\n', 2, /difficulty: '-5' is not a difficulty/],
    ['date,height,difficulty\n2023-01-16,,3e13\n2023-01-02,,3e13\n', 3, /2023-01-02 is not after 2023-01-16 on line 2/],
    ['date,height,difficulty\n2023-02-30,,3e13\n', 2, /'2023-02-30' is not a date/],
    ['date,height,difficulty\n2023-01-02,1.5,3e13\n', 2, /height: '1.5' is not a block height/],
    ['date,height,difficulty\n2023-01-02,3e13\n', 2, /has 2 cells, the header 3/],
    ['when,difficulty\n', 1, /is not a header this reader knows/],
  ];
  for (const [text, line, message] of cases) {
    try {
      parseObservedDifficulty(text, 'o.csv');
      assert.unreachable(text);
    } catch (e) {
      assert.instance(e, ScenarioError);
      assert.is((e as ScenarioError).line, line, text);
      assert.match((e as Error).message, /^o\.csv:\d+:\d+: /);
      assert.match((e as Error).message, message);
    }
  }
});

test('the fit raises the likelihood from where it starts, on two years of history', () => {
  const w = historyWindow(readObservedDifficulty(OBSERVED), new RealisedPrices(readMonthlyCloses(PRICES), PRICES), day('2019-01-01'), day('2020-12-31'), 0.03);
  const start = { ...defaultFleetSpec(), powerCostMedianUSDPerMWh: 30, volatilityPerSqrtYear: 0.6 };
  const fit = fitNetwork(start, w, FITTED.filter((p) => p.key === 'volatility' || p.key === 'fleet.powerCost.median'));
  assert.ok(fit.logLikelihood > logLikelihood(start, w).logLikelihood + 1, `${fit.logLikelihood}`);
  assert.is(fit.epochs, w.epochs.length);
  const v = fit.estimates.find((e) => e.key === 'volatility')!;
  assert.ok(v.low < v.value && v.value < v.high);
});

test('campus backtest: the CSV as specified, the same bytes for the same seed, and its chart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-backtest-'));
  try {
    const args = ['backtest', 'scenarios/capital-raise.yaml', '--from', '2020-01-01', '--to', '2020-12-31', '--prices', PRICES, '--observed', OBSERVED, '--replications', '40', '--seed', '3'];
    const a = campus(...args, '--out', join(dir, 'a'));
    assert.is(a.status, 0, a.stderr);
    assert.match(a.stdout, /inside the simulated p25–p75: \d+ %/);
    assert.match(a.stdout, /inside the simulated p5–p95: +\d+ %/);
    assert.match(a.stdout, /median \|ln\(observed ÷ simulated median\)\|: \d\.\d{3}/);
    const csv = readFileSync(join(dir, 'a', 'backtest.csv'), 'utf8').trim().split('\n');
    assert.is(csv[0], 'date,height,observed_difficulty,p1,p5,p25,p50,p75,p95,p99,percentile');
    assert.is(csv.length - 1, 26, 'one row per retarget of 2020 after the start');
    assert.is(csv[1].split(',')[0], '2020-01-15');
    for (const f of ['backtest.vl.json', 'backtest.svg', 'backtest.png']) assert.ok(existsSync(join(dir, 'a', f)), f);
    const b = campus(...args, '--out', join(dir, 'b'));
    assert.is(b.status, 0, b.stderr);
    assert.is(readFileSync(join(dir, 'b', 'backtest.csv'), 'utf8'), readFileSync(join(dir, 'a', 'backtest.csv'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('campus backtest refuses bad input with one line naming file and line, exit 2, nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-backtest-'));
  try {
    const badObserved = join(dir, 'observed.csv');
    writeFileSync(badObserved, 'date,height,difficulty\n2020-01-01,610848,13798783827516\n2020-01-15,,0\n');
    const out = join(dir, 'out');
    const run = (observed: string, from: string, to: string) => campus('backtest', 'scenarios/capital-raise.yaml', '--prices', PRICES, '--observed', observed, '--from', from, '--to', to, '--out', out);
    for (const [r, message] of [
      [run(badObserved, '2020-01-01', '2020-06-30'), /observed\.csv:3:\d+: difficulty: '0' is not a difficulty/],
      [run(OBSERVED, '2020-06-30', '2020-01-01'), /--from 2020-06-30 is not before --to 2020-01-01/],
    ] as const) {
      assert.is(r.status, 2, r.stderr);
      const lines = r.stderr.trim().split('\n');
      assert.is(lines.length, 1, r.stderr);
      assert.match(lines[0], message);
      assert.not.ok(existsSync(out), 'nothing written');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a backtest window with no observation, or outside the closes, is refused naming the file and line', () => {
  const scenario = loadScenario('scenarios/capital-raise.yaml');
  const observed = readObservedDifficulty(OBSERVED);
  const input = (prices: RealisedPrices, from: string, to: string) => ({ world: scenario.world, scenarioFile: scenario.file, observed, prices, fromUnixDay: day(from), toUnixDay: day(to), replications: 2, seed: 1 });
  const closes = new RealisedPrices(readMonthlyCloses(PRICES), PRICES);
  const early = new RealisedPrices(parseMonthlyCloses('month_end,close_usd\n2019-12-31,7193\n2020-01-31,9350\n', 'early.csv'), 'early.csv');
  const cases: Array<[() => unknown, RegExp]> = [
    [() => backtestWorld(input(closes, '2022-12-20', '2023-06-30')), /difficulty-epochs-2009-2022\.csv:\d+:1: date: no observation follows this one \(2022-12-19\)/],
    [() => backtestWorld(input(closes, '2009-01-01', '2009-06-30')), /difficulty-epochs-2009-2022\.csv:7:1: date: the first observation, 2009-12-18, is after the window's start/],
    [() => backtestWorld(input(early, '2020-01-01', '2020-06-30')), /early\.csv:3:1: month_end: the last close is 2020-01's, before 2020-07-02 where the window ends/],
    [() => backtestWorld(input(early, '2019-06-01', '2019-12-31')), /early\.csv:2:1: month_end: the first close is 2019-12's, after 2019-05-\d\d where the window starts/],
  ];
  for (const [call, message] of cases) {
    try {
      call();
      assert.unreachable(String(message));
    } catch (e) {
      assert.instance(e, ScenarioError);
      assert.match((e as Error).message, message);
    }
  }
});

test.run();
