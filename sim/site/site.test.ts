import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunningStats } from '../core/stats/running-stats.js';
import { randomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { outageIntervals } from './outages.js';
import { NO_PRICE_LIMITS, spotPricePath } from './spot-price.js';

const K = 4;

test('grid availability ≈ MTBF / (MTBF + MTTR) (alternating renewal), within 4 SE over 200 replications', () => {
  const spec = { perYear: 4, meanHours: 30, sdHours: 30 };
  const horizon = 20 * HOURS_PER_YEAR;
  const shares = new RunningStats();
  for (let r = 0; r < 200; r++) {
    const down = outageIntervals(spec, horizon, randomStream(3, r, 'outages')).reduce((a, [s, e]) => a + (e - s), 0);
    shares.push(1 - down / horizon);
  }
  const mtbf = HOURS_PER_YEAR / spec.perYear;
  const expected = mtbf / (mtbf + spec.meanHours);
  assert.ok(Math.abs(shares.mean - expected) <= K * shares.standardError, `availability ${shares.mean} vs ${expected}`);
});

test('spot prices: the log price centres on the median with the OU variance σ²/(2κ); spikes multiply the price', () => {
  const spec = { medianUSDPerMWh: 40, reversionPerYear: 200, volatilityPerSqrtYear: 8, hourOfDay: Array(24).fill(1), seasonalAmplitude: 0, peakDay: 0, spikesPerYear: 0, spikeSize: 4, spikeHours: 3, ...NO_PRICE_LIMITS };
  const logs = new RunningStats();
  for (let r = 0; r < 50; r++) {
    // Sample every 200 h: ~2 half-lives apart at κ = 200/year, so nearly independent.
    const p = spotPricePath(spec, 2 * 8766, 0, randomStream(4, r, 'spot'));
    for (let h = 0; h < p.length; h += 200) logs.push(Math.log(p[h]));
  }
  const variance = 8 ** 2 / (2 * 200);
  assert.ok(Math.abs(logs.mean - Math.log(40)) <= K * Math.sqrt(variance / logs.count), `mean log ${logs.mean}`);
  assert.ok(Math.abs(logs.variance / variance - 1) < K * Math.sqrt(2 / logs.count), `variance ${logs.variance} vs ${variance}`);
  const spiky = spotPricePath({ ...spec, volatilityPerSqrtYear: 0, spikesPerYear: 50 }, 8766, 0, randomStream(5, 0, 'spot'));
  const spikes = spiky.filter((x) => x > 199).length / 3; // each lasts 3 h
  // Poisson(50) spikes in a year (they cannot start during one: a 1.7 % loss of rate, negligible).
  assert.ok(Math.abs(spikes - 50) <= K * Math.sqrt(50), `${spikes} spikes`);
  assert.ok(spiky.every((x) => Math.abs(x - 40) < 1e-9 || Math.abs(x - 200) < 1e-9), 'flat price ×5 during spikes');
});

test.run();
