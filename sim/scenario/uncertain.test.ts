import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOURS_PER_MONTH } from '../core/time.js';
import { parseScenario, readNamedInputs } from './load.js';
import { Draws, ScenarioReader } from './reader.js';
import { ScenarioSource } from './source.js';
import { scenarioFailure } from './scenario-failure.test-support.js';
import { drawInputs } from './uncertain.js';

// Inside a YAML flow mapping ({ … }) a distribution is quoted: its commas would end the value.
const text = (over: { volatility?: string; online?: string; grid?: string } = {}) => `name: u
horizon: { start: 2026-01-01, years: 1 }
market: { btc: { model: gbm, price: 90000 USD, volatility: '${over.volatility ?? 'uniform(0.4, 0.7)'}' } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site: { grid: '${over.grid ?? '100 MW'}', powerPrice: 50 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 50 MW }
lease: { it: 10 MW, rent: 121 USD/kW/month, online: '${over.online ?? 'triangular(12 months, 15 months, 24 months)'}' }
variants: { a: {}, b: { mining: { capacity: 60 MW } } }
`;

const failure = (t: string) => scenarioFailure(() => parseScenario('u.yaml', t));

test('distributions are found once per key, by the path where they are written, and read as their mean at load', () => {
  const s = parseScenario('u.yaml', text());
  assert.equal(s.uncertain.map((i) => i.id), ['lease.online', 'market.btc.volatility']);
  const online = s.uncertain[0];
  assert.equal(online.support, [12 * HOURS_PER_MONTH, 24 * HOURS_PER_MONTH]);
  assert.ok(Math.abs(s.variants[0].lease!.onlineH - (51 / 3) * HOURS_PER_MONTH) < 1e-9, 'triangular mean (12 + 15 + 24)/3 months');
  assert.ok(Math.abs(s.variants[1].lease!.onlineH - s.variants[0].lease!.onlineH) < 1e-12, 'both variants read the one base key');
});

test('each replication draws every input from its own stream; withInputs puts the draws in every variant', () => {
  const s = parseScenario('u.yaml', text());
  const a = drawInputs(s.uncertain, 7, 3), again = drawInputs(s.uncertain, 7, 3), other = drawInputs(s.uncertain, 7, 4);
  assert.equal([...a], [...again]);
  assert.not.equal([...a], [...other]);
  // Dropping an input leaves the other's draw unchanged (named streams, not call order).
  const alone = drawInputs(s.uncertain.slice(1), 7, 3);
  assert.is(alone.get('market.btc.volatility'), a.get('market.btc.volatility'));
  const drawn = s.withInputs(a);
  for (const v of drawn.variants) assert.is(v.lease!.onlineH, a.get('lease.online'));
  const vol = a.get('market.btc.volatility')!;
  assert.ok(vol >= 0.4 && vol <= 0.7);
});

test('withInputs reads again only the variants whose inputs drew new values, and gives what a full reading gives', () => {
  // Variant a reads no drawn input (volatility is the world's); b reads lease.online, c a named input
  // through an expression.
  const t = `name: u
horizon: { start: 2026-01-01, years: 1 }
inputs: { extra: 'uniform(0, 10)' }
market: { btc: { model: gbm, price: 90000 USD, volatility: 'uniform(0.4, 0.7)' } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site: { grid: 100 MW, powerPrice: 50 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 50 MW }
variants:
  a: {}
  b:
    lease: { it: 10 MW, rent: 121 USD/kW/month, online: 'uniform(12 months, 24 months)' }
  c:
    mining: { capacity: (40 + extra) MW }
`;
  const s = parseScenario('u.yaml', t);
  const fresh = (values: ReadonlyMap<string, number>) => parseScenario('u.yaml', t).withInputs(values);
  const first = s.withInputs(drawInputs(s.uncertain, 1, 0));
  for (let r = 1; r < 4; r++) {
    const values = drawInputs(s.uncertain, 1, r);
    const drawn = s.withInputs(values);
    assert.is(drawn.variants[0], first.variants[0], 'a reads no drawn input: its config is kept');
    assert.is.not(drawn.variants[1], first.variants[1], 'b reads lease.online: read again');
    assert.is.not(drawn.variants[2], first.variants[2], 'c reads extra: read again');
    assert.equal(drawn.variants, fresh(values).variants, 'the same configs as a reading from scratch');
    assert.equal(drawn.world, fresh(values).world);
    assert.ok(Math.abs(drawn.variants[2].mining.capacityMW - (40 + values.get('inputs.extra')!)) < 1e-9);
  }
  // The same draws again keep b's and c's configs too.
  const values = drawInputs(s.uncertain, 1, 9);
  const once = s.withInputs(values), twice = s.withInputs(values);
  assert.is(once.variants[1], twice.variants[1]);
  assert.is(once.variants[2], twice.variants[2]);
});

test('what depends on a replication\'s draws is shared within its reading and not kept: the memo does not grow with replications', () => {
  const src = new ScenarioSource('m.yaml', 'name: m\n');
  const atLoad = new ScenarioReader(src, {}, undefined, new Draws());
  let made = 0;
  const make = () => ++made;
  assert.is(atLoad.memo('fixed', make), 1);
  assert.is(atLoad.memo('fixed', make), 1, 'kept');
  for (let r = 0; r < 5; r++) {
    const draws = new Draws(new Map([['x', r]]));
    const one = new ScenarioReader(src, {}, undefined, draws, 'a'), other = new ScenarioReader(src, {}, undefined, draws, 'b');
    assert.is(one.memo('fixed', make), 1, 'what the draws do not reach is still shared');
    assert.is(one.memo('price', make, true), other.memo('price', make, true), 'two variants of one reading share a drawn value');
  }
  assert.is(made, 6, 'one fixed value, and each reading\'s drawn one made once');
  assert.is(src.memo.size, 1, 'nothing drawn was kept in the file\'s memo');
});

