import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../scenario/load.js';
import { FeeShare } from '../market/fees.js';
import { drawWorld } from './world.js';

const text = (network: string, btc = 'model: gbm, price: 90000 USD, volatility: 0.5') => `name: w
horizon: { start: 2026-01-01, years: 3 }
market: { btc: { ${btc} } }
network: { hashrate: 1024 EH/s, difficulty: 148.26e12, height: 929376, ${network} }
site: { grid: 900 MW, powerPrice: 45 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 760 MW }
variants: { base: {} }
`;

test('a world holds daily series for reports, the same for the same seed', () => {
  const s = parseScenario('w.yaml', text('blockMode: epoch'));
  const a = drawWorld(s.world, s.horizon, 1, 4), b = drawWorld(s.world, s.horizon, 1, 4);
  assert.is(a.days, Math.ceil(3 * 365.25));
  for (const series of [a.feeShare, a.restHashrateTHs, a.reference.difficulty, a.reference.hashpriceUSDPerPHDay, a.reference.nextHeight]) {
    assert.is(series.length, a.days);
  }
  assert.equal(Array.from(a.reference.difficulty), Array.from(b.reference.difficulty));
  assert.ok(a.reference.nextHeight[a.days - 1] > 929376 + 3 * 50_000, 'about 52,600 blocks a year');
  // The 2028 halving (block 1,050,000) falls about 2.3 years in.
  assert.is(a.reference.halvingsH.length, 1);
  assert.ok(a.reference.halvingsH[0] / 8766 > 1.8 && a.reference.halvingsH[0] / 8766 < 2.6, `halving at ${a.reference.halvingsH[0] / 8766} years`);
});

test('per-block and per-epoch worlds draw the same price, fees and trend; the chain in its own way', () => {
  const epoch = parseScenario('w.yaml', text('blockMode: epoch'));
  const block = parseScenario('w.yaml', text('blockMode: block'));
  const a = drawWorld(epoch.world, epoch.horizon, 2, 0), b = drawWorld(block.world, block.horizon, 2, 0);
  assert.equal(Array.from(a.priceUSD), Array.from(b.priceUSD));
  assert.equal(Array.from(a.feeShare), Array.from(b.feeShare));
  assert.is(a.restHashrateTHs[0], b.restHashrateTHs[0]);
  assert.ok(Math.abs(a.reference.epochStartH.length - b.reference.epochStartH.length) <= 2);
});

test('the rest of the network responds to margin: a price collapse slows its growth', () => {
  const crash = 'model: gbm, price: 90000 USD, drift: -1.5, volatility: 0';
  const withResponse = parseScenario('w.yaml', text('volatility: 0, growth: 0.2, response: { rate: 1, lagDays: 60 }', crash));
  const without = parseScenario('w.yaml', text('volatility: 0, growth: 0.2, response: { rate: 0 }', crash));
  const a = drawWorld(withResponse.world, withResponse.horizon, 3, 0);
  const b = drawWorld(without.world, without.horizon, 3, 0);
  const end = a.days - 1;
  assert.ok(b.restHashrateTHs[end] / b.restHashrateTHs[0] > 1.7, 'no response: the 20 %/year trend alone');
  assert.ok(a.restHashrateTHs[end] < 0.5 * b.restHashrateTHs[end], `with response: ${a.restHashrateTHs[end] / a.restHashrateTHs[0]}× the start`);
  // The difficulty follows the hashrate down.
  assert.ok(a.reference.difficulty[end] < b.reference.difficulty[end]);
});

test('a response with no lag still responds: lagDays 0 answers the day before, as lagDays 1 does', () => {
  const crash = 'model: gbm, price: 90000 USD, drift: -1.5, volatility: 0';
  const world = (rate: number, lag: number) => {
    const s = parseScenario('w.yaml', text(`volatility: 0, growth: 0.2, response: { rate: ${rate}, lagDays: ${lag} }`, crash));
    return drawWorld(s.world, s.horizon, 3, 0).restHashrateTHs;
  };
  const end = Math.ceil(3 * 365.25) - 1;
  const [off, half, strong] = [0, 0.5, 5].map((rate) => world(rate, 0)[end]);
  assert.ok(half < off && strong < half, `rates 0, 0.5, 5 end at ${off}, ${half}, ${strong} TH/s`);
  assert.equal(Array.from(world(5, 0)), Array.from(world(5, 1)));
});

test('the fleet switches machines off after a halving and hashprice settles at the marginal break-even', () => {
  // Flat price, no shocks: the 2028 halving halves revenue; the costliest machines switch off, the
  // difficulty follows at the next retargets and hashprice recovers toward the marginal machine's cost.
  const s = parseScenario('w.yaml', text('volatility: 0, fleet: { growthSd: 0 }', 'model: gbm, price: 90000 USD, volatility: 0'));
  const w = drawWorld({ ...s.world, fees: new FeeShare({ median: 0.01, reversionPerYear: 4, volatilityPerSqrtYear: 0 }) }, s.horizon, 1, 0);
  const halving = Math.floor(w.reference.halvingsH[0] / 24);
  const before = halving - 1, after = halving + 2, settled = halving + 90;
  const hp = w.reference.hashpriceUSDPerPHDay, rest = w.restHashrateTHs, marginal = w.reference.marginalCostUSDPerPHDay;
  assert.ok(Math.abs(hp[after] / hp[before] - 0.5) < 0.02, `hashprice halves at the halving: ${hp[before]} → ${hp[after]}`);
  assert.ok(rest[halving + 30] < 0.97 * rest[before], `machines switch off: ${rest[before]} → ${rest[halving + 30]} TH/s`);
  assert.ok(hp[settled] > 1.03 * hp[after], `hashprice recovers as the difficulty falls: ${hp[after]} → ${hp[settled]}`);
  // At the margin: hashprice between the marginal machine's cost and that cost plus the hysteresis.
  const hysteresis = s.world.network.hashrate.kind === 'fleet' ? s.world.network.hashrate.model.spec.hysteresis : NaN;
  assert.ok(hp[settled] >= 0.97 * marginal[settled] && hp[settled] <= (1 + hysteresis) * 1.03 * marginal[settled], `hashprice ${hp[settled]} against the marginal break-even ${marginal[settled]}`);
});

test('a fleet world is the same for the same seed, and its shocks differ by replication', () => {
  const s = parseScenario('w.yaml', text('fleet: {}'));
  const a = drawWorld(s.world, s.horizon, 1, 2), b = drawWorld(s.world, s.horizon, 1, 2), c = drawWorld(s.world, s.horizon, 1, 3);
  assert.equal(Array.from(a.restHashrateTHs), Array.from(b.restHashrateTHs));
  assert.equal(Array.from(a.reference.marginalCostUSDPerPHDay), Array.from(b.reference.marginalCostUSDPerPHDay));
  assert.not.equal(a.restHashrateTHs[500], c.restHashrateTHs[500]);
  assert.is(a.restHashrateTHs[0], 1024e6 - s.world.network.referenceCampusTHs);
});

test('a hashrate given as an expression of time is followed as written', () => {
  const s = parseScenario('w.yaml', text('blockMode: epoch').replace('hashrate: 1024 EH/s', 'hashrate: "1024 EH/s * (1 + 0.5 * years)"'));
  const w = drawWorld(s.world, s.horizon, 1, 0);
  const d = 730; // two years in
  const expected = 1024e6 * (1 + (0.5 * d * 24) / 8766) - s.world.network.referenceCampusTHs;
  assert.ok(Math.abs(w.restHashrateTHs[d] / expected - 1) < 1e-12);
});

test.run();
