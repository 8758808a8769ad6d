import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../scenario/load.js';
import { replicate } from './replicate.js';
import { runStudy, StudyError } from './study.js';

const SCENARIO_TEXT = `name: study-test
horizon: { start: 2026-01-01, years: 3 }
study: { replications: 20, seed: 5, baseline: small }
market:
  btc: { model: gbm, price: 90000 USD, volatility: 0.6 }
network: { hashrate: 1050 EH/s, difficulty: 148.26e12, height: 1000000, campusCounts: false }
site: { grid: 200 MW, powerPrice: 40 USD/MWh }
mining:
  asic: { hashrate: 200 TH/s, power: 3500 W }
  capacity: 70 MW
  poolFee: 0.02
variants:
  small: {}
  big: { mining: { capacity: 175 MW } }
`;
const SCENARIO = parseScenario('study-test.yaml', SCENARIO_TEXT);

const scratch = () => mkdtempSync(join(tmpdir(), 'campus-study-'));

test('the same scenario and seed give byte-identical summary.json and replications.csv', async () => {
  const a = scratch(), b = scratch();
  try {
    await runStudy(SCENARIO, { outDir: a, replications: 12 });
    await runStudy(SCENARIO, { outDir: b, replications: 12 });
    for (const f of ['summary.json', 'replications.csv', 'charts/mining-profit.svg', 'charts/mining-profit.vl.json']) {
      assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs`);
    }
    const csv = readFileSync(join(a, 'replications.csv'), 'utf8').trim().split('\n');
    assert.is(csv.length, 1 + 12 * 2, 'a header and one row per replication × variant');
    assert.is(csv[0], 'replication,variant,miningProfitUSD,miningRevenueUSD,powerCostUSD,energyMWh,minedBTC');
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    assert.is(manifest.scenario.sha256, SCENARIO.hash);
    assert.is(manifest.replications, 12);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('variants of a replication share its world: revenue scales exactly with hashrate (common random numbers)', () => {
  const ratios = new Set<string>();
  for (let r = 0; r < 10; r++) {
    const [small, big] = replicate(SCENARIO, SCENARIO.variants, 5, r);
    ratios.add((big.metrics.miningRevenueUSD / small.metrics.miningRevenueUSD).toFixed(9));
  }
  const machines = (mw: number) => Math.floor(mw / 0.0035);
  assert.equal([...ratios], [(machines(175) / machines(70)).toFixed(9)]);
});

test('when the campus counts toward the network, the bigger fleet earns a little less per TH/s', () => {
  const counted = parseScenario('c.yaml', SCENARIO_TEXT.replace('campusCounts: false', 'campusCounts: true'));
  for (let r = 0; r < 5; r++) {
    const [small, big] = replicate(counted, counted.variants, 5, r);
    const perTH = (m: typeof small.metrics, mw: number) => m.minedBTC / Math.floor(mw / 0.0035);
    const ratio = perTH(big.metrics, 175) / perTH(small.metrics, 70);
    // 105 MW more of 57 TH/s machines is ~1.7 % of a 1050 EH/s network: difficulty follows it up.
    assert.ok(ratio < 1 && ratio > 0.97, `BTC per machine, big ÷ small = ${ratio}`);
  }
});

test('another seed draws other worlds', () => {
  const a = replicate(SCENARIO, SCENARIO.variants, 5, 0)[0].metrics.miningRevenueUSD;
  const b = replicate(SCENARIO, SCENARIO.variants, 6, 0)[0].metrics.miningRevenueUSD;
  assert.is.not(a, b);
});

test('a campus run balances its books: profit = revenue − cost, energy = MW × hours', () => {
  const [small] = replicate(SCENARIO, SCENARIO.variants, 5, 3);
  const m = small.metrics;
  assert.is(m.miningProfitUSD, m.miningRevenueUSD - m.powerCostUSD);
  const drawMW = Math.floor(70 / 0.0035) * 0.0035;
  assert.ok(Math.abs(m.energyMWh - drawMW * 3 * 8766) < 1e-6);
  assert.ok(Math.abs(m.powerCostUSD - m.energyMWh * 40) < 1e-3);
});

test('an unknown variant fails before anything is written', async () => {
  const dir = join(scratch(), 'out');
  try {
    await runStudy(SCENARIO, { outDir: dir, replications: 2, variants: ['smal'] });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, StudyError);
    assert.match((e as Error).message, /unknown variant 'smal'; the scenario has small, big/);
  }
  assert.not.ok(existsSync(dir));
});

test('a finished study leaves no temporary files behind', async () => {
  const dir = scratch();
  try {
    await runStudy(SCENARIO, { outDir: dir, replications: 2 });
    const all = [...readdirSync(dir), ...readdirSync(join(dir, 'charts'))];
    assert.equal(all.filter((f) => f.endsWith('.tmp')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
