import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fppsBtcPerHour, hashpriceUSDPerPHDay } from './hashprice.js';
import { blockSubsidyBTC, blockSubsidySats, nextHalvingHeight } from './subsidy.js';

test('the subsidy halves exactly at block 1,050,000 (3.125 → 1.5625 BTC)', () => {
  assert.is(blockSubsidyBTC(1_049_999), 3.125);
  assert.is(blockSubsidyBTC(1_050_000), 1.5625);
  assert.is(blockSubsidyBTC(840_000), 3.125);
  assert.is(blockSubsidyBTC(839_999), 6.25);
  assert.is(blockSubsidySats(0), 5_000_000_000);
  assert.is(nextHalvingHeight(929_376), 1_050_000);
  assert.is(nextHalvingHeight(1_050_000), 1_260_000);
});

test('the subsidy follows the integer shift of Bitcoin Core down to zero after 64 halvings', () => {
  for (let k = 0; k < 64; k++) {
    const expected = Number(5_000_000_000n >> BigInt(k));
    assert.is(blockSubsidySats(k * 210_000), expected, `halving ${k}`);
  }
  assert.is(blockSubsidySats(64 * 210_000), 0);
  assert.is(blockSubsidySats(33 * 210_000), 0, 'the shift reaches zero after 33 halvings');
});

test('hashprice check: D = 148.26 T, $91,132, fees 0.55 % → ≈ $38.9/PH/day (Hashrate Index reported $39.53)', () => {
  const hp = hashpriceUSDPerPHDay(148.26e12, 3.125, 0.0055, 91_132);
  assert.ok(Math.abs(hp - 38.9) < 0.05, `hashprice ${hp}`);
});

test('FPPS revenue is linear in hashrate, net of the pool fee', () => {
  const one = fppsBtcPerHour(1000, 148e12, 3.125, 0, 0);
  assert.ok(Math.abs(fppsBtcPerHour(3000, 148e12, 3.125, 0, 0) - 3 * one) < 1e-18);
  assert.ok(Math.abs(fppsBtcPerHour(1000, 148e12, 3.125, 0, 0.02) - 0.98 * one) < 1e-18);
  // The whole network (H = D·2³²/600) earns 6 blocks an hour.
  const networkTHs = (148e12 * 2 ** 32) / 600 / 1e12;
  assert.ok(Math.abs(fppsBtcPerHour(networkTHs, 148e12, 3.125, 0, 0) - 6 * 3.125) < 1e-9);
});

test.run();
