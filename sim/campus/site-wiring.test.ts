import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Simulation } from '../core/engine.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { variantFleet } from '../mining/fleet.js';
import { DEFAULT_COOLING } from '../site/cooling.js';
import { DR_FOUR_CP, DR_PRICE } from '../site/demand-response.js';
import { HallCooling } from '../site/hall-cooling.js';
import type { WeatherSeries } from '../site/weather.js';
import { runCampus } from './campus.js';
import { campusProblem, type CampusSnapshot, InvariantError } from './invariants.js';
import { drawWorld, type World } from './world.js';

// 100 days; a BTC price far above break-even and curtailment off, so the fleet runs unless the
// site stops it. 10,000 S21 XPs: 36.45 MW, 2.7 EH/s.
const HOURS = 2400;
const FLEET_MW = 10_000 * 0.003645;
const FLEET_EHS = 10_000 * 270 / 1e6;

function scenario(site: string, variants: string, mining = ''): Scenario {
  return parseScenario('wiring.yaml', `name: wiring
horizon: { start: 2026-06-01, years: ${HOURS / HOURS_PER_YEAR} }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 100 MW, powerPrice: 50 USD/MWh, ${site} }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 36.45 MW, curtail: false ${mining} }
finance: { discountRate: 0 }
variants:
${variants}
`);
}

/** Weather at `baseC` dry bulb (wet bulb 5 °C lower), `hotC` in hours [from, to). */
function weather(baseC: number, hotC = baseC, from = 0, to = 0): WeatherSeries {
  const dry = new Float64Array(HOURS).fill(baseC);
  dry.fill(hotC, from, to);
  return { dryBulbC: dry, wetBulbC: dry.map((t) => t - 5) };
}

const run = (s: Scenario, name: string, world: World, check = true) => runCampus(s.variants.find((v) => v.name === name)!, world, s.world, s.horizon, { check }).metrics;
const near = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test('a hot spell lowers delivered hashrate for air-cooled halls and not for immersion', () => {
  const s = scenario('weather: {}', `  air: { mining: { cooling: { technology: air } } }
  immersion: { mining: { cooling: { technology: immersion } } }`);
  const base = drawWorld(s.world, s.horizon, 1, 0);
  const mild = { ...base, weather: weather(25) };
  // Five days at 40 °C: air-cooled ASICs keep 87.5 % of their clocks, the air hall's cooling 80 % of
  // its design load (the binding limit); immersion fluid has headroom to 45 °C.
  const hot = { ...base, weather: weather(25, 40, 1200, 1320) };
  for (const name of ['air', 'immersion']) assert.ok(near(run(s, name, mild).deliveredHashrateEHs, FLEET_EHS), `${name} at 25 °C runs whole`);
  const air = run(s, 'air', hot), immersion = run(s, 'immersion', hot);
  assert.ok(near(air.deliveredHashrateEHs, FLEET_EHS * (1 - (0.2 * 120) / HOURS)), `air ${air.deliveredHashrateEHs}`);
  assert.ok(near(air.curtailedCoolingMWh, 0.2 * FLEET_MW * 120), `air curtailed ${air.curtailedCoolingMWh}`);
  assert.ok(near(air.miningEnergyMWh, FLEET_MW * HOURS - air.curtailedCoolingMWh), 'power falls with hashrate');
  assert.ok(near(immersion.deliveredHashrateEHs, FLEET_EHS), `immersion ${immersion.deliveredHashrateEHs}`);
  assert.is(immersion.curtailedCoolingMWh, 0);
  // Cooling overhead is drawn on top of the machines, and more of it on the hot days.
  assert.ok(air.coolingEnergyMWh > 0.1 * air.miningEnergyMWh && immersion.coolingEnergyMWh < 0.1 * immersion.miningEnergyMWh, `air ${air.coolingEnergyMWh}, immersion ${immersion.coolingEnergyMWh}`);
});

