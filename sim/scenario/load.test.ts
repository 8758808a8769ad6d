import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario, parseScenario } from './load.js';
import { ScenarioError } from './scenario-error.js';
import { ScenarioSource } from './source.js';
import { scenarioFailure } from './scenario-failure.test-support.js';

const MINIMAL = `name: tiny
horizon: { start: 2026-01-01, years: 1 }
study: { replications: 10, seed: 3, baseline: small }
market:
  btc: { model: gbm, price: 90000 USD, volatility: 0.5 }
network: { hashrate: 1050 EH/s, difficulty: 148.26e12, height: 929376 }
site:
  grid: 100 MW
  powerPrice: 45 USD/MWh
mining:
  asic: { hashrate: 200 TH/s, power: 3500 W }
  capacity: 50 MW
variants:
  small: {}
  big:
    mining:
      capacity: 90 MW
`;

/** Parses `text` expecting a ScenarioError; returns it for inspection. */
const failure = (text: string) => scenarioFailure(() => parseScenario('test.yaml', text));

test('the shipped default scenario loads, in canonical units', () => {
  const s = loadScenario('scenarios/capital-raise.yaml');
  assert.is(s.name, 'capital-raise');
  assert.is(s.horizon.hours, (5 * 365 + 1) * 24, 'five calendar years to 2031-01-01, 2028 a leap year');
  const v = s.variants[0];
  assert.ok(Math.abs(v.mining.asicPowerMW - 0.003645) < 1e-12, 'S21 XP: 270 TH/s × 13.5 J/TH = 3,645 W');
  assert.is(v.mining.asicHashrateTHs, 270);
  assert.is(v.site.powerPriceUSDPerMWh, 45);
  assert.is(s.world.price.stepH, 24);
  assert.ok(s.variants.some((x) => x.name === s.study.baseline));
});

test('variants deep-merge over the base campus and keep the rest', () => {
  const s = parseScenario('t.yaml', MINIMAL);
  const [small, big] = s.variants;
  assert.is(small.mining.capacityMW, 50);
  assert.is(big.mining.capacityMW, 90);
  assert.is(big.mining.asicHashrateTHs, 200, 'inherited from the base');
  assert.is(big.site.gridMW, 100);
});

test('quantities convert from any unit of the right kind', () => {
  const s = parseScenario('t.yaml', MINIMAL.replace('grid: 100 MW', 'grid: 100000 kW').replace('45 USD/MWh', '4.5 USD/(10 kWh)'));
  assert.is(s.variants[0].site.gridMW, 100);
  assert.ok(Math.abs(s.variants[0].site.powerPriceUSDPerMWh - 450) < 1e-9);
});

test('an unknown key names file, line, column and path, with a did-you-mean', () => {
  const e = failure(MINIMAL.replace('  grid: 100 MW', '  gird: 100 MW'));
  assert.is(e.line, 8);
  assert.is(e.column, 3);
  assert.is(e.keyPath, 'site.gird');
  assert.match(e.message, /^test\.yaml:8:3: site\.gird: unknown key 'gird' \(did you mean 'grid'\?\)/);
});

test('a worker may skip the schema only for the exact bytes its main thread checked', () => {
  // Off-schema but readable: an extra top-level key the reader never looks at.
  const text = `${MINIMAL}\nnotes: kept for the record\n`;
  assert.throws(() => parseScenario('x.yaml', text), /notes/);
  const hash = new ScenarioSource('x.yaml', text).hash;
  assert.is(parseScenario('x.yaml', text, { checkedHash: hash }).name, 'tiny');
  assert.throws(() => parseScenario('x.yaml', text, { checkedHash: new ScenarioSource('x.yaml', MINIMAL).hash }), /notes/, 'other bytes are checked');
});

test('a wrong unit says what kind of quantity was expected', () => {
  const e = failure(MINIMAL.replace('grid: 100 MW', 'grid: 100 MWh'));
  assert.is(e.keyPath, 'site.grid');
  assert.is(e.line, 8);
  assert.match(e.message, /'100 MWh' is not a power; expected a power like '300 MW'/);
});

test('a number without a unit where one is needed is refused', () => {
  assert.match(failure(MINIMAL.replace('grid: 100 MW', 'grid: 100')).message, /site\.grid: '100' has no unit/);
});

test('a missing required key points at its parent', () => {
  const e = failure(MINIMAL.replace('  grid: 100 MW\n', ''));
  assert.is(e.keyPath, 'site');
  assert.match(e.message, /missing required key 'grid'/);
  assert.match(failure(MINIMAL.replace('  powerPrice: 45 USD/MWh\n', '')).message, /site: no price for power; expected powerPrice \(e\.g\. '45 USD\/MWh'\) or a spot market/);
  assert.match(failure(MINIMAL.replace('  powerPrice: 45 USD/MWh\n', '  powerPrice: 45 USD/MWh\n  spot: { median: 40 USD/MWh }\n')).message, /site\.powerPrice: a flat power price and a spot market were both given/);
});

test('an error in a variant points at the variant, not the base', () => {
  const e = failure(MINIMAL.replace('      capacity: 90 MW', '      capacity: 90 TH/s'));
  assert.is(e.keyPath, 'variants.big.mining.capacity');
  assert.is(e.line, 17);
});

