import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../scenario/load.js';
import { drawInputs } from '../scenario/uncertain.js';
import { runCampus } from './campus.js';
import type { CampusMetrics as Metrics } from './metrics.js';
import { drawWorld } from './world.js';

/** Replication `r` of every variant of a shipped scenario, its uncertain inputs drawn, each run under --check. */
function replication(file: string, r: number): Record<string, Metrics> {
  const loaded = loadScenario(file);
  const s = loaded.uncertain.length ? loaded.withInputs(drawInputs(loaded.uncertain, loaded.study.seed, r)) : loaded;
  const world = drawWorld(s.world, s.horizon, s.study.seed, r);
  return Object.fromEntries(s.variants.map((v) => [v.name, runCampus(v, world, s.world, s.horizon, { check: true }).metrics]));
}

test('capital-raise: six layouts run with every invariant checked; GPU layouts earn from compute, the others do not', () => {
  const m = replication('scenarios/capital-raise.yaml', 0);
  assert.equal(Object.keys(m), ['current-fleet', 'colocation-lease', 'expand-mining', 'gpu-cloud', 'balanced', 'staged-pivot']);
  for (const name of ['current-fleet', 'expand-mining']) {
    assert.is(m[name].computeRevenueShare, 0);
    assert.ok(Number.isNaN(m[name].gpuUtilisation));
  }
  for (const name of ['gpu-cloud', 'balanced', 'staged-pivot']) {
    assert.ok(m[name].gpuCloudRevenueUSD > 0 && m[name].gpuUtilisation > 0 && m[name].gpuUtilisation <= 1, name);
  }
  // The pivot converts mining halls: after mid-2028 it mines with fewer machines than expand-mining.
  assert.ok(m['staged-pivot'].miningEnergyMWh < m['expand-mining'].miningEnergyMWh);
  // The 0 % notes: equity NPV differs from project NPV by the same amount in every layout.
  const lift = Object.values(m).map((x) => x.equityNpvUSD - x.npvUSD);
  assert.ok(lift.every((x) => Math.abs(x - lift[0]) < 1e-3 && x > 0), `${lift}`);
});

test('gpu-price-collapse: contracts earn reserved revenue that on-demand does not; the sweep adds a variant per share', () => {
  const m = replication('scenarios/gpu-price-collapse.yaml', 0);
  assert.is(m['on-demand'].reservedRevenueUSD, 0);
  assert.ok(m.contracted.reservedRevenueUSD > 0);
  const swept = ['on-demand share=0.2', 'on-demand share=0.4', 'on-demand share=0.6'].map((n) => m[n].reservedRevenueUSD);
  assert.ok(swept[0] > 0 && swept[0] < swept[1] && swept[1] < swept[2], `${swept}`);
  assert.ok(m.colocation.leaseRentUSD > 0 && m.colocation.gpuCloudRevenueUSD === 0);
});

test('halving-2028: the newer fleets deliver more hashrate from the same 200 MW, at a capex the old fleet does not pay', () => {
  const m = replication('scenarios/halving-2028.yaml', 0);
  assert.is(m['keep-s21'].capexUSD, 0);
  assert.ok(m['s21-xp'].capexUSD > m['s21-hydro'].capexUSD && m['s21-hydro'].capexUSD > 0);
  // Nominal: 11.4 EH/s of S21s against 14.8 of S21 XPs in 200 MW; both may curtail, the XPs less.
  assert.ok(m['s21-xp'].deliveredHashrateEHs > m['keep-s21'].deliveredHashrateEHs);
  assert.ok(m['s21-xp'].breakEvenBtcUSD < m['keep-s21'].breakEvenBtcUSD, 'a more efficient fleet mines a BTC for less');
});

test.run();
