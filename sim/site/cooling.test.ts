import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { chillerCop } from './chiller-cop.js';
import { COOLING_TECHNOLOGIES, type CoolingSpec, DEFAULT_COOLING } from './cooling.js';
import { checkDerateCurve, derateAt } from './derate-curve.js';
import { mechanicalShare } from './economizer.js';
import { HallCooling } from './hall-cooling.js';
import { CENTRAL_TEXAS_WEATHER, type WeatherSeries, weatherSeries } from './weather.js';

const flat = (hours: number, dryC: number, wetC: number): WeatherSeries => ({
  dryBulbC: new Float64Array(hours).fill(dryC),
  wetBulbC: new Float64Array(hours).fill(wetC),
});

test('chiller COP fit at a hand-computed point, and held at its minimum past the vertex', () => {
  // t = 25 °C, L = 0.5: 16.80 + 0.00884·625 − 8.53·0.25 + 9.89·0.5 − 0.761·25 + 0.0846·0.5·25
  //                   = 16.80 + 5.525 − 2.1325 + 4.945 − 19.025 + 1.0575 = 7.17
  assert.ok(Math.abs(chillerCop(25, 0.5) - 7.17) < 1e-12, `${chillerCop(25, 0.5)}`);
  // Full load, 35 °C: 16.80 + 10.829 − 8.53 + 9.89 − 26.635 + 2.961 = 5.315
  assert.ok(Math.abs(chillerCop(35, 1) - 5.315) < 1e-12);
  // Vertex at full load: t* = (0.761 − 0.0846)/(2·0.00884) = 38.258… °C; hotter is never cheaper.
  const vertex = (0.761 - 0.0846) / (2 * 0.00884);
  assert.is(chillerCop(45, 1), chillerCop(vertex, 1));
  for (let t = 0; t < 60; t += 0.5) assert.ok(chillerCop(t + 0.5, 0.7) <= chillerCop(t, 0.7), `COP rises at ${t} °C`);
  // Below 10 % part load the chiller cycles: held at L = 0.1.
  assert.is(chillerCop(25, 0.01), chillerCop(25, 0.1));
});

test('economizer: all free up to supply − approach, partial to return − approach, none above', () => {
  const supply = 18, ret = 28, approach = 5.5;
  assert.is(mechanicalShare(supply - approach, approach, supply, ret), 0);
  assert.is(mechanicalShare(supply - approach - 10, approach, supply, ret), 0);
  assert.ok(Math.abs(mechanicalShare(supply - approach + 1e-6, approach, supply, ret) - 1e-7) < 1e-12, 'continuous at the supply boundary');
  assert.ok(Math.abs(mechanicalShare((supply + ret) / 2 - approach, approach, supply, ret) - 0.5) < 1e-12);
  assert.ok(Math.abs(mechanicalShare(ret - approach - 1e-6, approach, supply, ret) - (1 - 1e-7)) < 1e-12, 'continuous at the return boundary');
  assert.is(mechanicalShare(ret - approach, approach, supply, ret), 1);
  assert.is(mechanicalShare(40, approach, supply, ret), 1);

  // In a hall: at the boundary the PUE is the free-cooling one; past the return it is all chiller.
  const spec = DEFAULT_COOLING['liquid-chiller'];
  const free = new HallCooling(spec, 10, flat(1, 20, supply - approach));
  assert.ok(Math.abs(free.pue[0] - (1 + spec.fixedOverhead + spec.proportionalOverhead)) < 1e-12);
  const wet = ret - approach + 2;
  const chilled = new HallCooling(spec, 10, flat(1, 30, wet));
  const sink = wet + (spec.mechanical.kind === 'chiller' ? spec.mechanical.condenserApproachC : NaN);
  assert.ok(Math.abs(chilled.pue[0] - (1 + spec.fixedOverhead + spec.proportionalOverhead + 1 / chillerCop(sink, 1))) < 1e-12);
});

test('a hot spell lowers air-cooled capacity, not immersion', () => {
  // Ten mild days, five at 44 °C, ten mild again.
  const hours = 25 * 24;
  const w = flat(hours, 30, 22);
  for (let h = 240; h < 360; h++) {
    w.dryBulbC[h] = 44;
    w.wetBulbC[h] = 26;
  }
  const air = new HallCooling(DEFAULT_COOLING.air, 20, w);
  const immersion = new HallCooling(DEFAULT_COOLING.immersion, 20, w);
  // From the curve: air capacity 35 °C → 1, 45 °C → 0.6, so 0.64 at 44 °C.
  assert.ok(Math.abs(air.capacityFraction[300] - 0.64) < 1e-12);
  assert.ok(Math.abs(air.capacityMW(300) - 12.8) < 1e-9);
  assert.is(air.capacityFraction[100], 1);
  assert.is(air.capacityFraction[400], 1, 'recovers after the spell');
  assert.ok(immersion.capacityFraction.every((f) => f === 1), 'immersion keeps its capacity');
  assert.ok(air.pue[300] > air.pue[100], 'and the air hall works harder for what it keeps');
});