test('a variant may not change the shared world', () => {
  const e = failure(MINIMAL.replace('  big:\n', '  big:\n    market: { btc: { price: 1 USD } }\n'));
  assert.is(e.keyPath, 'variants.big.market');
  assert.match(e.message, /a variant cannot change 'market': every variant runs on the same world/);
});

test('out-of-range values and an unknown baseline are named', () => {
  assert.match(failure(MINIMAL.replace('volatility: 0.5', 'volatility: -0.5')).message, /market\.btc\.volatility/);
  assert.match(failure(MINIMAL.replace('baseline: small', 'baseline: smal')).message, /study\.baseline: no variant is named 'smal'; expected one of small, big/);
  assert.match(failure(MINIMAL.replace('model: gbm', 'model: gmb')).message, /'gmb' is not allowed; expected one of gbm/);
});

test('hostile expressions are refused before they run', () => {
  const at = (expr: string) => failure(MINIMAL.replace('grid: 100 MW', `grid: "${expr}"`)).message;
  assert.match(at('import({}, {override: true})'), /site\.grid: function 'import' is not allowed/);
  assert.match(at('cos.constructor(1)'), /'cos.constructor' is not allowed/);
  assert.match(at('[1, 2].size'), /not allowed/);
  assert.match(at('ones(10000, 10000)'), /function 'ones' is not allowed/);
  assert.match(at('f(x) = x'), /function assignment expressions are not allowed/);
  assert.match(at('x'.repeat(600)), /at most 500/);
});

test('a YAML alias bomb is stopped', () => {
  const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
  assert.match(failure(bomb).message, /alias/i);
});

test('YAML syntax errors carry their line', () => {
  const e = failure('name: x\nsite: [1, 2\nmining: 3\n');
  assert.match(e.message, /^test\.yaml:\d+:\d+: .*YAML syntax/);
});

test('world models: bad parameters are reported at their key with the accepted range', () => {
  const kou = MINIMAL.replace('btc: { model: gbm, price: 90000 USD, volatility: 0.5 }', 'btc: { model: kou, price: 90000 USD, volatility: 0.5, jumps: 4, upProbability: 0.4, upRate: 0.8, downRate: 8 }');
  const e = failure(kou);
  assert.is(e.keyPath, 'market.btc.upRate');
  assert.match(e.message, /upRate = 0\.8 is out of range; expected a rate > 1/);
  assert.match(failure(MINIMAL.replace('volatility: 0.5 }', 'volatility: 0.5, jumps: 3 }')).message, /market\.btc\.jumps: the gbm model has no parameter 'jumps'; expected one of model, price, stepDays, drift, volatility/);
  const regimes = MINIMAL.replace('btc: { model: gbm, price: 90000 USD, volatility: 0.5 }', `btc:
    model: regime-switching
    price: 90000 USD
    regimes: [{ name: up, drift: 0.5, volatility: 0.5 }, { name: down, drift: -0.5, volatility: 0.9 }]
    rates: [[-1, 1], [2, -1.5]]`);
  const r = failure(regimes);
  assert.is(r.keyPath, 'market.btc.rates[1]');
  assert.match(r.message, /a generator row summing to 0/);
  assert.match(failure(MINIMAL.replace('height: 929376', 'height: 13440001')).message, /network\.height: 13440001 must be <= 13440000/);
  assert.match(failure(MINIMAL.replace('hashrate: 1050 EH/s', 'hashrate: 0.01 EH/s')).message, /network\.hashrate: .*no more than the baseline campus/);
});

test('a bootstrap history file that is empty or missing is named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-boot-'));
  try {
    writeFileSync(join(dir, 'empty.csv'), 'month_end,close_usd\n');
    const text = MINIMAL.replace('btc: { model: gbm, price: 90000 USD, volatility: 0.5 }', 'btc: { model: bootstrap, price: 90000 USD, history: empty.csv }');
    let e: ScenarioError | undefined;
    try {
      parseScenario(join(dir, 's.yaml'), text);
    } catch (x) {
      e = x as ScenarioError;
    }
    assert.ok(e instanceof ScenarioError);
    assert.is(e!.keyPath, 'market.btc.history');
    assert.match(e!.message, /empty\.csv: needs at least two monthly closes, found 0/);
    assert.match(failure(text.replace('empty.csv', 'missing.csv')).message, /missing\.csv: cannot read it: no such file \(ENOENT\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a network hashrate may be an expression of time, checked at load', () => {
  const s = parseScenario('t.yaml', MINIMAL.replace('hashrate: 1050 EH/s', 'hashrate: "1050 EH/s * exp(0.3 * years)"'));
  assert.is(s.world.network.hashrate.kind, 'series');
  const bad = failure(MINIMAL.replace('hashrate: 1050 EH/s', 'hashrate: "1050 EH/s * years"'));
  assert.match(bad.message, /network\.hashrate: gives 0 TH\/s on day 0/);
  assert.match(failure(MINIMAL.replace('hashrate: 1050 EH/s', 'hashrate: "1050 MW * exp(years)"')).message, /is not a hashrate at t = 0 h/);
});

test('a file that does not exist is a ScenarioError, not a crash', () => {
  assert.throws(() => loadScenario('no/such/file.yaml'), (e: unknown) => e instanceof ScenarioError && (e as Error).message === 'no/such/file.yaml: cannot read it: no such file (ENOENT)');
});

test.run();
