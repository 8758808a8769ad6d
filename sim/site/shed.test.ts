import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../core/stream.js';
import { allocateLoad, LoadAllocation } from './shed.js';

test('mining is shed first, then on-demand HPC, contracted HPC last', () => {
  const a = new LoadAllocation();
  allocateLoad(100, 30, 20, 80, a);
  assert.equal([a.contractedHpcMW, a.onDemandHpcMW, a.miningMW], [30, 20, 50]);
  assert.equal([a.shedContractedHpcMW, a.shedOnDemandHpcMW, a.shedMiningMW], [0, 0, 30]);
  allocateLoad(40, 30, 20, 80, a);
  assert.equal([a.contractedHpcMW, a.onDemandHpcMW, a.miningMW], [30, 10, 0]);
  assert.equal([a.shedContractedHpcMW, a.shedOnDemandHpcMW, a.shedMiningMW], [0, 10, 80]);
  allocateLoad(12, 30, 20, 80, a);
  assert.equal([a.contractedHpcMW, a.onDemandHpcMW, a.miningMW], [12, 0, 0]);
  allocateLoad(Infinity, 30, 20, 80, a);
  assert.is(a.shedMW, 0);
  assert.is(a.servedMW, 130);
});

test('property: over random inputs the allocation is feasible, work-conserving and in priority order', () => {
  const rng = randomStream(7, 0, 'shed');
  const a = new LoadAllocation();
  const tol = 1e-9;
  for (let i = 0; i < 20_000; i++) {
    // Some demands exactly zero, some availabilities exactly on a class boundary.
    const demand = () => (rng.next() < 0.15 ? 0 : 200 * rng.next());
    const c = demand(), o = demand(), m = demand();
    const pick = rng.next();
    const available = pick < 0.1 ? 0 : pick < 0.2 ? c : pick < 0.3 ? c + o : pick < 0.4 ? c + o + m : 400 * rng.next();
    allocateLoad(available, c, o, m, a);
    const served = [a.contractedHpcMW, a.onDemandHpcMW, a.miningMW];
    const shed = [a.shedContractedHpcMW, a.shedOnDemandHpcMW, a.shedMiningMW];
    const demands = [c, o, m];
    for (let k = 0; k < 3; k++) {
      assert.ok(served[k] >= 0 && served[k] <= demands[k], `served ≤ demand (case ${i})`);
      assert.ok(shed[k] >= 0 && Math.abs(served[k] + shed[k] - demands[k]) <= tol, `served + shed = demand (case ${i})`);
    }
    assert.ok(a.servedMW <= available + tol, `within the available power (case ${i})`);
    // Work-conserving: nothing is shed while power is left over.
    assert.ok(Math.abs(a.servedMW - Math.min(available, c + o + m)) <= tol, `serves min(available, demand) (case ${i})`);
    // Priority: a class loses power only when every class below it has lost all of its own.
    if (a.shedContractedHpcMW > 0) assert.ok(a.onDemandHpcMW === 0 && a.miningMW === 0, `contracted shed while others run (case ${i})`);
    if (a.shedOnDemandHpcMW > 0) assert.is(a.miningMW, 0, `on-demand shed while mining runs (case ${i})`);
  }
});

test('bad input is refused with the field named', () => {
  const a = new LoadAllocation();
  assert.throws(() => allocateLoad(NaN, 1, 1, 1, a), /shed: availableMW must be a power ≥ 0 MW \(Infinity for no limit\), got NaN/);
  assert.throws(() => allocateLoad(10, 1, -2, 1, a), /shed: onDemandHpcMW must be a demand ≥ 0 MW, got -2/);
  assert.throws(() => allocateLoad(10, 1, 1, Infinity, a), /shed: miningMW must be a demand ≥ 0 MW, got Infinity/);
});

test.run();