test('PUE is ≥ 1 at every hour and load, and a central-Texas year lands in the DOMAIN §6 ranges', () => {
  // DOMAIN §6: air 1.20–1.50, immersion 1.03–1.10; "~1.05" (hydro) read as ±0.03, "~1.25" (liquid) as ±0.05.
  const ranges: Record<string, [number, number]> = { air: [1.2, 1.5], immersion: [1.03, 1.1], hydro: [1.02, 1.08], 'liquid-chiller': [1.2, 1.3] };
  for (let r = 0; r < 3; r++) {
    const w = weatherSeries(CENTRAL_TEXAS_WEATHER, HOURS_PER_YEAR, 0, randomStream(21, r, 'site.weather'));
    for (const tech of COOLING_TECHNOLOGIES) {
      const hall = new HallCooling(DEFAULT_COOLING[tech], 10, w);
      let sum = 0;
      for (let h = 0; h < hall.hours; h++) {
        sum += hall.pue[h];
        for (const load of [0.05, 0.3, 1]) assert.ok(hall.pueAt(h, load) >= 1, `${tech} PUE ${hall.pueAt(h, load)} at hour ${h}`);
      }
      const mean = sum / hall.hours;
      const [lo, hi] = ranges[tech];
      assert.ok(mean >= lo && mean <= hi, `${tech}: annual PUE ${mean} outside [${lo}, ${hi}]`);
    }
  }
});

test('facility power and the IT it can run are inverse; fixed overhead stays when IT is off', () => {
  const w = flat(3, 35, 26);
  const hall = new HallCooling(DEFAULT_COOLING['liquid-chiller'], 40, w);
  const fixed = DEFAULT_COOLING['liquid-chiller'].fixedOverhead * 40;
  assert.ok(Math.abs(hall.facilityMW(0, 0) - fixed) < 1e-12);
  for (const it of [0.5, 4, 17, 39.9]) {
    const p = hall.facilityMW(1, it);
    assert.ok(Math.abs(hall.pueAt(1, it / 40) - p / it) < 1e-12, 'PUE = facility / IT');
    assert.ok(Math.abs(hall.maxItMW(1, p) - it) < 1e-9, `inverse at ${it} MW`);
  }
  assert.is(hall.maxItMW(1, 1e6), hall.capacityMW(1), 'never more than the cooling holds');
  assert.is(hall.maxItMW(1, fixed / 2), 0);
  const constant = new HallCooling({ ...DEFAULT_COOLING.hydro, constantPue: 1.1 }, 10, w);
  assert.ok(Math.abs(constant.facilityMW(0, 5) - 5.5) < 1e-12);
  assert.is(constant.pueAt(0, 0.2), 1.1);
});

test('bad cooling input names the field and the accepted range', () => {
  const base: CoolingSpec = DEFAULT_COOLING.air;
  const w = flat(2, 20, 15);
  const bad = (spec: CoolingSpec, message: RegExp, designItMW = 10) => assert.throws(() => new HallCooling(spec, designItMW, w), message);
  bad({ ...base, constantPue: 0.95 }, /cooling: constantPue must be a PUE in \[1, 3\], got 0\.95/);
  bad({ ...base, proportionalOverhead: -0.1 }, /cooling: proportionalOverhead must be a share of IT power in \[0, 2\] \(PUE cannot fall below 1\), got -0\.1/);
  bad(base, /cooling: designItMW must be a capacity ≥ 0 MW, got -5/, -5);
  bad({ ...base, capacity: { points: [[35, 1], [40, 0.8], [45, 0.9]], hardLimitC: 50, floorFraction: 0 } }, /cooling: capacity\.points\[2\] must be a fraction ≤ the previous point's 0\.8 \(a derate never rises with temperature\), got 0\.9/);
  bad({ ...base, capacity: { points: [[35, 1], [30, 0.8]], hardLimitC: 50, floorFraction: 0 } }, /cooling: capacity\.points\[1\] must be a temperature above the previous point's 35 °C/);
  bad({ ...base, capacity: { points: [[35, 1.2]], hardLimitC: 50, floorFraction: 0 } }, /cooling: capacity\.points\[0\] must be a fraction in \[0, 1\], got 1\.2/);
  bad({ ...base, capacity: { points: [[35, 1], [45, 0.6]], hardLimitC: 48, floorFraction: 0.7 } }, /cooling: capacity\.floorFraction must be a fraction in \[0, 0\.6\]/);
  bad({ ...base, returnC: 20 }, /cooling: returnC must be a return temperature above the supply \(24 °C\) and ≤ 90 °C, got 20/);
  assert.throws(() => checkDerateCurve({ points: [], hardLimitC: 40, floorFraction: 0 }, 'asic', 'thermal'), /asic: thermal\.points must be a list of at least one/);
});

test('a derate curve is flat beyond its ends and drops to the floor at the hard limit', () => {
  const c = { points: [[30, 1], [40, 0.5]] as [number, number][], hardLimitC: 45, floorFraction: 0.1 };
  assert.is(derateAt(c, -10), 1);
  assert.is(derateAt(c, 35), 0.75);
  assert.is(derateAt(c, 44.9), 0.5);
  assert.is(derateAt(c, 45), 0.1);
  assert.is(derateAt({ ...c, hardLimitC: Infinity }, 100), 0.5);
});

test.run();
