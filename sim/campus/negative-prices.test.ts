import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOURS_PER_YEAR } from '../core/time.js';
import { parseScenario } from '../scenario/load.js';
import { runCampus } from './campus.js';
import { drawWorld } from './world.js';

// 100 days of a flat 200 USD/MWh spot market — far above what mining earns at a 5,000 USD BTC — with
// spells of −30 USD/MWh. With economic curtailment the fleet (36.45 MW of S21 XPs) runs in the spells
// alone, and is paid to: the power bill is −30 × MW × hours.
const HOURS = 2400;
const s = parseScenario('negative.yaml', `name: negative
horizon: { start: 2026-03-01, years: ${HOURS / HOURS_PER_YEAR} }
market: { btc: { model: gbm, price: 5000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site:
  grid: 100 MW
  spot: { median: 200 USD/MWh, volatility: 0, negative: { rate: 150, hours: 5 h, price: -30 USD/MWh }, floor: -250 USD/MWh, cap: 5000 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 36.45 MW, minOffHours: 0 }
finance: { discountRate: 0 }
variants: { miner: {} }
`);

test('mining runs in the hours spot is below zero, and only then, and earns from the power it draws', () => {
  const world = drawWorld(s.world, s.horizon, 1, 0);
  const negativeHours = world.spotUSDPerMWh!.filter((p) => p < 0).length;
  assert.ok(negativeHours >= 100, `${negativeHours} negative hours in 100 days`);
  const m = runCampus(s.variants[0], world, s.world, s.horizon, { check: true }).metrics;
  const fleetMW = 10_000 * 0.003645;
  assert.ok(Math.abs(m.miningEnergyMWh - fleetMW * negativeHours) < 1e-6 * fleetMW * negativeHours, `${m.miningEnergyMWh} MWh vs ${fleetMW * negativeHours}`);
  assert.ok(Math.abs(m.powerCostUSD - -30 * fleetMW * negativeHours) < 1e-3, `power cost ${m.powerCostUSD}`);
  assert.ok(m.minedBTC > 0 && m.curtailedEconomicMWh > 0);
});

test.run();
