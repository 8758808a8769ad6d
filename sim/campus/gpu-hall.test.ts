import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HOURS_PER_YEAR } from '../core/time.js';
import { parseScenario } from '../scenario/load.js';
import { runCampus } from './campus.js';
import { VARIANT_SERIES } from './series.js';
import { drawWorld, type World } from './world.js';

// A 100-day campus with a flat BTC price and no outages unless a test adds them; a GPU hall of
// 100 DGX-class nodes (1.02 MW of IT), reserved in full at 2 USD/GPU-hour, never failing.
const HOURS = 2400;
function scenario(gpuCloud: string, mining = 'capacity: 0 MW'): ReturnType<typeof parseScenario> {
  return parseScenario('hall.yaml', `name: hall
horizon: { start: 2026-01-01, years: ${HOURS / HOURS_PER_YEAR} }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 100 MW, powerPrice: 50 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, ${mining}, minOffHours: 0, curtail: false }
finance: { discountRate: 0 }
variants:
  hall:
    gpuCloud: ${gpuCloud}
`);
}
const HALL = `{ it: 1.02 MW, pue: 1.25, node: { gpus: 8, power: 10.2 kW, idleShare: 0.3, mtbf: 1e9 years }, online: 0 h, build: 0 h, reserved: { share: 1, price: 2 USD/GPU/h } }`;

function run(s: ReturnType<typeof parseScenario>, outagesH: Array<[number, number]> = []) {
  const world: World = { ...drawWorld(s.world, s.horizon, 1, 0), outagesH };
  return runCampus(s.variants[0], world, s.world, s.horizon);
}

test('a fully reserved hall earns GPUs × price × hours and draws nodes × power × PUE, costed at the power price', () => {
  const { metrics } = run(scenario(HALL));
  const gpus = 800;
  assert.ok(Math.abs(metrics.reservedRevenueUSD - gpus * 2 * HOURS) < 1e-6 * gpus * 2 * HOURS, `${metrics.reservedRevenueUSD}`);
  assert.is(metrics.gpuCloudRevenueUSD, metrics.reservedRevenueUSD);
  const facilityMW = 100 * 0.0102 * 1.25;
  assert.ok(Math.abs(metrics.gpuEnergyMWh - facilityMW * HOURS) < 1e-6, `${metrics.gpuEnergyMWh}`);
  assert.ok(Math.abs(metrics.energyMWh - metrics.gpuEnergyMWh) < 1e-9, 'no mining: all energy is the hall’s');
  assert.ok(Math.abs(metrics.powerCostUSD - facilityMW * HOURS * 50) < 1e-3);
  assert.ok(Math.abs(metrics.gpuUtilisation - 1) < 1e-12);
  assert.is(metrics.computeRevenueShare, 1);
});

test('a grid outage stops the hall: no revenue and no draw while it lasts, every running pod preempted once', () => {
  const { metrics } = run(scenario(HALL), [[1000, 1010]]);
  assert.ok(Math.abs(metrics.reservedRevenueUSD - 800 * 2 * (HOURS - 10)) < 1e-3, `${metrics.reservedRevenueUSD}`);
  assert.ok(Math.abs(metrics.gpuEnergyMWh - 100 * 0.0102 * 1.25 * (HOURS - 10)) < 1e-6);
  // 100 nodes as pods of at most 32 nodes: 32 + 32 + 32 + 4.
  assert.is(metrics.jobsPreempted, 4);
  assert.is(metrics.gpuHoursLost, 0, 'reserved pods lose no work: they resume where they stopped');
});

test('capex is paid when it falls due: the hall a build time before online, the nodes at online', () => {
  // Online at the end of January (744 h), built over the month before: the hall at the start.
  const hall = `{ it: 1.02 MW, node: { price: 200000 USD, mtbf: 1e9 years }, hallCapex: 10e6 USD/MW, online: 744 h, build: 744 h, reserved: { share: 1, price: 0 USD/GPU/h } }`;
  const { metrics, monthly } = run(scenario(hall));
  const hallUSD = 1.02 * 10e6, nodesUSD = 100 * 200000;
  assert.is(metrics.capexUSD, hallUSD + nodesUSD);
  // Cumulative cash (second series): the hall at the start; the nodes, delivered at February's first
  // hour, at February's end (a payment lands at the end of the month it is made in).
  const months = monthly.length / VARIANT_SERIES.length;
  const cash = monthly.subarray(months, 2 * months);
  // Month 0 draws no power (the hall is not yet online), so its cash is the hall's capex alone.
  assert.ok(Math.abs(cash[0] - -hallUSD) < 1e-6, `${cash[0]}`);
  assert.ok(cash[1] < -hallUSD - nodesUSD, `${cash[1]}`);
  assert.ok(Math.abs(metrics.minCashUSD - (-hallUSD - nodesUSD - metrics.powerCostUSD)) < 1e-3, `${metrics.minCashUSD}`);
  // With a zero discount rate NPV is the plain sum: revenue 0, power cost, capex.
  assert.ok(Math.abs(metrics.npvUSD - (-hallUSD - nodesUSD - metrics.powerCostUSD)) < 1e-3);
});

