/**
 * An hourly weather series read from a CSV the scenario names, instead of a generated one:
 *
 *   # comments and blank lines are skipped
 *   time,dry_bulb_c,relative_humidity          (or: hour,dry_bulb_c,wet_bulb_c)
 *   2026-01-01T00:00Z,8.1,71
 *
 * The time column is `hour` (0, 1, 2, … from the horizon start) or `time` (ISO 8601; no zone means
 * UTC). Humidity is `wet_bulb_c` (used as is) or `relative_humidity` in percent (→ wet bulb by
 * Stull 2011). Rows must run hour by hour from the horizon start without gaps for at least the
 * horizon; rows past it are not read. Other columns are ignored. Every mistake is a ScenarioError
 * naming file, line, column and the CSV column, which the CLI prints as one line.
 */
import { ParameterError } from '../core/parameter-error.js';
import { type Cell, splitCells } from '../core/csv/cells.js';
import { parseIsoTimeMs } from '../site/calendar.js';
import { stullWetBulbC, type WeatherSeries } from '../site/weather.js';
import { MAX_DATA_FILE_BYTES, readNamedDataFile } from './data-file.js';
import { ScenarioError } from './scenario-error.js';

const TEMP_RANGE = 'a temperature in °C within [−60, 60]';

export function readWeatherCsv(file: string, hours: number, startUnixSeconds: number): WeatherSeries {
  return parseWeatherCsv(readNamedDataFile(file, MAX_DATA_FILE_BYTES), file, hours, startUnixSeconds);
}

/** Parses the first `hours` hourly rows of a weather CSV for a horizon starting at `startUnixSeconds`. */
export function parseWeatherCsv(text: string, file: string, hours: number, startUnixSeconds: number): WeatherSeries {
  if (!Number.isInteger(hours) || hours < 1) throw new ParameterError('weather', 'hours', 'a whole number ≥ 1', String(hours));
  const dryBulbC = new Float64Array(hours);
  const wetBulbC = new Float64Array(hours);
  const lines = text.split(/\r?\n/);
  let header: Cell[] | undefined;
  let timeAt = -1, dryAt = -1, wetAt = -1, rhAt = -1, timeName = '';
  let rows = 0, lastLine = 0;

  for (let i = 0; i < lines.length && rows < hours; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineNo = i + 1;
    const cells = splitCells(raw);
    const fail = (cell: Cell, column: string, problem: string, expected?: string): never => {
      throw new ScenarioError(file, lineNo, cell.column, column, problem, expected);
    };

    if (!header) {
      header = cells;
      const names = cells.map((c) => c.text.toLowerCase());
      names.forEach((n, k) => {
        if (n !== '' && names.indexOf(n) !== k) fail(cells[k], 'header', `column '${n}' appears twice`);
      });
      const find = (name: string) => names.indexOf(name);
      const hourAt = find('hour'), isoAt = find('time');
      if (hourAt >= 0 && isoAt >= 0) fail(cells[isoAt], 'header', "has both 'hour' and 'time' columns", 'one time column');
      timeAt = hourAt >= 0 ? hourAt : isoAt;
      timeName = hourAt >= 0 ? 'hour' : 'time';
      dryAt = find('dry_bulb_c');
      wetAt = find('wet_bulb_c');
      rhAt = find('relative_humidity');
      const expected = "columns 'hour' or 'time', 'dry_bulb_c', and 'wet_bulb_c' or 'relative_humidity'";
      if (timeAt < 0) fail(cells[0], 'header', "has no time column ('hour' or 'time')", expected);
      if (dryAt < 0) fail(cells[0], 'header', "has no 'dry_bulb_c' column", expected);
      if (wetAt < 0 && rhAt < 0) fail(cells[0], 'header', "has no humidity column ('wet_bulb_c' or 'relative_humidity')", expected);
      continue;
    }

    if (cells.length < header.length) {
      fail({ text: '', column: raw.length + 1 }, header[cells.length].text, `missing: the row has ${cells.length} cells, the header ${header.length}`, 'one cell per column');
    }
    if (cells.length > header.length) fail(cells[header.length], 'row', `has ${cells.length} cells, the header ${header.length}`, 'one cell per column');

    // Time: hour `rows` of the horizon, exactly.
    const timeCell = cells[timeAt];
    const hour = timeName === 'hour' ? Number(timeCell.text) : (parseIsoTimeMs(timeCell.text) - startUnixSeconds * 1000) / 3_600_000;
    if (timeCell.text === '' || !Number.isFinite(hour)) {
      fail(timeCell, timeName, `'${timeCell.text}' is not a ${timeName === 'hour' ? 'number' : 'date-time'}`, timeName === 'hour' ? 'a whole hour from the horizon start (0, 1, 2, …)' : 'an ISO 8601 date-time like 2026-01-01T00:00Z');
    }
    if (Math.abs(hour - Math.round(hour)) > 1e-9) fail(timeCell, timeName, `'${timeCell.text}' is not on the hour`, 'hourly rows');
    const h = Math.round(hour);
    if (h !== rows) {
      const at = (k: number) => (timeName === 'hour' ? `hour ${k}` : `${new Date(startUnixSeconds * 1000 + k * 3_600_000).toISOString().slice(0, 16)}Z (hour ${k})`);
      if (rows === 0) fail(timeCell, timeName, `the series starts at ${at(h)}`, `the horizon start, ${at(0)}`);
      if (h > rows) fail(timeCell, timeName, `gap: ${h - rows === 1 ? at(rows) : `${at(rows)} … ${at(h - 1)}`} missing`, 'one row for every hour');
      fail(timeCell, timeName, `${at(h)} does not follow ${at(rows - 1)} on the line before`, 'times increasing by one hour a row');
    }

    const dry = number(cells[dryAt], 'dry_bulb_c', TEMP_RANGE, -60, 60, fail);
    let wet: number;
    if (wetAt >= 0) {
      wet = number(cells[wetAt], 'wet_bulb_c', TEMP_RANGE, -60, 60, fail);
      // Half a tenth of slack for rounding in the file; beyond that the columns are swapped or wrong.
      if (wet > dry + 0.05) fail(cells[wetAt], 'wet_bulb_c', `${wet} °C is above the dry bulb ${dry} °C`, 'a wet bulb no warmer than the dry bulb');
    } else {
      wet = stullWetBulbC(dry, number(cells[rhAt], 'relative_humidity', 'a relative humidity in percent within [0, 100]', 0, 100, fail));
    }
    dryBulbC[rows] = dry;
    wetBulbC[rows] = wet < dry ? wet : dry;
    rows++;
    lastLine = lineNo;
  }

  if (!header) throw new ScenarioError(file, 0, 0, '', 'the weather file is empty', "a header row with 'hour' or 'time', 'dry_bulb_c', and 'wet_bulb_c' or 'relative_humidity'");
  if (rows < hours) {
    const problem = rows === 0 ? 'has no data rows' : `ends after ${rows} hours (hour ${rows - 1})`;
    throw new ScenarioError(file, Math.max(lastLine, 1), 1, timeName, problem, `at least ${hours} hourly rows, one for every hour of the horizon`);
  }
  return { dryBulbC, wetBulbC };
}

function number(cell: Cell, column: string, expected: string, min: number, max: number, fail: (cell: Cell, column: string, problem: string, expected?: string) => never): number {
  const x = cell.text === '' ? NaN : Number(cell.text);
  if (!Number.isFinite(x)) fail(cell, column, cell.text === '' ? 'empty cell' : `'${cell.text}' is not a number`, expected);
  if (x < min || x > max) fail(cell, column, `${x} is out of range`, expected);
  return x;
}
