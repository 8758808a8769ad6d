import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../scenario/load.js';
import { DEFAULT_COOLING } from '../site/cooling.js';
import { derateAt } from '../site/derate-curve.js';
import { runCampus } from './campus.js';
import type { CampusMetrics as Metrics } from './metrics.js';
import { drawWorld } from './world.js';

/** Replication `r` of every variant of a shipped scenario, each run under --check. */
function replication(file: string, r: number): Record<string, Metrics> {
  const s = loadScenario(file);
  const world = drawWorld(s.world, s.horizon, s.study.seed, r);
  return Object.fromEntries(s.variants.map((v) => [v.name, runCampus(v, world, s.world, s.horizon, { check: true }).metrics]));
}

const sumsToTotal = (m: Metrics) => Math.abs(m.miningEnergyMWh + m.gpuItEnergyMWh + m.coolingEnergyMWh - m.energyMWh) <= 1e-9 * m.energyMWh;

test('texas-heatwave: the heat costs air-cooled mining hashrate that immersion keeps, and a leased hall availability; 4CP pays only those who curtail', () => {
  for (const r of [0, 1]) {
    const m = replication('scenarios/texas-heatwave.yaml', r);
    assert.ok(m['air-cooled'].curtailedCoolingMWh > 0, 'a Texas summer is hot enough to derate air-cooled machines');
    // Immersion fluid has headroom to 45 °C: at most the odd hour past it.
    assert.ok(m.immersion.curtailedCoolingMWh < 0.05 * m['air-cooled'].curtailedCoolingMWh);
    assert.ok(m.immersion.coolingEnergyMWh < m['air-cooled'].coolingEnergyMWh / 3, 'immersion PUE ≈ 1.05 against air’s 1.2–1.5');
    assert.ok(m['air-cooled'].demandResponseCreditsUSD > 0 && m['air-cooled'].curtailedDemandResponseMWh > 0);
    assert.is(m['air-cooled-no-4cp'].demandResponseCreditsUSD, 0);
    assert.ok(m['immersion-ai-hall'].gpuCloudRevenueUSD > 0);
    for (const [name, x] of Object.entries(m)) assert.ok(sumsToTotal(x), `${name}: energy by use sums to the total`);
    // The site has no outages: all the leased IT not delivered is what the chillers' default curve
    // could not hold of the 10 MW at each hour's dry bulb.
    const s = loadScenario('scenarios/texas-heatwave.yaml');
    const dry = drawWorld(s.world, s.horizon, s.study.seed, r).weather!.dryBulbC;
    let heatMWh = 0;
    for (let h = 0; h < Math.ceil(s.horizon.hours); h++) heatMWh += 10 * (1 - derateAt(DEFAULT_COOLING['liquid-chiller'].capacity, dry[h]));
    const leased = m['immersion-leased-hall'];
    assert.ok(Math.abs(leased.leaseUndeliveredMWh - heatMWh) <= 1e-9 * Math.max(1, heatMWh), `${leased.leaseUndeliveredMWh} vs ${heatMWh}`);
    assert.ok(leased.leaseRentUSD > 0 && (r !== 0 || leased.slaCreditsUSD > 0), 'replication 0’s heat dome costs the tenant availability');
  }
});

test('outage-stress: backup keeps a lease inside its SLA and a GPU cloud lit longer; the grid is the same for all', () => {
  for (const r of [0, 1, 2]) {
    const m = replication('scenarios/outage-stress.yaml', r);
    const hours = new Set(Object.values(m).map((x) => x.outageHours));
    assert.is(hours.size, 1, 'one world: the same outages for every layout');
    assert.ok(m['lease-backup'].slaCreditsUSD <= m['lease-no-backup'].slaCreditsUSD);
    assert.ok(m['cloud-backup'].gpuDowntimeHours <= m['cloud-half-backup'].gpuDowntimeHours);
    assert.ok(m['cloud-half-backup'].gpuDowntimeHours <= m['cloud-no-backup'].gpuDowntimeHours);
    assert.ok(Math.abs(m['cloud-no-backup'].gpuDowntimeHours - m['cloud-no-backup'].outageHours) < 1e-9, 'without backup the hall is dark for every outage');
    assert.ok(m['cloud-backup'].backupEnergyMWh > 0 || m['cloud-backup'].outageHours === 0);
    for (const [name, x] of Object.entries(m)) assert.ok(sumsToTotal(x), `${name}: energy by use sums to the total`);
  }
});

test.run();
