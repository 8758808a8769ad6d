import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ratioFigure, toFigure } from './figure.js';

test('a figure carries the fields of a --json line: the rate, its spread and the normalised figure', () => {
  const f = toFigure('engine.hold.1k', 'events/s', true, { values: [4e6, 5e6, 6e6], references: [1e7, 1e7, 1e7, 1e7] }, 'bench/calibration-heap');
  assert.equal(Object.keys(f).sort(), ['gated', 'max', 'median', 'min', 'name', 'normalised', 'normalisedBy', 'normalisedMax', 'normalisedMin', 'normalisedUnit', 'reference', 'runs', 'unit', 'value']);
  assert.equal(
    { name: f.name, value: f.value, unit: f.unit, median: f.median, min: f.min, max: f.max, runs: f.runs, gated: f.gated, reference: f.reference, normalisedBy: f.normalisedBy },
    { name: 'engine.hold.1k', value: 5e6, unit: 'events/s', median: 5e6, min: 4e6, max: 6e6, runs: 3, gated: true, reference: 1e7, normalisedBy: 'bench/calibration-heap' },
  );
});

test('the normalised figure is work per million reference operations, from the median of paired ratios', () => {
  // The middle run is slowed by a burst that the references around it missed.
  const f = toFigure('world', 'worlds/s', true, { values: [250, 100, 250], references: [1e7, 1e7, 1e7, 1e7] }, 'r');
  assert.is(f.normalised, 25);
  assert.is(f.normalisedMin, 10);
  assert.is(f.normalisedMax, 25);
  assert.is(f.normalisedUnit, 'worlds per M ref ops');
  assert.is(toFigure('x', 'replications/s', false, { values: [1], references: [1e6, 1e6] }, 'r').normalisedUnit, 'replications per M ref ops');
});

test('a ratio between figures is one value, never normalised and never gated', () => {
  assert.equal(ratioFigure('w2-vs-w1', 1.4), { name: 'w2-vs-w1', value: 1.4, unit: 'ratio', median: 1.4, min: 1.4, max: 1.4, runs: 1, gated: false });
});

test.run();