// A hall of 64 DGX-class nodes (0.6528 MW IT) as two reserved pods of 256 GPUs at 2 USD/GPU-hour.
const HALL = `gpuCloud: { it: 0.6528 MW, pue: 1.25, node: { gpus: 8, power: 10.2 kW, idleShare: 0.3, mtbf: 1e9 years }, online: 0 h, build: 0 h, reserved: { share: 1, price: 2 USD/GPU/h } }`;
const POD_FACILITY_MW = 256 * 0.001275 * 1.25; // one pod busy, at PUE 1.25: 0.408 MW

test('during an outage HPC runs on backup up to its limit while mining is off; then the hall goes dark', () => {
  const s = scenario(`backup: { capacity: ${POD_FACILITY_MW} MW, fuel: 6 h, startFailure: 0 }`, `  backup:
    ${HALL}
  dark:
    ${HALL}
    site: { backup: { capacity: 0 MW } }`);
  const world = { ...drawWorld(s.world, s.horizon, 1, 0), outagesH: [[1000, 1010]] as Array<[number, number]> };
  const m = run(s, 'backup', world);
  // Backup holds one pod for the 6 fuelled hours, exactly its capacity; then 4 hours dark.
  assert.ok(near(m.backupEnergyMWh, POD_FACILITY_MW * 6), `backup ${m.backupEnergyMWh} MWh`);
  assert.ok(near(m.gpuDowntimeHours, 4), `dark ${m.gpuDowntimeHours} h`);
  assert.ok(near(m.curtailedOutageMWh, FLEET_MW * 10), 'mining is off for the whole outage');
  assert.ok(near(m.reservedRevenueUSD, 2 * (512 * (HOURS - 4) - 256 * 6)), `reserved revenue ${m.reservedRevenueUSD}`);
  const dark = run(s, 'dark', world);
  assert.is(dark.backupEnergyMWh, 0);
  assert.ok(near(dark.gpuDowntimeHours, 10));
  assert.ok(near(dark.reservedRevenueUSD, 2 * 512 * (HOURS - 10)));
  assert.ok(near(m.energyMWh - dark.energyMWh, m.backupEnergyMWh), 'the grid energy is the same; backup adds its own');
});

test('backup carries a leased hall before the GPU hall: its SLA sees no outage the fuel covers', () => {
  const lease = 'lease: { it: 1 MW, pue: 1.2, rent: 100 USD/kW/month }';
  const s = scenario('backup: { capacity: 2 MW, fuel: 24 h, startFailure: 0 }', `  covered:
    ${lease}
    ${HALL}
  bare:
    ${lease}
    site: { backup: { capacity: 0 MW } }`);
  const world = { ...drawWorld(s.world, s.horizon, 1, 0), outagesH: [[1000, 1010]] as Array<[number, number]> };
  const covered = run(s, 'covered', world), bare = run(s, 'bare', world);
  assert.is(covered.slaCreditsUSD, 0);
  assert.ok(bare.slaCreditsUSD > 0, 'ten dark hours break a 99.99 % month');
  // The GPU hall gets the 0.8 MW left after the lease's 1.2 MW: 501 GPUs may run. One pod of 256 fits,
  // two do not; the other 245 GPUs it may run stay on, idle, at 30 % of a busy GPU's 1.275 kW.
  const allowed = Math.floor(0.8 / 1.25 / 0.001275);
  assert.is(allowed, 501);
  assert.ok(near(covered.backupEnergyMWh, (256 + 0.3 * (allowed - 256)) * 0.001275 * 1.25 * 10), `${covered.backupEnergyMWh}`);
});

test('cooling caps the GPU hall in the heat: on-demand inference is shed, contracted pods are kept', () => {
  const hall = `gpuCloud: { it: 0.6528 MW, node: { mtbf: 1e9 years }, online: 0 h, build: 0 h, reserved: { share: 0.5, price: 2 USD/GPU/h },
      inference: { share: 0.5, hourOfDay: [${Array(24).fill(1).join(', ')}], price: 1 USD/GPU/h },
      cooling: { technology: liquid-chiller, pue: 1.25, capacity: { points: [[30, 1], [40, 0.5]], hardLimit: 60 degC } } }`;
  const s = scenario('weather: {}', `  hall:\n    ${hall}`);
  const world = { ...drawWorld(s.world, s.horizon, 1, 0), weather: weather(25, 40, 1200, 1300) };
  const m = run(s, 'hall', world);
  assert.ok(near(m.reservedRevenueUSD, 2 * 256 * HOURS), `the pod runs through: ${m.reservedRevenueUSD}`);
  assert.ok(near(m.inferenceShortfallGpuH, 256 * 100), `inference gives way for 100 h: ${m.inferenceShortfallGpuH}`);
  assert.ok(near(m.gpuItEnergyMWh, 0.6528 * (HOURS - 100) + 0.6528 * 0.5 * 100), `${m.gpuItEnergyMWh}`);
  assert.ok(near(m.gpuEnergyMWh, 1.25 * m.gpuItEnergyMWh));
});

