/**
 * `site.weather` → a WeatherSource: a climate (central Texas unless overridden, key by key), or an
 * hourly CSV named relative to the scenario file and read once, here, so a bad file fails at load.
 */
import { echo } from '../core/echo.js';
import { parseWeatherCsv } from './weather-csv.js';
import { checkWeather, type WeatherSpec } from '../site/weather.js';
import { parseDataFile, readDataFile } from './data-file.js';
import type { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';
import type { Horizon, WeatherSource } from './types.js';
import { build } from './world-config.js';

export const WEATHER_AT: KeyPath = ['site', 'weather'];

/** Scenario keys by the WeatherSpec field they set, for messages from the model's own checks. */
const KEYS: Readonly<Record<string, string>> = {
  meanTempC: 'mean',
  annualAmplitudeC: 'seasonalAmplitude',
  warmestDayOfYear: 'warmestDay',
  dailyAmplitudeC: 'dailyAmplitude',
  warmestHourOfDay: 'warmestHour',
  noiseSdC: 'noise',
  noiseAutocorrelationPerHour: 'persistence',
  meanRelativeHumidity: 'humidity',
  dewPointNoiseSdC: 'dewPointNoise',
};

export function readWeather(r: ScenarioReader, horizon: Horizon): WeatherSource {
  const at = WEATHER_AT;
  if (r.has([...at, 'csv'])) {
    const others = Object.keys(r.raw(at) as object).filter((k) => k !== 'csv');
    if (others.length > 0) r.fail([...at, others[0]], `'${echo(others[0])}' has no effect when the weather is read from a CSV`, 'either csv, or climate keys');
    const data = readDataFile(r, [...at, 'csv']);
    const series = parseDataFile(r, [...at, 'csv'], data, () => parseWeatherCsv(data.text, data.file, Math.ceil(horizon.hours - 1e-9), horizon.startUnixSeconds));
    return { kind: 'series', series, file: data.file };
  }
  // Persistence is the e-folding time of the weather noise: φ = exp(−1 h / τ).
  const persistenceH = r.read([...at, 'persistence']);
  const spec: WeatherSpec = {
    meanTempC: r.read([...at, 'mean']),
    annualAmplitudeC: r.read([...at, 'seasonalAmplitude']),
    warmestDayOfYear: r.read([...at, 'warmestDay']),
    dailyAmplitudeC: r.read([...at, 'dailyAmplitude']),
    warmestHourOfDay: r.read([...at, 'warmestHour']),
    noiseSdC: r.read([...at, 'noise']),
    noiseAutocorrelationPerHour: persistenceH === 0 ? 0 : Math.exp(-1 / persistenceH),
    meanRelativeHumidity: r.read([...at, 'humidity']),
    dewPointNoiseSdC: r.read([...at, 'dewPointNoise']),
  };
  build(r, at, () => checkWeather(spec), KEYS);
  return { kind: 'model', spec };
}
