import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunningStats } from '../core/stats/running-stats.js';
import { randomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { dayOfYear, hoursFromStart, monthSpans, parseIsoTimeMs } from './calendar.js';
import { CENTRAL_TEXAS_WEATHER, stullWetBulbC, stullWetBulbTabulatedC, type WeatherSpec, weatherSeries } from './weather.js';

const K = 4;

test('Stull’s wet bulb gives his published check value: 20 °C at 50 % RH → 13.7 °C', () => {
  // Stull 2011 quotes 13.7 °C (one decimal), so the formula must land within half a tenth of it.
  assert.ok(Math.abs(stullWetBulbC(20, 50) - 13.7) < 0.05, `${stullWetBulbC(20, 50)}`);
  // And it behaves: below the dry bulb, rising with humidity, never above the dry bulb near saturation.
  assert.ok(stullWetBulbC(35, 20) < stullWetBulbC(35, 60));
  assert.ok(stullWetBulbC(30, 100) <= 30 && stullWetBulbC(30, 100) > 29);
});

test('the tabulated Stull formula stays within 1e-4 °C of the closed form over its whole range', () => {
  let worst = 0;
  for (let t = -20; t <= 50; t += 0.7) {
    for (let rh = 0; rh <= 100; rh += 0.013) worst = Math.max(worst, Math.abs(stullWetBulbTabulatedC(t, rh) - stullWetBulbC(t, rh)));
  }
  assert.ok(worst < 1e-4, `worst ${worst} °C`);
});

// Four years of 8766 h: a whole number of annual cycles (and days), so the cycles average out
// exactly and the projections below are unbiased.
const YEARS = 4;
const HOURS = YEARS * HOURS_PER_YEAR;
const REPS = 12;
const spec: WeatherSpec = { ...CENTRAL_TEXAS_WEATHER, noiseAutocorrelationPerHour: 0.97 };

test('dry bulb: mean, annual and daily amplitudes, noise sd and hourly autocorrelation match the spec', () => {
  const { meanTempC: mu, annualAmplitudeC: A, dailyAmplitudeC: a, noiseSdC: sigma, noiseAutocorrelationPerHour: phi } = spec;
  const start = 17; // a start day that is not the warmest day's phase
  const means = new RunningStats(), annualCos = new RunningStats(), annualSin = new RunningStats(), daily = new RunningStats();
  const r1 = new RunningStats(), variance = new RunningStats();
  for (let r = 0; r < REPS; r++) {
    const { dryBulbC: t } = weatherSeries(spec, HOURS, start, randomStream(11, r, 'site.weather'));
    let sum = 0, c = 0, s = 0, d = 0, xx = 0, xy = 0;
    let prev = 0;
    for (let h = 0; h < HOURS; h++) {
      const theta = (2 * Math.PI * (start + h / 24 - spec.warmestDayOfYear)) / 365.25;
      const dailyTheta = (2 * Math.PI * ((h % 24) - spec.warmestHourOfDay)) / 24;
      sum += t[h];
      c += t[h] * Math.cos(theta);
      s += t[h] * Math.sin(theta);
      d += t[h] * Math.cos(dailyTheta);
      // The noise is what the two cycles leave.
      const x = t[h] - mu - A * Math.cos(theta) - a * Math.cos(dailyTheta);
      xx += x * x;
      if (h > 0) xy += prev * x;
      prev = x;
    }
    means.push(sum / HOURS);
    annualCos.push((2 * c) / HOURS);
    annualSin.push((2 * s) / HOURS);
    daily.push((2 * d) / HOURS);
    r1.push(xy / xx);
    variance.push(xx / HOURS);
  }
  const n = HOURS * REPS;
  // AR(1) with sd σ: the sum of autocovariances is σ²(1+φ)/(1−φ), which sets the variance of a mean
  // (÷ n) and of a projection on a slow cosine (× 2/n). At the daily frequency ω the spectrum is
  // σ²(1−φ²)/(1 − 2φ cos ω + φ²).
  const longRun = (sigma * sigma * (1 + phi)) / (1 - phi);
  const seMean = Math.sqrt(longRun / n);
  const seAnnual = Math.sqrt((2 * longRun) / n);
  const omega = (2 * Math.PI) / 24;
  const seDaily = Math.sqrt((2 * sigma * sigma * (1 - phi * phi)) / (1 - 2 * phi * Math.cos(omega) + phi * phi) / n);
  assert.ok(Math.abs(means.mean - mu) <= K * seMean, `mean ${means.mean} vs ${mu} ± ${K * seMean}`);
  assert.ok(Math.abs(annualCos.mean - A) <= K * seAnnual, `annual amplitude ${annualCos.mean} vs ${A} ± ${K * seAnnual}`);
  assert.ok(Math.abs(annualSin.mean) <= K * seAnnual, `warmest day off by a phase: sin part ${annualSin.mean}`);
  assert.ok(Math.abs(daily.mean - a) <= K * seDaily, `daily amplitude ${daily.mean} vs ${a} ± ${K * seDaily}`);
  // Lag-1 autocorrelation: Bartlett's variance (1 − φ²)/n; the known-mean estimator's bias is O(φ/n), far inside.
  const seR1 = Math.sqrt((1 - phi * phi) / n);
  assert.ok(Math.abs(r1.mean - phi) <= K * seR1 + 2 / HOURS, `autocorrelation ${r1.mean} vs ${phi} ± ${K * seR1}`);
  // Sample variance of an AR(1): relative sd √(2(1+φ²)/((1−φ²)n)).
  const seVar = Math.sqrt((2 * (1 + phi * phi)) / ((1 - phi * phi) * n));
  assert.ok(Math.abs(variance.mean / (sigma * sigma) - 1) <= K * seVar, `noise variance ${variance.mean} vs ${sigma * sigma}`);
});

test('humidity: constant moisture through a day, so relative humidity falls as it warms; wet bulb ≤ dry bulb', () => {
  // No noise, no seasons: the dew point stays where RH = 60 % at the mean temperature.
  const calm: WeatherSpec = { ...spec, annualAmplitudeC: 0, noiseSdC: 0, dewPointNoiseSdC: 0, meanRelativeHumidity: 0.6, meanTempC: 25, dailyAmplitudeC: 6 };
  const { dryBulbC, wetBulbC } = weatherSeries(calm, 48, 0, randomStream(1, 0, 'w'));
  const at = (hour: number) => ({ t: dryBulbC[hour], w: wetBulbC[hour] });
  // At 09:00 and 21:00 the daily cosine is zero: the mean temperature, so RH is 60 % there.
  for (const hour of [9, 21]) {
    assert.ok(Math.abs(at(hour).t - 25) < 1e-9);
    // The hourly loop reads Stull's RH terms from a table: within 1e-4 °C of the closed form.
    assert.ok(Math.abs(at(hour).w - stullWetBulbC(25, 60)) < 1e-4, `${at(hour).w}`);
  }
  // The afternoon is hotter and relatively drier: its wet bulb rises by less than its dry bulb.
  const afternoon = at(15), night = at(3);
  assert.ok(afternoon.t - night.t > 11.9);
  assert.ok(afternoon.w - night.w < afternoon.t - night.t - 3, 'wet bulb swings less than dry bulb');
  assert.ok(afternoon.w > night.w);
  const wild = weatherSeries(spec, 2 * HOURS_PER_YEAR, 100, randomStream(2, 0, 'w'));
  assert.ok(wild.wetBulbC.every((w, h) => w <= wild.dryBulbC[h]), 'never wetter than saturation');
});

test('the same stream gives the same weather; another replication gives other weather', () => {
  const a = weatherSeries(spec, 1000, 0, randomStream(5, 3, 'site.weather'));
  const b = weatherSeries(spec, 1000, 0, randomStream(5, 3, 'site.weather'));
  const c = weatherSeries(spec, 1000, 0, randomStream(5, 4, 'site.weather'));
  assert.equal(a.dryBulbC, b.dryBulbC);
  assert.not.equal(a.dryBulbC, c.dryBulbC);
});

test('bad weather parameters name the field and the accepted range', () => {
  assert.throws(() => weatherSeries({ ...spec, noiseAutocorrelationPerHour: 1 }, 10, 0, randomStream(1, 0, 'w')), /weather: noiseAutocorrelationPerHour must be an autocorrelation in \[0, 1\), got 1/);
  assert.throws(() => weatherSeries({ ...spec, meanRelativeHumidity: 0 }, 10, 0, randomStream(1, 0, 'w')), /meanRelativeHumidity must be a relative humidity in \(0, 1\]/);
});

test('calendar: ISO times without a zone are UTC; month spans clip to the horizon', () => {
  assert.is(parseIsoTimeMs('2026-01-01T06:00'), Date.UTC(2026, 0, 1, 6));
  assert.is(parseIsoTimeMs('2026-01-01 06:00:00+02:00'), Date.UTC(2026, 0, 1, 4));
  assert.is(parseIsoTimeMs('2026-01-01T06:00:00.000Z'), Date.UTC(2026, 0, 1, 6));
  assert.ok(Number.isNaN(parseIsoTimeMs('2026-02-30')));
  assert.ok(Number.isNaN(parseIsoTimeMs('yesterday')));
  const start = Date.UTC(2026, 0, 15) / 1000;
  assert.is(hoursFromStart('2026-01-16', start), 24);
  assert.is(dayOfYear(start), 14);
  const spans = monthSpans(start, 24 * 40);
  assert.equal(spans.map((m) => [m.month, m.startH, m.endH]), [[0, 0, 17 * 24], [1, 17 * 24, 40 * 24]]);
});

test.run();
