import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from './load.js';
import { scenarioFailure } from './scenario-failure.test-support.js';

const text = (sweep: string) => `name: sweep
horizon: { start: 2026-01-01, years: 1 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.5 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site: { grid: 100 MW, powerPrice: 45 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 50 MW }
variants:
  base: {}
  lease: { lease: { it: 10 MW, rent: 121 USD/kW/month } }
sweep:
${sweep}
`;

const failure = (t: string) => scenarioFailure(() => parseScenario('sweep.yaml', t));

test('two parameters give every combination, the first varying slowest, merged over the named variant', () => {
  const s = parseScenario('sweep.yaml', text(`  over: lease
  parameters:
    - { path: lease.it, values: [5 MW, 20 MW] }
    - { path: lease.rent, values: [100 USD/kW/month, 150 USD/kW/month, 200 USD/kW/month] }`));
  const swept = s.variants.slice(2);
  assert.equal(swept.map((v) => v.name), [
    'lease it=5 MW rent=100 USD/kW/month', 'lease it=5 MW rent=150 USD/kW/month', 'lease it=5 MW rent=200 USD/kW/month',
    'lease it=20 MW rent=100 USD/kW/month', 'lease it=20 MW rent=150 USD/kW/month', 'lease it=20 MW rent=200 USD/kW/month',
  ]);
  // Rent converts through USD/kW/month, so compare to a rounding error.
  assert.equal(swept.map((v) => [v.lease!.itMW, Math.round(v.lease!.rentUSDPerKWMonth * 1e9) / 1e9]), [[5, 100], [5, 150], [5, 200], [20, 100], [20, 150], [20, 200]]);
  // The swept variants keep what `over` set and they did not: the lease's default PUE.
  assert.ok(swept.every((v) => v.lease!.pue === 1.25));
  // And they draw the fleet from what the bigger hall leaves of the grid.
  assert.ok(swept[3].mining.capacityMW === 50);
});

test('a sweep over the base campus needs no over; a bad value is blamed at its place in the sweep', () => {
  const s = parseScenario('sweep.yaml', text(`  parameters:
    - { path: mining.capacity, values: [10 MW, 30 MW] }`));
  assert.equal(s.variants.map((v) => v.name), ['base', 'lease', 'base capacity=10 MW', 'base capacity=30 MW']);
  const bad = failure(text(`  parameters:
    - { path: mining.capacity, values: [10 MW, 30 MWh] }`));
  assert.is(bad.keyPath, 'sweep.parameters[0].values[1]');
  assert.is(bad.line, 12);
  assert.match(bad.message, /'30 MWh' is not a power/);
});

test('a sweep over something that is not a number, outside the campus, or over no variant is refused at its key', () => {
  const policy = failure(text(`  parameters:
    - { path: mining.curtail, values: [0, 1] }`));
  assert.is(policy.keyPath, 'sweep.parameters[0].path');
  assert.match(policy.message, /'mining.curtail' is not a numeric input of the campus/);
  const typo = failure(text(`  parameters:
    - { path: mining.capacty, values: [1 MW] }`));
  assert.match(typo.message, /did you mean mining\.capacity\?/);
  const world = failure(text(`  parameters:
    - { path: market.btc.volatility, values: [0.4, 0.6] }`));
  assert.match(world.message, /'market.btc.volatility' is not a key of the campus/);
  const over = failure(text(`  over: leese
  parameters:
    - { path: lease.it, values: [5 MW] }`));
  assert.match(over.message, /sweep\.over: no variant is named 'leese'/);
  const many = failure(text(`  parameters:
    - { path: mining.capacity, values: [${Array.from({ length: 11 }, (_, i) => `${i + 1} MW`).join(', ')}] }
    - { path: site.grid, values: [${Array.from({ length: 10 }, (_, i) => `${100 + i} MW`).join(', ')}] }`));
  assert.match(many.message, /110 combinations; expected at most 100 variants/);
});

test.run();
