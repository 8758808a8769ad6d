import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toFigure } from './figure.js';
import { compare } from './gate.js';
import { compact, figuresTable, formatTable, gateTable } from './table.js';

test('compact keeps three significant digits with k and M', () => {
  assert.equal([8_612_345, 752_000, 1_234, 22.46, 0.999].map(compact), ['8.61M', '752k', '1.23k', '22.5', '0.999']);
});

test('a table pads every column to its widest cell', () => {
  assert.is(formatTable(['a', 'bb'], [['ccc', 'd'], ['e', 'f']]), 'a    bb\n---  --\nccc  d\ne    f');
});

test('the gate table names the figure that dropped, by how much, and the margin', () => {
  const t = gateTable([compare('engine.hold.1k', 'events per M ref ops', 700_000, [350_000, 360_000, 340_000]), compare('mmc', 'u', 10, [9.5]), compare('new.one', 'u', undefined, [3])]);
  const [, , slow, fine, fresh] = t.split('\n');
  assert.match(t, /verdict \(margin 25 %\)/);
  assert.match(slow, /^engine\.hold\.1k\s+700k\s+350k, 360k, 340k\s+−48\.6 %\s+FAIL: the best of 3 measurements is 48\.6 % below the baseline$/);
  assert.match(fine, /^mmc\s+10\.0\s+9\.50\s+−5\.0 %\s+ok$/);
  assert.match(fresh, /^new\.one\s+3\.00\s+new: not in the baseline$/);
  assert.match(gateTable([compare('a', 'u', 10, [20])]), /\+100\.0 %\s+ok, faster: --update-baseline to keep it/);
});

test('the figures table shows the median, the spread of runs and the normalised figure', () => {
  const t = figuresTable([toFigure('world.5y.per-block', 'worlds/s', true, { values: [240, 250, 260], references: [1e7, 1e7, 1e7, 1e7] }, 'r')]);
  assert.match(t, /world\.5y\.per-block\s+250 worlds\/s \(4\.00 ms each\)\s+240–260 \(3\)\s+25\.0 \(24\.0–26\.0\)\s+yes/);
});

test.run();