test('a conversion switches the stated mining MW off for good when the hall comes online', () => {
  const online = 1200;
  const s = scenario(
    `{ it: 1.02 MW, pue: 1.25, node: { mtbf: 1e9 years }, online: ${online} h, build: 0 h, convertsMining: 1.275 MW, reserved: { share: 1, price: 2 USD/GPU/h } }`,
    'capacity: 3.645 MW',
  );
  const { metrics } = run(s);
  // 1,000 machines of 3.645 kW; ⌈1.275 MW / 3.645 kW⌉ = 350 go off at online.
  const miningMWh = 3.645 * online + (650 * 0.003645) * (HOURS - online);
  assert.ok(Math.abs(metrics.energyMWh - metrics.gpuEnergyMWh - miningMWh) < 1e-6, `${metrics.energyMWh - metrics.gpuEnergyMWh} vs ${miningMWh}`);
  assert.ok(Math.abs(metrics.gpuEnergyMWh - 1.275 * (HOURS - online)) < 1e-6);
});

test('a hall built in phases runs half its nodes, then all, and pays for each phase’s nodes on delivery', () => {
  // 64 nodes, reserved as two pods of 32: the first phase installs one pod's worth.
  const hall = `{ it: 0.6528 MW, pue: 1.25, node: { price: 100000 USD, mtbf: 1e9 years }, build: 0 h, phases: [{ online: 0 h, share: 0.5 }, { after: 1200 h, share: 1 }], reserved: { share: 1, price: 2 USD/GPU/h } }`;
  const { metrics } = run(scenario(hall));
  // 32 nodes (256 GPUs) for 1,200 h, then 64 nodes (512 GPUs) for the other 1,200 h.
  assert.ok(Math.abs(metrics.reservedRevenueUSD - 2 * (256 * 1200 + 512 * 1200)) < 1e-3, `${metrics.reservedRevenueUSD}`);
  assert.ok(Math.abs(metrics.gpuEnergyMWh - 1.25 * 0.0102 * (32 * 1200 + 64 * 1200)) < 1e-6, 'nodes not yet installed draw nothing');
  assert.is(metrics.capexUSD, 64 * 100000);
  // Utilisation counts only what could run: every installed GPU was busy.
  assert.ok(Math.abs(metrics.gpuUtilisation - 1) < 1e-12);
});

test('a correlated hall failure takes its share of the nodes down for its duration; pods resume after it', () => {
  // 0.6528 MW: 64 nodes, reserved as two pods of 32; a failure takes half the nodes down.
  const hall = (failures: string) => `{ it: 0.6528 MW, pue: 1.25, node: { mtbf: 1e9 years }, online: 0 h, build: 0 h, reserved: { share: 1, price: 2 USD/GPU/h }${failures} }`;
  const plain = run(scenario(hall(''))).metrics;
  const failing = run(scenario(hall(', hallFailures: { rate: 20, duration: 24 h, lost: 0.5 }'))).metrics;
  // Half the hall down idles exactly one pod of 256 GPUs while a failure lasts: the revenue lost is
  // 256 GPUs × 2 USD × the hours the hall spent failed, which is what the energy saved says too.
  const lostUSD = plain.reservedRevenueUSD - failing.reservedRevenueUSD;
  assert.ok(lostUSD > 0, 'failures cost revenue');
  const failedHours = lostUSD / (256 * 2);
  assert.ok(Math.abs(plain.gpuEnergyMWh - failing.gpuEnergyMWh - 32 * 0.0102 * 1.25 * failedHours) < 1e-6, 'the failed half draws nothing');
  assert.ok(failing.jobsPreempted >= 1 && plain.jobsPreempted === 0);
  assert.ok(failedHours > 24 && failedHours < HOURS / 2, `${failedHours} h`);
});

test('a grid derate sheds mining first, counted as grid-limited energy, and leaves the rest running', () => {
  const s = parseScenario('derate.yaml', `name: derate
horizon: { start: 2026-01-01, years: ${HOURS / HOURS_PER_YEAR} }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 10 MW, powerPrice: 50 USD/MWh, derates: { rate: 10, duration: 48 h, lost: 0.6 } }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 7.29 MW, curtail: false }
variants: { v: {} }
`);
  const w = drawWorld(s.world, s.horizon, 1, 0);
  const m = runCampus(s.variants[0], w, s.world, s.horizon).metrics;
  const derateHours = w.deratesH.reduce((h, [a, b]) => h + b - a, 0);
  assert.ok(derateHours > 0);
  // 2,000 machines (7.29 MW) on a 10 MW connection cut to 4 MW: 3.29 MW of them stop meanwhile.
  assert.ok(Math.abs(m.curtailedGridMWh - 3.29 * derateHours) < 1e-9 * m.miningEnergyMWh, `${m.curtailedGridMWh} vs ${3.29 * derateHours}`);
  assert.ok(Math.abs(m.miningEnergyMWh + m.curtailedGridMWh - 7.29 * HOURS) < 1e-6 * m.miningEnergyMWh);
});

test('a layout without a GPU hall reports no utilisation or waits (NaN), and zero GPU money', () => {
  const s = parseScenario('plain.yaml', `name: plain
horizon: { start: 2026-01-01, years: 0.2 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site: { grid: 10 MW, powerPrice: 50 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 5 MW }
variants: { plain: {} }
`);
  const { metrics } = runCampus(s.variants[0], drawWorld(s.world, s.horizon, 1, 0), s.world, s.horizon);
  assert.ok(Number.isNaN(metrics.gpuUtilisation) && Number.isNaN(metrics.trainingWaitMeanH));
  assert.is(metrics.gpuCloudRevenueUSD, 0);
  assert.is(metrics.gpuEnergyMWh, 0);
});

test.run();
