import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toFigure } from './figure.js';
import { judge } from './gate.js';
import { compact, figuresTable, formatTable, gateTable } from './table.js';

test('compact keeps three significant digits with k and M', () => {
  assert.equal([8_612_345, 752_000, 1_234, 22.46, 0.999].map(compact), ['8.61M', '752k', '1.23k', '22.5', '0.999']);
});

test('a table pads every column to its widest cell', () => {
  assert.is(formatTable(['a', 'bb'], [['ccc', 'd'], ['e', 'f']]), 'a    bb\n---  --\nccc  d\ne    f');
});

test('the gate table gives each side, the median pair ratio with its range, and the verdict', () => {
  const pairs = (change: number[], reference = 100) => change.map((c, k) => ({ change: c, reference, changeFirst: k % 2 === 0 }));
  const t = gateTable([
    judge('engine.hold.1k', 'events/s', pairs([50, 52, 48, 50, 51, 49, 50])),
    judge('hpc', 'halls/s', pairs([70, 95, 80])),
    judge('mmc', 'customers/s', pairs([95, 99, 101])),
    judge('world', 'worlds/s', pairs([70, 71, 72]), { allowance: { lowest: 0.6, why: 'the network is a fleet' } }),
    judge('new.one', 'u', undefined),
  ]);
  const [head, , slow, noisy, fine, accepted, fresh] = t.split('\n');
  assert.match(head, /verdict \(margin 10 %\)/);
  assert.match(slow, /^engine\.hold\.1k\s+100 events\/s\s+50\.0\s+0\.500 \(0\.48–0\.52, 7\)\s+FAIL: 50\.0 % slower, 7 of 7 pairs below the floor \(0\.90\)$/);
  assert.match(noisy, /^hpc\s+100 halls\/s\s+80\.0\s+0\.800 \(0\.70–0\.95, 3\)\s+unclear: 20\.0 % slower, but only 2 of 3 pairs below the floor — too noisy to prove$/);
  assert.match(fine, /^mmc\s+100 customers\/s\s+99\.0\s+0\.990 \(0\.95–1\.01, 3\)\s+ok$/);
  assert.match(accepted, /ok, accepted down to 0\.60: the network is a fleet$/);
  assert.match(fresh, /^new\.one\s+new: the reference commit has no such benchmark$/);
});

test('the figures table shows the median, the spread of runs and the normalised figure', () => {
  const t = figuresTable([toFigure('world.5y.per-block', 'worlds/s', true, { values: [240, 250, 260], references: [1e7, 1e7, 1e7, 1e7] }, 'r')]);
  assert.match(t, /world\.5y\.per-block\s+250 worlds\/s \(4\.00 ms each\)\s+240–260 \(3\)\s+25\.0 \(24\.0–26\.0\)\s+yes/);
});

test.run();
