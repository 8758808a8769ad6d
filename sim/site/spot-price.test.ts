import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../core/stream.js';
import { NO_PRICE_LIMITS, spotPricePath, type SpotPriceSpec } from './spot-price.js';

const FLAT: SpotPriceSpec = { medianUSDPerMWh: 40, reversionPerYear: 200, volatilityPerSqrtYear: 0, hourOfDay: Array(24).fill(1), seasonalAmplitude: 0, peakDay: 0, spikesPerYear: 0, spikeSize: 4, spikeHours: 3, ...NO_PRICE_LIMITS };

test('negative spells: Poisson arrivals at their rate, each its hours long at its price', () => {
  // 100 spells a year of 4 h over 4 years: Poisson(400) spells (one cannot start inside another: a
  // loss of rate of 100 × 4 / 8766 ≈ 5 %, so the expected count is ≈ 400 / 1.046).
  const p = spotPricePath({ ...FLAT, negativePerYear: 100, negativeHours: 4, negativeUSDPerMWh: -20 }, 4 * 8766, 0, randomStream(3, 0, 'spot'));
  assert.ok(p.every((x) => x === 40 || x === -20), 'the flat price, or the spell price');
  const hours = p.filter((x) => x < 0).length;
  assert.is(hours % 4, 0, 'whole spells of 4 h');
  const expected = 400 / (1 + (100 * 4) / 8766);
  assert.ok(Math.abs(hours / 4 - expected) <= 4 * Math.sqrt(expected), `${hours / 4} spells vs ${expected.toFixed(0)}`);
});

test('the floor and cap hold every hour; without negative spells or limits the path is unchanged draw for draw', () => {
  const wild = { ...FLAT, volatilityPerSqrtYear: 30, spikesPerYear: 200, spikeSize: 99 };
  const free = spotPricePath(wild, 8766, 0, randomStream(8, 0, 'spot'));
  assert.ok(Math.max(...free) > 5000, 'the free path spikes past 5,000');
  const capped = spotPricePath({ ...wild, capUSDPerMWh: 5000, floorUSDPerMWh: 10 }, 8766, 0, randomStream(8, 0, 'spot'));
  assert.ok(capped.every((x, h) => x === Math.min(5000, Math.max(10, free[h]))), 'the same path, clipped');
  const floored = spotPricePath({ ...FLAT, negativePerYear: 50, negativeUSDPerMWh: -400, floorUSDPerMWh: -250 }, 8766, 0, randomStream(9, 0, 'spot'));
  assert.ok(floored.some((x) => x === -250) && floored.every((x) => x >= -250), 'a spell below the floor is held at it');
});

test('a floor at or above the cap, or a spell priced at or above zero, is refused', () => {
  assert.throws(() => spotPricePath({ ...FLAT, floorUSDPerMWh: 100, capUSDPerMWh: 100 }, 10, 0, randomStream(1, 0, 'spot')), /floor below the cap/);
  assert.throws(() => spotPricePath({ ...FLAT, negativePerYear: 1, negativeUSDPerMWh: 0 }, 10, 0, randomStream(1, 0, 'spot')), /below 0/);
});

test.run();