// A 1 MW (IT) leased hall at 100 USD/kW-month under the default SLA: 99.99 % a month, 5 % of its rent per 0.1 % step short.
const LEASE = 'it: 1 MW, rent: 100 USD/kW/month';
const LEASE_MONTH_USD = 1000 * 100;

test('a hot spell costs an air-cooled leased hall IT and SLA credits; an immersion-cooled one keeps it all', () => {
  const s = scenario('weather: {}', `  air: { lease: { ${LEASE}, cooling: { technology: air } } }
  immersion: { lease: { ${LEASE}, cooling: { technology: immersion } } }
  flat: { lease: { ${LEASE}, pue: 1.2 } }`);
  const base = drawWorld(s.world, s.horizon, 1, 0);
  for (const name of ['air', 'immersion']) {
    const m = run(s, name, { ...base, weather: weather(25) });
    assert.ok(m.leaseUndeliveredMWh === 0 && m.slaCreditsUSD === 0, `${name} at 25 °C holds the whole lease`);
  }
  // Five hours at 40 °C in July (month 1): the default air curve (full to 35 °C, 60 % at 45 °C) holds 80 % of
  // the leased IT; immersion's (full to 45 °C) all of it.
  const hot = { ...base, weather: weather(25, 40, 1200, 1205) };
  const air = run(s, 'air', hot), immersion = run(s, 'immersion', hot), flat = run(s, 'flat', hot);
  assert.ok(near(air.leaseUndeliveredMWh, 0.2 * 1 * 5), `${air.leaseUndeliveredMWh}`);
  // July (month 1) lost 1 h of its 744: 99.866 % delivered, 0.124 % short of 99.99 % → 2 steps → 10 % of its rent.
  assert.ok(near(air.slaCreditsUSD, 0.1 * LEASE_MONTH_USD), `${air.slaCreditsUSD}`);
  for (const m of [immersion, flat]) assert.ok(m.leaseUndeliveredMWh === 0 && m.slaCreditsUSD === 0);
  assert.is(air.leaseRentUSD, flat.leaseRentUSD, 'rent is the contract’s, whatever is delivered');
  assert.ok(near(air.npvUSD - flat.npvUSD, -air.slaCreditsUSD, 1e-9), 'the credits are all the heat costs the campus: the tenant pays its power');
});

test('a cooled leased hall draws the IT it holds × the hour’s PUE, and mining gets the connection less that', () => {
  // 37 MW of grid under a 40 MW mining hall: the fleet is sized around the lease's 1 MW × pue 1 (36 MW)
  // and runs on what the hall's hourly draw leaves.
  const s = scenario('weather: {}', `  lease:
    site: { grid: 37 MW }
    mining: { capacity: 40 MW }
    lease: { ${LEASE}, pue: 1, cooling: { technology: air } }`);
  const v = s.variants[0];
  const w = weather(25, 40, 1200, 1205);
  const m = run(s, 'lease', { ...drawWorld(s.world, s.horizon, 1, 0), weather: w });
  const cooling = new HallCooling(v.lease!.cooling!, 1, w);
  const mildMW = 1 * cooling.pueAt(0, 1);
  const heldMW = cooling.capacityMW(1200);
  assert.ok(near(heldMW, 0.8));
  const hotMW = heldMW * cooling.pueAt(1200, heldMW / 1);
  const fleetMW = variantFleet(v).powerMW;
  assert.ok(37 - mildMW < fleetMW && 37 - hotMW < fleetMW, 'the grid, not the fleet, limits mining in every hour');
  const minedMWh = (HOURS - 5) * (37 - mildMW) + 5 * (37 - hotMW);
  assert.ok(near(m.miningEnergyMWh, minedMWh), `${m.miningEnergyMWh} vs ${minedMWh}`);
  assert.ok(near(m.curtailedGridMWh, fleetMW * HOURS - minedMWh), `${m.curtailedGridMWh}`);
  assert.ok(near(m.energyMWh, m.miningEnergyMWh), 'the leased hall’s power is its tenant’s, not in the campus’s books');
});

