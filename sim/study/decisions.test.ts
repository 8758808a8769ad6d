import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../scenario/load.js';
import { planPolicies } from './decisions.js';
import { mergeStudies } from './merge.js';
import { runStudy } from './study.js';

// A small mine on expensive power that pauses when a month's mean BTC price falls below 80,000 USD
// and resumes when it is back above, against the same mine running whatever the price.
const TEXT = `name: decisions
horizon: { start: 2026-01-01, years: 2 }
study: { replications: 24, seed: 3, baseline: always }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.6 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 20 MW, powerPrice: 70 USD/MWh }
mining: { asic: { hashrate: 200 TH/s, power: 3500 W }, capacity: 18 MW, curtail: false }
variants:
  always: {}
  careful:
    versus: always
    policies:
      stop: { when: { btcPrice: { below: 80000 USD } }, then: { pause: mining }, coolDown: 1 month }
      restart: { when: { btcPrice: { above: 80000 USD } }, then: { resume: mining }, coolDown: 1 month }
`;

const scratch = () => mkdtempSync(join(tmpdir(), 'campus-decisions-'));
// Worker threads read the scenario from its file.
const FILE = join(scratch(), 'decisions.yaml');
writeFileSync(FILE, TEXT);
const SCENARIO = loadScenario(FILE);
const csv = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n').map((line) => line.split(','));

test('decisions.csv and the summary say how often and when each rule fired, and what flexibility was worth', async () => {
  const dir = scratch();
  try {
    await runStudy(SCENARIO, { outDir: dir, replications: 24, workers: 1 });
    const [head, ...rows] = csv(dir, 'decisions.csv');
    assert.equal(head, ['replication', 'variant', 'rule', 'fired', 'firstFiredDate', 'firstFiredYears', 'firings']);
    assert.is(rows.length, 24 * 2, 'one row per replication and rule of the adaptive layout');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const [careful] = summary.policies;
    assert.is(careful.variant, 'careful');
    for (const rule of careful.rules) {
      const own = rows.filter((r) => r[2] === rule.name);
      assert.is(rule.firedShare, own.filter((r) => r[3] === '1').length / 24, rule.name);
      // A first firing is a month start: its date is the first of a month.
      for (const r of own.filter((x) => x[3] === '1')) assert.match(r[4], /^202[67]-\d\d-01$/);
    }
    assert.ok(careful.rules[0].firedShare > 0 && careful.rules[0].firedShare < 1, 'a volatile price makes the rule fire in some worlds only');
    // The value of flexibility is the mean paired difference of NPVs in replications.csv.
    const [rhead, ...reps] = csv(dir, 'replications.csv');
    const npv = rhead.indexOf('npvUSD');
    const byVariant = (v: string) => reps.filter((r) => r[1] === v).sort((a, b) => +a[0] - +b[0]).map((r) => +r[npv]);
    const fixed = byVariant('always'), adaptive = byVariant('careful');
    const diffs = adaptive.map((x, i) => x - fixed[i]);
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    assert.ok(Math.abs(careful.flexibility.meanDifference - mean) <= 1e-9 * Math.abs(mean), `${careful.flexibility.meanDifference} vs ${mean}`);
    assert.is(careful.flexibility.probabilityBetter, diffs.filter((d) => d > 0).length / diffs.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what the rules did is the same bytes from one thread, two workers or merged shards', async () => {
  const one = scratch(), two = scratch(), parts = [scratch(), scratch()], merged = scratch();
  try {
    await runStudy(SCENARIO, { outDir: one, replications: 12, workers: 1 });
    await runStudy(SCENARIO, { outDir: two, replications: 12, workers: 2, threadsOnly: true });
    for (let k = 0; k < 2; k++) await runStudy(SCENARIO, { outDir: parts[k], replications: 12, workers: 1, shard: `${k}/2` });
    await mergeStudies(parts, merged);
    for (const other of [two, merged]) {
      for (const f of ['decisions.csv', 'summary.json']) assert.ok(readFileSync(join(one, f)).equals(readFileSync(join(other, f))), `${f} differs in ${other}`);
    }
  } finally {
    for (const d of [one, two, ...parts, merged]) rmSync(d, { recursive: true, force: true });
  }
});

test.after(() => rmSync(join(FILE, '..'), { recursive: true, force: true }));

test('a rule in words: its months as dates, thresholds in their units, money grouped by thousands', () => {
  const [careful] = planPolicies(SCENARIO.variants, SCENARIO.horizon.startUnixSeconds);
  assert.is(careful.rules[0].text, 'each month from 2026-02 to the horizon: if btcPrice (1-month mean) < 80,000 USD → pause mining (again 1 month later at the earliest)');
  const treasury = loadScenarioText(`  funded:
    finance: { treasury: { holdShare: 1 }, capital: 50e6 USD }
    policies:
      short: { from: 6 months, when: { cash: { trailing: 2 months, below: 5e6 USD } }, then: { sellBtc: 0.25 } }
      dip: { from: 6 months, until: 6 months, when: { btcPrice: { below: 60000 USD } }, then: { buyBtc: 2.5e6 USD } }`);
  assert.equal(planPolicies(treasury.variants, treasury.horizon.startUnixSeconds)[0].rules.map((r) => r.text), [
    "each month from 2026-07 to the horizon: if cash (2-month mean) < 5,000,000 USD → sell 25 % of the treasury's BTC (once)",
    'in 2026-07: if btcPrice (1-month mean) < 60,000 USD → buy 2,500,000 USD of BTC for the treasury (once)',
  ]);
});

/** The test's mine with these variants in place of its own. */
function loadScenarioText(variants: string) {
  const file = join(scratch(), 'treasury.yaml');
  writeFileSync(file, TEXT.replace(/variants:[\s\S]*/, `variants:\n${variants}\n`).replace('baseline: always', 'baseline: funded'));
  return loadScenario(file);
}

test.run();
