import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stullWetBulbC } from '../site/weather.js';
import type { ScenarioError } from './scenario-error.js';
import { scenarioFailure } from './scenario-failure.test-support.js';
import { parseWeatherCsv } from './weather-csv.js';

const START = Date.UTC(2026, 0, 1) / 1000;
const csv = (rows: string[]) => rows.join('\n');
const csvError = (text: string, hours: number): ScenarioError => scenarioFailure(() => parseWeatherCsv(text, 'w.csv', hours, START), 'the weather CSV');

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