test('backup carries a cooled leased hall only if it holds the hall’s heaviest hour of the outage', () => {
  // A warm spell (35 °C: full capacity, the air plant's highest PUE) from hour 1200; an outage from 1198 to 1203.
  const w = weather(25, 35, 1200, 1300);
  const cooling = new HallCooling(DEFAULT_COOLING.air, 1, w);
  const peakMW = cooling.facilityMW(1200, 1);
  assert.ok(peakMW > cooling.facilityMW(1198, 1), 'the outage starts in a cooler hour');
  const layout = (capacityMW: number) => `{ lease: { ${LEASE}, cooling: { technology: air } }, site: { backup: { capacity: ${capacityMW} MW, fuel: 24 h, startFailure: 0 } } }`;
  const s = scenario('weather: {}', `  holds: ${layout(peakMW)}
  short: ${layout(0.999 * peakMW)}`);
  const world = { ...drawWorld(s.world, s.horizon, 1, 0), weather: w, outagesH: [[1198, 1203]] as Array<[number, number]> };
  const holds = run(s, 'holds', world), short = run(s, 'short', world);
  assert.ok(holds.leaseUndeliveredMWh === 0 && holds.slaCreditsUSD === 0, 'carried through');
  assert.ok(near(short.leaseUndeliveredMWh, 5), `${short.leaseUndeliveredMWh}`);
  // July (month 1) dark 5 h of its 744: 99.328 % delivered, 0.662 % short → 7 steps → 35 % of its rent.
  assert.ok(near(short.slaCreditsUSD, 0.35 * LEASE_MONTH_USD), `${short.slaCreditsUSD}`);
});

test('--check holds while a cooled leased hall moves, hour by hour, the grid an owned GPU hall gets', () => {
  const s = scenario('weather: { mean: 28 degC }', `  tight:
    site: { grid: 1.8 MW }
    lease: { ${LEASE}, cooling: { technology: air } }
    ${HALL}`);
  for (let r = 0; r < 2; r++) {
    const m = run(s, 'tight', drawWorld(s.world, s.horizon, 4, r));
    // The lease's 0.9–1.4 MW leaves the hall 0.4–0.9 MW of the 0.82 MW it draws with every GPU busy.
    assert.ok(m.gpuEnergyMWh > 0 && m.gpuEnergyMWh < POD_FACILITY_MW * 2 * HOURS, `${m.gpuEnergyMWh}`);
  }
});

test('energy by use sums to the energy drawn, and the fleet’s energy to mined + curtailed by cause', () => {
  const s = scenario(`weather: {}, outages: { rate: 30, duration: 6 h }, backup: { capacity: 1 MW, fuel: 8 h, startFailure: 0.3 }`, `  everything:
    mining: { cooling: { technology: air }, failures: { rate: 0.2, leadTime: 30 days }, curtail: true }
    gpuCloud: { it: 0.6528 MW, node: { mtbf: 1 year }, online: 200 h, build: 0 h, reserved: { share: 0.5, price: 2 USD/GPU/h },
      training: { jobsPerYear: 2000, gpus: { values: [8, 64], probabilities: [0.5, 0.5] }, price: 2 USD/GPU/h },
      cooling: { technology: liquid-chiller } }`);
  for (let r = 0; r < 3; r++) {
    const world = drawWorld(s.world, s.horizon, 7, r);
    const m = run(s, 'everything', world);
    assert.ok(m.outageHours > 0 && m.curtailedFailureMWh > 0 && m.backupEnergyMWh > 0, 'the run exercises outages, failures and backup');
    assert.ok(near(m.miningEnergyMWh + m.gpuItEnergyMWh + m.coolingEnergyMWh, m.energyMWh), `${m.miningEnergyMWh} + ${m.gpuItEnergyMWh} + ${m.coolingEnergyMWh} vs ${m.energyMWh}`);
    const curtailed = m.curtailedEconomicMWh + m.curtailedDemandResponseMWh + m.curtailedCoolingMWh + m.curtailedGridMWh + m.curtailedOutageMWh + m.curtailedFailureMWh;
    assert.ok(near(m.miningEnergyMWh + curtailed, FLEET_MW * HOURS), `${m.miningEnergyMWh} + ${curtailed} vs ${FLEET_MW * HOURS}`);
    assert.ok(near(m.gpuEnergyMWh, m.gpuItEnergyMWh + (m.coolingEnergyMWh - (m.energyMWh - m.gpuEnergyMWh - m.miningEnergyMWh))), 'the hall’s facility energy is its IT and its share of overhead');
  }
});

