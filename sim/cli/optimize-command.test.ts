import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { joinNegativeValues } from './flags.js';
import { optimizeSettings } from './optimize-command.js';
import { UsageError } from './user-error.js';

const FILE = { file: 'x.yaml' };

test('a loss limit reads as a probability or a percentage, with a default tolerance that leaves room on both sides', () => {
  assert.equal(optimizeSettings({ ...FILE, 'max-loss-probability': '0.1' }).lossLimit, { below: 0, maxProbability: 0.1, tolerance: 0.02 });
  assert.equal(optimizeSettings({ ...FILE, 'max-loss-probability': '10%', 'loss-tolerance': '1%', 'loss-below': '-100M' }).lossLimit, { below: -100e6, maxProbability: 0.1, tolerance: 0.01 });
  // A limit of 2 %: the default 0.02 would leave nothing to find within it; half the room instead.
  assert.is(optimizeSettings({ ...FILE, 'max-loss-probability': '0.02' }).lossLimit!.tolerance, 0.01);
  assert.is(optimizeSettings(FILE).lossLimit, undefined);
});

test('a bad loss limit is one usage error naming the flag and what was expected', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ 'max-loss-probability': '0' }, /--max-loss-probability must be a probability in \(0, 1\) such as 0\.1 or 10%, got '0'/],
    [{ 'max-loss-probability': '1.5' }, /--max-loss-probability must be a probability in \(0, 1\)/],
    [{ 'max-loss-probability': 'ten' }, /--max-loss-probability must be a probability/],
    [{ 'max-loss-probability': '0.1', 'loss-tolerance': '0.1' }, /--loss-tolerance must be below 0\.1, the room --max-loss-probability 0\.1 leaves to 0 or 1, got 0\.1/],
    [{ 'max-loss-probability': '0.95', 'loss-tolerance': '0.06' }, /--loss-tolerance must be below 0\.05/],
    [{ 'max-loss-probability': '0.1', 'loss-tolerance': '-0.01' }, /--loss-tolerance must be a probability/],
    [{ 'max-loss-probability': '0.1', 'loss-below': 'lots' }, /--loss-below must be an amount in USD/],
    [{ 'loss-tolerance': '0.01' }, /--loss-tolerance qualifies --max-loss-probability, which was not given/],
    [{ 'loss-below': '-5M' }, /--loss-below qualifies --max-loss-probability/],
    [{ pcs: '2' }, /--pcs must be a probability in \(0, 1\)/],
  ];
  for (const [flags, message] of cases) {
    try {
      optimizeSettings({ ...FILE, ...flags });
      assert.unreachable(JSON.stringify(flags));
    } catch (e) {
      assert.instance(e, UsageError, JSON.stringify(flags));
      assert.match((e as Error).message, message);
      assert.not.match((e as Error).message, /\n/);
    }
  }
});

test('a negative amount after a flag is its value, not a bundle of short flags', () => {
  assert.equal(joinNegativeValues(['optimize', 'f.yaml', '--loss-below', '-100M', '--max-loss-probability', '0.1']), ['optimize', 'f.yaml', '--loss-below=-100M', '--max-loss-probability', '0.1']);
  assert.equal(joinNegativeValues(['--target', '-.5B', '-q']), ['--target=-.5B', '-q']);
  // A short flag after a long one, and a value already joined, are left alone.
  assert.equal(joinNegativeValues(['--quiet', '-q', '--loss-below=-1M']), ['--quiet', '-q', '--loss-below=-1M']);
});

test.run();
