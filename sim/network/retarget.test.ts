import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compactFromTarget, targetFromCompact } from './compact.js';
import { bitsFromDifficulty, difficultyFromBits, difficultyForHashrate, hashrateTHsForDifficulty } from './difficulty.js';
import { calculateNextWorkRequired, POW_LIMIT, TARGET_TIMESPAN_SECONDS } from './retarget.js';

const hex = (x: number) => `0x${x.toString(16).padStart(8, '0')}`;

test("Bitcoin Core's own retarget cases (src/test/pow_tests.cpp): mainnet blocks 32255, 2015, 68543, 46367", () => {
  // No clamp applies: the first difficulty increase, at block 32256.
  assert.is(hex(calculateNextWorkRequired(0x1d00ffff, 1261130161, 1262152739)), '0x1d00d86a');
  // A slow epoch at difficulty 1: the target would exceed powLimit and is capped.
  assert.is(hex(calculateNextWorkRequired(0x1d00ffff, 1231006505, 1233061996)), '0x1d00ffff');
  // A fast epoch, clamped at a quarter of the target timespan.
  assert.is(hex(calculateNextWorkRequired(0x1c05a3f4, 1279008237, 1279297671)), '0x1c0168fd');
  // A slow epoch, clamped at four times the target timespan.
  assert.is(hex(calculateNextWorkRequired(0x1c387f6f, 1263163443, 1269211443)), '0x1d00e1fd');
});

test('the clamps hold at ¼ and 4 times the timespan, whatever lies beyond them', () => {
  const bits = 0x17025105; // a 2025-era target
  const t0 = 1_700_000_000;
  const quarter = calculateNextWorkRequired(bits, t0, t0 + TARGET_TIMESPAN_SECONDS / 4);
  assert.is(calculateNextWorkRequired(bits, t0, t0 + 1), quarter);
  assert.is(calculateNextWorkRequired(bits, t0, t0 - 5000), quarter, 'a negative span (timestamps out of order) clamps too');
  const fourfold = calculateNextWorkRequired(bits, t0, t0 + 4 * TARGET_TIMESPAN_SECONDS);
  assert.is(calculateNextWorkRequired(bits, t0, t0 + 40 * TARGET_TIMESPAN_SECONDS), fourfold);
  const d = difficultyFromBits(bits);
  assert.ok(Math.abs(difficultyFromBits(quarter) / d - 4) < 1e-4, 'difficulty ×4 at the lower clamp');
  assert.ok(Math.abs(difficultyFromBits(fourfold) / d - 0.25) < 1e-4, 'difficulty ÷4 at the upper clamp');
  assert.is(calculateNextWorkRequired(bits, t0, t0 + TARGET_TIMESPAN_SECONDS), bits, 'an on-time epoch keeps its target');
});

test('compact encoding matches arith_uint256 SetCompact/GetCompact', () => {
  const cases: Array<[number, bigint, number]> = [
    [0x00000000, 0n, 0x00000000],
    [0x00123456, 0n, 0x00000000],
    [0x01003456, 0n, 0x00000000],
    [0x02000056, 0n, 0x00000000],
    [0x01123456, 0x12n, 0x01120000],
    [0x02123456, 0x1234n, 0x02123400],
    [0x03123456, 0x123456n, 0x03123456],
    [0x04123456, 0x12345600n, 0x04123456],
    [0x05009234, 0x92340000n, 0x05009234],
    [0x20123456, 0x123456n << 232n, 0x20123456],
  ];
  for (const [bits, target, back] of cases) {
    const d = targetFromCompact(bits);
    assert.is(d.target, target, `SetCompact(${hex(bits)})`);
    assert.not.ok(d.negative || d.overflow);
    assert.is(hex(compactFromTarget(d.target)), hex(back), `GetCompact(SetCompact(${hex(bits)}))`);
  }
  const negative = targetFromCompact(0x04923456);
  assert.ok(negative.negative);
  assert.is(negative.target, 0x12345600n);
  assert.is(hex(compactFromTarget(negative.target, true)), '0x04923456');
  assert.ok(targetFromCompact(0xff123456).overflow);
  assert.is(hex(compactFromTarget(0x80n)), '0x02008000', 'a mantissa with the sign bit set moves a byte into the size');
});

test('difficulty and bits: difficulty 1 is 0x1d00ffff; round trips keep 16 bits of precision', () => {
  assert.is(difficultyFromBits(0x1d00ffff), 1);
  assert.is(bitsFromDifficulty(1), 0x1d00ffff);
  assert.is(bitsFromDifficulty(0.5), 0x1d00ffff, 'easier than powLimit is capped at powLimit');
  for (const d of [1.5, 1e6, 148.26e12, 155.97e12, 3.3e17]) {
    const back = difficultyFromBits(bitsFromDifficulty(d));
    assert.ok(Math.abs(back / d - 1) < 2 ** -15, `${d} → ${back}`);
    assert.ok(targetFromCompact(bitsFromDifficulty(d)).target <= POW_LIMIT);
  }
  assert.throws(() => bitsFromDifficulty(-1), /difficulty must be a finite number > 0/);
});

test('hashrate ↔ difficulty: H = D·2³²/600 (148.26 T ≈ 1,061 EH/s)', () => {
  const ths = hashrateTHsForDifficulty(148.26e12);
  assert.ok(Math.abs(ths / 1e6 - 1061.3) < 0.1, `${ths / 1e6} EH/s`);
  assert.ok(Math.abs(difficultyForHashrate(ths) / 148.26e12 - 1) < 1e-12);
});

test('bad arguments are refused with the accepted range', () => {
  assert.throws(() => calculateNextWorkRequired(-1, 0, 1), /bits must be a 32-bit unsigned integer/);
  assert.throws(() => calculateNextWorkRequired(0x1d00ffff, NaN, 1), /block times must be finite/);
});

test.run();