test('power drawn never exceeds power available under --check, and checking changes no result', () => {
  const layout = (grid: number) => `
    site: { grid: ${grid} MW }
    mining: { cooling: { technology: air }, failures: { rate: 0.1 } }
    lease: { it: 0.5 MW, pue: 1.3, rent: 100 USD/kW/month }
    gpuCloud: { it: 0.6528 MW, node: { mtbf: 0.5 year }, online: 0 h, build: 0 h, reserved: { share: 0.5, price: 2 USD/GPU/h },
      inference: { share: 0.4, price: 1 USD/GPU/h }, cooling: { technology: liquid-chiller } }`;
  const s = scenario(`weather: { mean: 24 degC }, outages: { rate: 20, duration: 8 h }, backup: { capacity: 0.5 MW, fuel: 4 h }`, `  tight:${layout(38)}
  wide:${layout(100)}`);
  for (let r = 0; r < 3; r++) {
    const world = drawWorld(s.world, s.horizon, 3, r);
    const checked = run(s, 'tight', world, true);
    assert.equal(checked, run(s, 'tight', world, false));
    // A 38 MW grid less the lease and the hall leaves the air-cooled fleet's overhead short: the grid binds.
    assert.ok(checked.curtailedGridMWh > 1 && run(s, 'wide', world).curtailedGridMWh === 0, 'the grid, not only the heat, held mining back');
  }
});

test('a broken invariant throws one error naming the event and the time', () => {
  const ok: CampusSnapshot = { gridMW: 10, gridAvailableMW: 10, backupMW: 0, backupAvailableMW: 0, useMW: 10, drawnMW: 10, useMWh: 5, drawnMWh: 5 };
  assert.is(campusProblem(ok), undefined);
  assert.match(campusProblem({ ...ok, gridMW: 10.5 })!, /grid 10\.5 MW exceeds the 10 MW available/);
  assert.match(campusProblem({ ...ok, backupMW: 1 })!, /backup 1 MW exceeds the 0 MW available/);
  assert.match(campusProblem({ ...ok, useMWh: 5.1 })!, /energy by use/);
  // The engine calls the check after each handler, with the event's kind.
  const sim = new Simulation();
  const kind = sim.on('spot hour', () => {});
  sim.afterEvent = (k) => {
    throw new InvariantError(sim.kindName(k), sim.now, campusProblem({ ...ok, gridMW: 11 })!);
  };
  sim.schedule(7.5, kind);
  assert.throws(() => sim.run(10), (e: unknown) => e instanceof InvariantError && /^--check: after event 'spot hour' at t = 7\.5 h: power drawn from the grid 11 MW/.test(e.message));
});

