/** The decision rules' tests' campus: two years of a 36 MW fleet in a world without noise, and how to run and compare its layouts. */
import * as assert from 'uvu/assert';
import { parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { type CampusResult, runCampus } from './campus.js';
import { DECISION_FIELDS } from './policies.js';
import { horizonMonths } from './series.js';
import { drawWorld, type World } from './world.js';

// Two years of a 36 MW fleet from 1 January 2026; the BTC price grows without noise,
// 50,000 · e^(0.5·years) USD, so it passes 60,000 USD at ln(1.2)/0.5 = 0.365 years: a one-month
// trailing mean first exceeds it on 1 June (month boundary 5, 3,624 h: its mean ≈ the price 365 h
// earlier, 60,200), not on 1 May (2,880 h: 57,700).
export const campus = (variants: string, extra = '', finance = 'discountRate: 0.1, miningFacility: 100000 USD/MW', site = '') => parseScenario('policies.yaml', `name: policies
horizon: { start: 2026-01-01, years: 2 }
market: { btc: { model: gbm, price: 50000 USD, drift: 0.5, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 60 MW, powerPrice: 50 USD/MWh${site} }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W, price: 20 USD/TH }, capacity: 36.45 MW, curtail: false, minOffHours: 0 }
finance: { ${finance} }
variants:
${variants}
${extra}`);

export const hall = (online = '') => `gpuCloud:
      it: 0.204 MW
      node: { price: 300000 USD }
      hallCapex: 10e6 USD/MW
      build: 6 months
      ${online}
      reserved: { share: 0.5, price: 2 USD/GPU/h }
      training: { jobsPerYear: 400, gpus: { values: [8, 16], probabilities: [0.5, 0.5] }, duration: { mean: 20 h }, price: 2.5 * 0.9^years USD/GPU/h }
      inference: { share: 0.1, price: 2 USD/GPU/h }`;

/** Hours from the start to the m-th month boundary (the first of a month, from 1 January 2026). */
export const monthStartH = (s: Scenario, m: number) => horizonMonths(s.horizon).boundsH[m];

export const run = (s: Scenario, name: string, world: World = drawWorld(s.world, s.horizon, 1, 0)): CampusResult =>
  runCampus(s.variants.find((v) => v.name === name)!, world, s.world, s.horizon, { check: true });
export const firstFiredH = (r: CampusResult, rule = 0) => r.decisions[rule * DECISION_FIELDS];
export const firings = (r: CampusResult, rule = 0) => r.decisions[rule * DECISION_FIELDS + 1];

/** Every metric (whatever the order the loads report them in), series and annual figure alike (NaN equal to NaN). */
export function assertSameResults(a: CampusResult, b: CampusResult): void {
  const sorted = (r: CampusResult) => JSON.stringify(Object.entries(r.metrics).sort(([x], [y]) => (x < y ? -1 : 1)));
  assert.equal(sorted(a), sorted(b));
  assert.equal(Array.from(a.monthly), Array.from(b.monthly));
  assert.equal(Array.from(a.annualUSD), Array.from(b.annualUSD));
}
