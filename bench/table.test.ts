import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toFigure } from './figure.js';
import { compact, figuresTable, formatTable } from './table.js';

test('compact keeps three significant digits with k and M', () => {
  assert.equal([8_612_345, 752_000, 1_234, 22.46, 0.999].map(compact), ['8.61M', '752k', '1.23k', '22.5', '0.999']);
});

test('a table pads every column to its widest cell', () => {
  assert.is(formatTable(['a', 'bb'], [['ccc', 'd'], ['e', 'f']]), 'a    bb\n---  --\nccc  d\ne    f');
});

test('the figures table shows the median, the spread of runs and the normalised figure', () => {
  const t = figuresTable([toFigure('world.5y.per-block', 'worlds/s', true, { values: [240, 250, 260], references: [1e7, 1e7, 1e7, 1e7] }, 'r')]);
  assert.match(t, /world\.5y\.per-block\s+250 worlds\/s \(4\.00 ms each\)\s+240–260 \(3\)\s+25\.0 \(24\.0–26\.0\)\s+yes/);
});

test.run();
