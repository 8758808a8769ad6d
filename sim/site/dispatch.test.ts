import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../core/stream.js';
import { Allocation, billUSDPerH, marginalPriceUSDPerMWh, shareSupply, soldUSDPerH } from './dispatch.js';

const demands = (...mw: number[]) => Float64Array.from(mw);

test('loads are served in shed order: the last is shed first, the first last', () => {
  const a = new Allocation(3);
  shareSupply(100, demands(30, 20, 80), a);
  assert.equal([...a.servedMW], [30, 20, 50]);
  assert.equal([...a.shedMW], [0, 0, 30]);
  assert.equal([...a.availableMW], [100, 70, 50], 'each load sees what those before it left');
  shareSupply(40, demands(30, 20, 80), a);
  assert.equal([...a.servedMW], [30, 10, 0]);
  assert.equal([...a.shedMW], [0, 10, 80]);
  shareSupply(12, demands(30, 20, 80), a);
  assert.equal([...a.servedMW], [12, 0, 0]);
  shareSupply(Infinity, demands(30, 20, 80), a);
  assert.equal([...a.shedMW], [0, 0, 0]);
});

test('property: over random inputs the allocation is feasible, work-conserving and in shed order', () => {
  const rng = randomStream(7, 0, 'shed');
  const tol = 1e-9;
  for (let i = 0; i < 20_000; i++) {
    const n = 1 + Math.floor(rng.next() * 5);
    const a = new Allocation(n);
    // Some demands exactly zero, some supplies exactly on a load's boundary.
    const d = Float64Array.from({ length: n }, () => (rng.next() < 0.15 ? 0 : 200 * rng.next()));
    const pick = rng.next();
    const boundary = d.slice(0, Math.floor(rng.next() * (n + 1))).reduce((x, y) => x + y, 0);
    const supply = pick < 0.1 ? 0 : pick < 0.4 ? boundary : 400 * rng.next();
    shareSupply(supply, d, a);
    let served = 0;
    for (let k = 0; k < n; k++) {
      assert.ok(a.servedMW[k] >= 0 && a.servedMW[k] <= d[k], `served ≤ demand (case ${i})`);
      assert.ok(a.shedMW[k] >= 0 && Math.abs(a.servedMW[k] + a.shedMW[k] - d[k]) <= tol, `served + shed = demand (case ${i})`);
      // A load loses power only when every load after it in the order has lost all of its own.
      if (a.shedMW[k] > 0) for (let j = k + 1; j < n; j++) assert.is(a.servedMW[j], 0, `load ${k} shed while ${j} runs (case ${i})`);
      served += a.servedMW[k];
    }
    assert.ok(served <= supply + tol, `within the supply (case ${i})`);
    // Work-conserving: nothing is shed while power is left over.
    assert.ok(Math.abs(served - Math.min(supply, d.reduce((x, y) => x + y, 0))) <= tol, `serves min(supply, demand) (case ${i})`);
  }
});

test('the bill: the block is paid whether used or not, spot beyond it, the unused block sold back where allowed', () => {
  const contract = { ppaBlockMW: 100, ppaPriceUSDPerMWh: 40, sellBack: true };
  const bill = (drawMW: number, gridUp = true, c = contract) => {
    const sold = soldUSDPerH(drawMW, gridUp, c, 25);
    return { sold, cost: billUSDPerH(drawMW, gridUp, c, 25, sold) };
  };
  assert.equal(bill(70), { sold: 30 * 25, cost: 100 * 40 - 30 * 25 });
  assert.equal(bill(130), { sold: 0, cost: 100 * 40 + 30 * 25 });
  assert.is(bill(70, true, { ...contract, sellBack: false }).cost, 100 * 40, 'an unsellable surplus is simply paid for');
  assert.equal(bill(0, false), { sold: 0, cost: 0 }, 'nothing is bought or sold with the grid down');
});

test('the marginal MWh costs spot, except inside a block whose surplus cannot be sold', () => {
  const contract = { ppaBlockMW: 100, ppaPriceUSDPerMWh: 40, sellBack: false };
  assert.is(marginalPriceUSDPerMWh(80, contract, 25), 0);
  assert.is(marginalPriceUSDPerMWh(120, contract, 25), 25);
  assert.is(marginalPriceUSDPerMWh(80, { ...contract, sellBack: true }, 25), 25);
});

test('bad input is refused with the field named', () => {
  const a = new Allocation(3);
  assert.throws(() => shareSupply(NaN, demands(1, 1, 1), a), /dispatch: supplyMW must be a power ≥ 0 MW \(Infinity for no limit\), got NaN/);
  assert.throws(() => shareSupply(10, demands(1, -2, 1), a), /dispatch: demandsMW\[1\] must be a demand ≥ 0 MW, got -2/);
  assert.throws(() => shareSupply(10, demands(1, 1, Infinity), a), /dispatch: demandsMW\[2\] must be a demand ≥ 0 MW, got Infinity/);
});

test.run();