test('a named input written as an expression of drawn ones is drawn too; a constant one is not', () => {
  const src = new ScenarioSource('n.yaml', "inputs: { decline: 'uniform(0, 0.3)', half: decline / 2, fixed: 4 }\n");
  const atLoad = new Draws();
  readNamedInputs(new ScenarioReader(src, src.value, undefined, atLoad), atLoad);
  assert.equal([...atLoad.drawnNamed].sort(), ['decline', 'half']);
  const drawn = new Draws(new Map([['inputs.decline', 0.2]]), atLoad.found);
  const reader = new ScenarioReader(src, src.value, undefined, drawn);
  readNamedInputs(reader, drawn);
  assert.ok(Math.abs(drawn.named.get('half')! - 0.1) < 1e-12);
  // What is made from `half` lives in this reading's memo, not the file's; from `fixed`, in the file's.
  const before = src.memo.size;
  reader.memo('from half', () => 1, reader.drawnAmong(['half']));
  assert.is(src.memo.size, before);
  reader.memo('from fixed', () => 1, reader.drawnAmong(['fixed']));
  assert.is(src.memo.size, before + 1);
});

test('a distribution that could draw outside its key’s range, or with wrong units, is refused at its key', () => {
  const negative = failure(text({ grid: 'uniform(-10 MW, 100 MW)' }));
  assert.match(negative.message, /site\.grid/);
  assert.match(negative.message, /can draw -10 MW/);
  // An unbounded distribution is checked at its one-in-a-million ends: 100 − 4.75 × 30 MW < 0.
  const unbounded = failure(text({ grid: 'normal(100 MW, 30 MW)' }));
  assert.match(unbounded.message, /can draw -42\.6\d* MW/);
  const units = failure(text({ online: 'uniform(12 MW, 15 months)' }));
  assert.match(units.message, /lease\.online.*min '12 MW' is not a duration/);
  const order = failure(text({ volatility: 'triangular(0.5, 0.4, 0.7)' }));
  assert.match(order.message, /min ≤ mode ≤ max/);
  const arity = failure(text({ volatility: 'uniform(0.5)' }));
  assert.match(arity.message, /takes 2 arguments, got 1/);
});

const named = (inputs: string, online: string, extra = '') => `name: n
horizon: { start: 2026-01-01, years: 2 }
inputs: ${inputs}
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.5 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site: { grid: 100 MW, powerPrice: 50 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 50 MW }
lease: { it: 10 MW, rent: 121 USD/kW/month, online: '${online}' }
variants:
  a: {}
  b:
    gpuCloud: { it: 1 MW, training: { jobsPerYear: 10, gpus: { values: [8, 64], probabilities: [0.5, 0.5] }, price: '2.35 * (1 - decline)^years USD/GPU/h' } }${extra}
`;

test('named inputs: drawn like any distribution, usable in every expression, time-varying ones included', () => {
  const s = parseScenario('n.yaml', named("{ delay: 'triangular(0, 3, 12)', decline: 'uniform(0.1, 0.3)' }", '(12 + delay) months'));
  assert.equal(s.uncertain.map((i) => i.id), ['inputs.decline', 'inputs.delay']);
  assert.ok(Math.abs(s.variants[0].lease!.onlineH - 17 * HOURS_PER_MONTH) < 1e-9, 'at load: 12 + mean(delay) = 17 months');
  const drawn = s.withInputs(new Map([['inputs.delay', 6], ['inputs.decline', 0.2]]));
  assert.ok(Math.abs(drawn.variants[0].lease!.onlineH - 18 * HOURS_PER_MONTH) < 1e-9);
  // The training price through January 2027: its value on the 1st (tabulated at each calendar month's
  // start), hour 8,760 after 2026's 365 days, `years` = 8,760 / 8,766 there.
  const january = 2.35 * 0.8 ** (8760 / 8766);
  for (const tH of [8760, 8760 + 30 * 24]) assert.ok(Math.abs(drawn.variants[1].gpuCloud!.training!.price(tH) - january) < 1e-9);
  assert.ok(drawn.variants[1].gpuCloud!.training!.price(8760 - 1) > january, 'December 2026: the dearer price of its 1st');
});

test('named inputs: an expression is checked over their whole range, and names may not shadow units or functions', () => {
  const corner = failure(named("{ delay: 'uniform(0, 12)', decline: 0.2 }", '(6 - delay) months'));
  assert.match(corner.message, /lease\.online: '\(6 - delay\) months' is -\d+(\.\d+)? h when delay = 12, outside the range of this key/);
  const unit = failure(named('{ MW: 3, decline: 0.2 }', '12 months'));
  assert.match(unit.message, /inputs\.MW: 'MW' is already a unit, function or variable/);
  const unknown = failure(named('{ decline: 0.2 }', '(12 + delai) months'));
  assert.match(unknown.message, /unknown name 'delai'.*decline/);
});

test.run();