test('4CP: mining curtails in flagged hours and earns a quarter-year’s transmission charge at a caught peak', () => {
  const s = scenario('weather: {}, demandResponse: { fourCp: { transmission: 76 USD/kW/year } }', `  answers: {}
  ignores: { mining: { demandResponse: false } }`);
  const flags = new Uint8Array(HOURS);
  const alerts = [100, 101, 102, 500, 501];
  for (const h of alerts) flags[h] = DR_FOUR_CP;
  // Two monthly peaks: the forecast caught the first (hour 101), missed the second (hour 700).
  const world = { ...drawWorld(s.world, s.horizon, 1, 0), demandResponse: { flags, fourCpPeakH: Int32Array.from([101, 700]) } };
  const answers = run(s, 'answers', world), ignores = run(s, 'ignores', world);
  assert.ok(near(answers.curtailedDemandResponseMWh, FLEET_MW * alerts.length), `${answers.curtailedDemandResponseMWh}`);
  assert.ok(near(answers.demandResponseCreditsUSD, (76 * 1000 * FLEET_MW) / 4), `credit ${answers.demandResponseCreditsUSD}`);
  assert.ok(near(answers.miningEnergyMWh, FLEET_MW * (HOURS - alerts.length)));
  assert.is(ignores.curtailedDemandResponseMWh, 0);
  assert.is(ignores.demandResponseCreditsUSD, 0);
  // The credit is cash: NPV (at a 0 % rate) and mining profit move by credit − revenue forgone.
  const forgone = ignores.miningRevenueUSD - answers.miningRevenueUSD, saved = ignores.powerCostUSD - answers.powerCostUSD;
  assert.ok(near(answers.npvUSD - ignores.npvUSD, answers.demandResponseCreditsUSD - forgone + saved, 1e-9), `${answers.npvUSD - ignores.npvUSD}`);
  assert.ok(near(answers.miningProfitUSD - ignores.miningProfitUSD, answers.demandResponseCreditsUSD - forgone + saved, 1e-9));
});

test('price-triggered demand response: curtailed while spot is at or above the threshold, paid per MWh', () => {
  const s = parseScenario('price-dr.yaml', `name: price-dr
horizon: { start: 2026-01-01, years: ${HOURS / HOURS_PER_YEAR} }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 100 MW, spot: { median: 40 USD/MWh, volatility: 0 }, demandResponse: { price: { threshold: 300 USD/MWh, credit: 25 USD/MWh } } }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 36.45 MW, curtail: false }
variants: { base: {} }
`);
  const spot = new Float64Array(HOURS).fill(40);
  spot.fill(500, 300, 306);
  const flags = new Uint8Array(HOURS).fill(DR_PRICE, 300, 306);
  const world = { ...drawWorld(s.world, s.horizon, 1, 0), spotUSDPerMWh: spot, demandResponse: { flags, fourCpPeakH: new Int32Array(0) } };
  const m = run(s, 'base', world);
  assert.ok(near(m.curtailedDemandResponseMWh, FLEET_MW * 6));
  assert.ok(near(m.demandResponseCreditsUSD, 25 * FLEET_MW * 6));
  assert.ok(near(m.powerCostUSD, 40 * FLEET_MW * (HOURS - 6)), 'nothing bought at 500 USD/MWh');
  // drawWorld flags the same hours from a spot path of its own: the world's flags follow its prices.
  const drawn = drawWorld(s.world, s.horizon, 1, 0);
  drawn.spotUSDPerMWh!.forEach((p, h) => assert.is(drawn.demandResponse!.flags[h] !== 0, p >= 300));
});

test('ASIC failures take the same share of any fleet; the fleet runs what is left', () => {
  const s = scenario('', `  small: { mining: { failures: { rate: 0.5, leadTime: 60 days } } }
  large: { mining: { failures: { rate: 0.5, leadTime: 60 days }, capacity: 72.9 MW } }`);
  const world = drawWorld(s.world, s.horizon, 2, 0);
  const small = run(s, 'small', world), large = run(s, 'large', world);
  const share = small.curtailedFailureMWh / (FLEET_MW * HOURS);
  // An established fleet: about AFR·τ/(1 + AFR·τ) ≈ 7.6 % broken, from a pool of 2,000 machines.
  assert.ok(share > 0.04 && share < 0.12, `${share}`);
  assert.ok(near(large.curtailedFailureMWh / (2 * FLEET_MW * HOURS), share), 'the pool’s fraction, whatever the fleet size');
  assert.ok(near(small.miningEnergyMWh, FLEET_MW * HOURS - small.curtailedFailureMWh));
  assert.ok(near(small.deliveredHashrateEHs, FLEET_EHS * (1 - share)));
});

