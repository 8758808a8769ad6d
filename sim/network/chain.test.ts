import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunningStats } from '../core/stats/running-stats.js';
import { randomStream } from '../core/stream.js';
import { type BlockMode, Chain } from './chain.js';
import { bitsFromDifficulty, difficultyFromBits, hashrateTHsForDifficulty } from './difficulty.js';
import { EpochWork } from './epoch-work.js';

const K = 4; // standard errors allowed; seeds are fixed
const BITS = bitsFromDifficulty(148.26e12);
const D0 = difficultyFromBits(BITS);
const H_EQ = hashrateTHsForDifficulty(D0); // finds a block every 600 s at D0
const EPOCH_START = 461 * 2016; // 929,376: a retarget height

function chain(mode: BlockMode, replication: number, startHeight = EPOCH_START): Chain {
  const stream = (c: string) => randomStream(99, replication, c);
  return new Chain({
    mode,
    startHeight,
    startBits: BITS,
    startUnixSeconds: 1_767_225_600,
    work: new EpochWork(stream('epochs'), startHeight % 2016),
    blockRng: mode === 'block' ? stream('blocks') : undefined,
  });
}

const within = (x: number, expected: number, se: number, what: string) =>
  assert.ok(Math.abs(x - expected) <= K * se, `${what}: ${x} vs ${expected} (SE ${se})`);

test('constant hashrate: retargets average +0.1 % (Core off-by-one and Jensen), i.e. near 0', () => {
  const changes = new RunningStats();
  for (let r = 0; r < 400; r++) {
    const c = chain('epoch', r);
    c.advance(24 * 20, H_EQ); // past the first retarget
    changes.push(c.epochDifficulty[1] / c.epochDifficulty[0] - 1);
  }
  // span covers 2015 intervals of mean 600 s: E[T/span] = (2016/2015)·(2015/2014) − 1 ≈ +0.099 %.
  within(changes.mean, (2016 / 2015) * (2015 / 2014) - 1, changes.standardError, 'mean retarget');
  assert.ok(Math.abs(changes.mean) < 0.005, 'near 0 %');
});

test('constant hashrate: 144 blocks a day on average in both modes (143.86 in equilibrium)', () => {
  // In equilibrium each epoch's difficulty is D*·(2016/2015)/G with G ~ Gamma(2015)/2015, so the
  // mean interval is 600·2016/2014 s: 86400/600.6 = 143.86 blocks a day.
  const expected = (86400 / 600) * (2014 / 2016);
  for (const mode of ['block', 'epoch'] as const) {
    const perDay = new RunningStats();
    for (let r = 0; r < 60; r++) {
      const c = chain(mode, r);
      c.advance(24 * 60, H_EQ); // settle into equilibrium
      const before = c.blocksMined();
      c.advance(24 * 60 + 8766, H_EQ);
      perDay.push(((c.blocksMined() - before) / 8766) * 24);
    }
    within(perDay.mean, expected, perDay.standardError, `${mode} blocks/day`);
    assert.ok(Math.abs(perDay.mean - 144) < 0.5, `${mode}: ${perDay.mean} blocks/day`);
  }
});

test('a +20 % hashrate step moves the next retarget by +20 % (+20.12 % with the off-by-one)', () => {
  const changes = new RunningStats();
  for (let r = 0; r < 300; r++) {
    const c = chain('epoch', r);
    c.advance(24 * 20, 1.2 * H_EQ);
    changes.push(c.epochDifficulty[1] / c.epochDifficulty[0] - 1);
  }
  within(changes.mean, 1.2 * (2016 / 2015) * (2015 / 2014) - 1, changes.standardError, 'retarget after +20 %');
});

test('a tenfold hashrate jump is clamped to a fourfold difficulty', () => {
  const c = chain('block', 1);
  c.advance(24 * 5, 10 * H_EQ);
  assert.ok(Math.abs(c.epochDifficulty[1] / c.epochDifficulty[0] - 4) < 1e-4, `×${c.epochDifficulty[1] / c.epochDifficulty[0]}`);
});

test('the halving happens exactly when block 1,049,999 is mined (per-block mode)', () => {
  const c = chain('block', 3, 1_049_990);
  while (c.halvingsH.length === 0) c.advance(c.nowH + 0.01, H_EQ);
  const at = c.halvingsH[0];
  assert.is(c.nextHeight() >= 1_050_000, true);
  const d = chain('block', 3, 1_049_990);
  d.advance(at - 1e-9, H_EQ);
  assert.is(d.nextHeight(), 1_049_999, 'just before: block 1,049,999 still being mined');
  d.advance(at + 1e-9, H_EQ);
  assert.is(d.nextHeight(), 1_050_000, 'just after: the first block with the halved subsidy');
  assert.ok(at > 0 && at < 10, `10 blocks take about 100 minutes, got ${at} h`);
});

test('per-block and per-epoch modes agree in distribution: epoch lengths match 2016/λ and 2016/λ²', () => {
  const lambda = 6; // blocks per hour at H_EQ and D0
  for (const mode of ['block', 'epoch'] as const) {
    const lengths = new RunningStats();
    for (let r = 0; r < 500; r++) {
      const c = chain(mode, 1000 + r);
      c.advance(24 * 30, H_EQ);
      lengths.push(c.epochStartH[1] - c.epochStartH[0]);
    }
    within(lengths.mean, 2016 / lambda, Math.sqrt(2016) / lambda / Math.sqrt(500), `${mode} mean epoch length`);
    // SE of a sample variance of near-normal data: σ²·√(2/(n−1)).
    within(lengths.variance, 2016 / lambda ** 2, (2016 / lambda ** 2) * Math.sqrt(2 / 499), `${mode} epoch-length variance`);
  }
});

test('a chain started mid-epoch finishes the epoch with the blocks it has left', () => {
  const c = chain('epoch', 5, EPOCH_START + 2000);
  c.advance(24, H_EQ);
  assert.is(c.epochStartHeight[1], EPOCH_START + 2016);
  assert.ok(c.epochStartH[1] > 0.5 && c.epochStartH[1] < 6, `16 blocks ≈ 2.7 h, got ${c.epochStartH[1]}`);
});

test('the same draws give the same chain; a different hashrate replays the same work', () => {
  const a = chain('epoch', 7), b = chain('epoch', 7);
  a.advance(24 * 100, H_EQ);
  b.advance(24 * 100, H_EQ);
  assert.equal(a.epochStartH, b.epochStartH);
  // Double the hashrate: the same work is done in half the time for the first epoch.
  const c = chain('epoch', 7);
  c.advance(24 * 100, 2 * H_EQ);
  assert.ok(Math.abs(c.epochStartH[1] - a.epochStartH[1] / 2) < 1e-9);
});

test.run();
