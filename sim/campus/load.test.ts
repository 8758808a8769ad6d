import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from '../core/time.js';
import { parseScenario } from '../scenario/load.js';
import { runCampus } from './campus.js';
import type { Load, LoadKind } from './load.js';
import { LOAD_KINDS } from './loads.js';
import { drawWorld } from './world.js';

// 100 days of 10,000 S21 XPs (36.45 MW) on a 40 MW grid at a flat 50 USD/MWh, mining whatever the price.
const HOURS = 2400;
// The room's opex, 100 USD an hour of a mean month (730.5 h), is owed by calendar month: January,
// February and March whole, and 10 of April's 30 days (2,400 h from 1 January).
const ROOM_OPEX_USD = 100 * HOURS_PER_MONTH * (3 + 10 / 30);
const FLEET_MW = 10_000 * 0.003645;
const s = parseScenario('loads.yaml', `name: loads
horizon: { start: 2026-01-01, years: ${HOURS / HOURS_PER_YEAR} }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 40 MW, powerPrice: 50 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 36.45 MW, curtail: false, minOffHours: 0 }
finance: { discountRate: 0 }
variants: { base: {} }
`);
const world = drawWorld(s.world, s.horizon, 1, 0);

/**
 * A kind of load defined here alone — a flat room drawing up to 10 MW (8 MW of IT at PUE 1.25),
 * whatever dispatch leaves it — to show that a new kind needs its own file and a place in the list.
 */
function constantLoad(shedRank: number): LoadKind {
  const WANT_MW = 10, PUE = 1.25;
  return {
    name: 'constant',
    absentMetrics: {},
    build: (): Load => {
      let drawMW = 0;
      return {
        shedRank, segment: 'compute', billed: true, onBackup: false, hourlyInputs: 0, recapHourly: false, inService: true, gridBound: false,
        facilityDrawMW: () => drawMW,
        itDrawMW: () => drawMW / PUE,
        maxItMW: (_h, facilityMW) => Math.min(WANT_MW, facilityMW) / PUE,
        decide: () => {},
        demandMW: (site) => (site.gridUp ? WANT_MW : 0),
        cap: () => {},
        take: (site, availableMW) => void (drawMW = site.gridUp ? Math.min(WANT_MW, availableMW) : 0),
        opexUSDPerH: () => 100,
        curtailedForDemandResponseMW: () => 0,
        closeMonth: () => {},
        report: () => ({ metrics: {}, revenueUSD: 0, creditsPaidUSD: 0 }),
      };
    },
  };
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const run = (kinds = LOAD_KINDS) => runCampus(s.variants[0], world, s.world, s.horizon, { check: true, loadKinds: kinds }).metrics;

test('a load kind defined outside the campus draws, is billed, and counts in energy, cooling and opex', () => {
  const alone = run();
  const withRoom = run([...LOAD_KINDS, constantLoad(1)]);
  assert.ok(near(alone.energyMWh, FLEET_MW * HOURS), `mining alone ${alone.energyMWh}`);
  // Served before mining, the room takes its 10 MW; mining gets the 30 MW left and sheds the rest.
  assert.ok(near(withRoom.energyMWh, 40 * HOURS), `${withRoom.energyMWh}`);
  assert.ok(near(withRoom.miningEnergyMWh, 30 * HOURS));
  assert.ok(near(withRoom.curtailedGridMWh, (FLEET_MW - 30) * HOURS), 'mining is shed for the room');
  assert.ok(near(withRoom.coolingEnergyMWh, 2 * HOURS), 'the room’s overhead: 10 MW at PUE 1.25');
  assert.ok(near(withRoom.powerCostUSD, 40 * 50 * HOURS));
  assert.ok(near(withRoom.opexUSD - alone.opexUSD, ROOM_OPEX_USD));
  assert.ok(near(withRoom.minedBTC / alone.minedBTC, 30 / FLEET_MW), 'mining earns for what it runs');
});

test('the shed order is the loads’ rank: a load ranked after mining gets what mining leaves', () => {
  const last = run([...LOAD_KINDS, constantLoad(3)]);
  assert.ok(near(last.miningEnergyMWh, FLEET_MW * HOURS), 'mining runs whole');
  assert.is(last.curtailedGridMWh, 0);
  assert.ok(near(last.energyMWh, 40 * HOURS), 'the room runs on the 3.55 MW left');
});

test('a load on the bill takes its share of it, in proportion to its draw (compute EBITDA pays it)', () => {
  const alone = run();
  const withRoom = run([...LOAD_KINDS, constantLoad(1)]);
  // The room is compute with no revenue: its EBITDA is minus its power (10/40 of the bill) and its opex.
  assert.ok(near(withRoom.computeEbitdaUSD, -(10 * 50 * HOURS) - ROOM_OPEX_USD), `${withRoom.computeEbitdaUSD}`);
  assert.is(alone.computeEbitdaUSD, 0);
});

test.run();