test('a fleet schedule adds machines at their date and pays for them (and any new facility MW) then', () => {
  const s = scenario('', `  grow:
    mining:
      models: { S23: { hashrate: 580 TH/s, power: 5510 W, price: 20 USD/TH } }
      schedule:
        - { date: 2026-07-01, add: 1000, model: S23 }
        - { date: 2026-08-01, retire: 5000 }
  built:
    finance: { miningFacility: 300000 USD/MW }
    mining:
      models: { S23: { hashrate: 580 TH/s, power: 5510 W, price: 20 USD/TH } }
      schedule:
        - { date: 2026-07-01, add: 1000, model: S23 }
        - { date: 2026-08-01, retire: 5000 }
        - { date: 2026-08-15, add: 10 MW }
  flat: {}`, ', existing: 36.45 MW');
  const world = drawWorld(s.world, s.horizon, 1, 0);
  const grow = run(s, 'grow', world), flat = run(s, 'flat', world);
  const jul = 30 * 24, aug = 61 * 24;
  const mw = FLEET_MW * HOURS + 1000 * 0.00551 * (HOURS - jul) - 5000 * 0.003645 * (HOURS - aug);
  assert.ok(near(grow.miningEnergyMWh, mw), `${grow.miningEnergyMWh} vs ${mw}`);
  const ehs = (FLEET_EHS * HOURS + 0.58 * (HOURS - jul) - 1.35 * (HOURS - aug)) / HOURS;
  assert.ok(near(grow.deliveredHashrateEHs, ehs), `${grow.deliveredHashrateEHs} vs ${ehs}`);
  assert.ok(near(grow.capexUSD - flat.capexUSD, 1000 * 580 * 20), 'machines at their price per TH/s');
  // With facility capex: July's 5.51 MW are new halls; August's purchase refills retired MW, no new hall.
  const built = run(s, 'built', world);
  const machines = 1000 * 580 * 20 + Math.floor(10 / 0.003645) * 270 * 0;
  assert.ok(near(built.capexUSD - flat.capexUSD, machines + 5.51 * 300000, 1e-9), `${built.capexUSD - flat.capexUSD}`);
});

test('the site world is a function of (seed, replication) alone, drawn only when used; layouts share it read-only', () => {
  const s = scenario('weather: {}, outages: { rate: 10 }, backup: { capacity: 1 MW }, demandResponse: { fourCp: {} }', `  a: { mining: { cooling: { technology: air }, failures: { rate: 0.1 } } }
  b: { mining: { cooling: { technology: hydro }, failures: { rate: 0.1 } }, site: { backup: { capacity: 0 MW } } }`);
  const x = drawWorld(s.world, s.horizon, 5, 2), y = drawWorld(s.world, s.horizon, 5, 2);
  assert.equal(Array.from(x.weather!.dryBulbC), Array.from(y.weather!.dryBulbC));
  assert.equal(Array.from(x.demandResponse!.flags), Array.from(y.demandResponse!.flags));
  assert.equal(Array.from(x.backupStartDraws!), Array.from(y.backupStartDraws!));
  assert.is(x.backupStartDraws!.length, x.outagesH.length);
  assert.equal(Array.from(x.asicAvailableByDay![0].byDay), Array.from(y.asicAvailableByDay![0].byDay));
  assert.not.equal(Array.from(drawWorld(s.world, s.horizon, 5, 3).weather!.dryBulbC), Array.from(x.weather!.dryBulbC));
  // Adding the site's components leaves the market and network draws as they were.
  const plain = drawWorld(scenario('', '  p: {}').world, s.horizon, 5, 2);
  assert.equal(Array.from(plain.priceUSD), Array.from(x.priceUSD));
  assert.is(plain.weather, undefined);
  assert.is(plain.demandResponse, undefined);
  assert.is(plain.asicAvailableByDay, undefined);
  // Running the layouts in either order gives the same results: nothing in the world is written.
  const forward = s.variants.map((v) => runCampus(v, x, s.world, s.horizon).metrics);
  const backward = [...s.variants].reverse().map((v) => runCampus(v, x, s.world, s.horizon).metrics).reverse();
  assert.equal(forward, backward);
});

test.run();
