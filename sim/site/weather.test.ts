import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunningStats } from '../core/stats/running-stats.js';
import { randomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import { dayOfYear, hoursFromStart, monthSpans, parseIsoTimeMs } from './calendar.js';
import { parseWeatherCsv } from './weather-csv.js';
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

// ── Weather CSV ──────────────────────────────────────────────────────────────

const START = Date.UTC(2026, 0, 1) / 1000;
const csv = (rows: string[]) => rows.join('\n');
const csvError = (text: string, hours: number): ScenarioError => {
  try {
    parseWeatherCsv(text, 'w.csv', hours, START);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
};

test('weather CSV: hours or ISO times, wet bulb or relative humidity; rows past the horizon unread', () => {
  const byHour = parseWeatherCsv(csv(['# site record', 'hour,dry_bulb_c,wet_bulb_c', '0,10,8', '1,11,8.5', '', '2,12,9', '3,13,9']), 'w.csv', 3, START);
  assert.equal(Array.from(byHour.dryBulbC), [10, 11, 12]);
  assert.equal(Array.from(byHour.wetBulbC), [8, 8.5, 9]);
  const byTime = parseWeatherCsv(csv(['time,station,dry_bulb_c,relative_humidity', '2026-01-01T00:00Z,x,20,50', '2026-01-01T01:00Z,x,22,45']), 'w.csv', 2, START);
  assert.ok(Math.abs(byTime.wetBulbC[0] - stullWetBulbC(20, 50)) < 1e-12);
  assert.equal(Array.from(byTime.dryBulbC), [20, 22]);
  // A zone moves the clock: 01:00+01:00 is midnight UTC.
  const zoned = parseWeatherCsv(csv(['time,dry_bulb_c,wet_bulb_c', '2026-01-01T01:00+01:00,5,4']), 'w.csv', 1, START);
  assert.equal(Array.from(zoned.dryBulbC), [5]);
});

test('weather CSV errors name file, line, column and the CSV column', () => {
  const gap = csvError(csv(['hour,dry_bulb_c,wet_bulb_c', '0,10,8', '1,10,8', '4,10,8']), 5);
  assert.is(gap.message, 'w.csv:4:1: hour: gap: hour 2 … hour 3 missing; expected one row for every hour');
  const back = csvError(csv(['time,dry_bulb_c,wet_bulb_c', '2026-01-01T00:00,10,8', '2026-01-01T01:00,10,8', '2026-01-01T01:00,10,8']), 5);
  assert.match(back.message, /^w\.csv:4:1: time: 2026-01-01T01:00Z \(hour 1\) does not follow 2026-01-01T01:00Z \(hour 1\)/);
  const late = csvError(csv(['time,dry_bulb_c,wet_bulb_c', '2026-01-01T03:00,10,8']), 5);
  assert.match(late.message, /w\.csv:2:1: time: the series starts at 2026-01-01T03:00Z \(hour 3\); expected the horizon start/);
  const short = csvError(csv(['hour,dry_bulb_c,wet_bulb_c', '0,10,8', '1,10,8']), 8766);
  assert.is(short.message, 'w.csv:3:1: hour: ends after 2 hours (hour 1); expected at least 8766 hourly rows, one for every hour of the horizon');
  const text = csvError(csv(['hour, dry_bulb_c, wet_bulb_c', '0, 10, 8', '1, warm, 8']), 2);
  assert.is(text.message, "w.csv:3:4: dry_bulb_c: 'warm' is not a number; expected a temperature in °C within [−60, 60]");
  assert.is(text.line, 3);
  assert.is(text.column, 4);
  const rh = csvError(csv(['hour,dry_bulb_c,relative_humidity', '0,10,180']), 1);
  assert.match(rh.message, /w\.csv:2:6: relative_humidity: 180 is out of range; expected a relative humidity in percent within \[0, 100\]/);
  const swapped = csvError(csv(['hour,dry_bulb_c,wet_bulb_c', '0,8,10']), 1);
  assert.match(swapped.message, /w\.csv:2:5: wet_bulb_c: 10 °C is above the dry bulb 8 °C/);
  const missing = csvError(csv(['hour,dry_bulb_c,wet_bulb_c', '0,8']), 1);
  assert.match(missing.message, /w\.csv:2:4: wet_bulb_c: missing/);
  const noHumidity = csvError(csv(['hour,dry_bulb_c']), 1);
  assert.match(noHumidity.message, /w\.csv:1:1: header: has no humidity column/);
  const empty = csvError('# nothing here\n', 1);
  assert.is(empty.message, "w.csv: the weather file is empty; expected a header row with 'hour' or 'time', 'dry_bulb_c', and 'wet_bulb_c' or 'relative_humidity'");
});

test.run();
