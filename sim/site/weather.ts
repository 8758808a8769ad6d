/**
 * Hourly weather at the site: dry-bulb temperature as an annual cycle plus a daily cycle plus
 * AR(1) noise (weather systems lasting days), and humidity held as a dew point, so the relative
 * humidity falls through a hot afternoon as it does outdoors. Wet bulb follows from both.
 *
 *   T(h)  = μ + A·cos(2π(d(h) − d*)/365.25) + a·cos(2π(hour(h) − h*)/24) + X(h)
 *   X(h)  = φ·X(h−1) + σ·√(1 − φ²)·ε(h)            (stationary sd σ, lag-1 autocorrelation φ)
 *   Td(h) = dew point giving `meanRelativeHumidity` at the day's seasonal mean temperature + Y(day)
 *   Y(day) = φ²⁴·Y(day−1) + σd·√(1 − φ⁴⁸)·η(day)   (moisture moves with weather systems, a step a day)
 *
 * Drawn once per replication into typed arrays and shared by every layout (common random numbers).
 */
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from '../market/check.js';

export interface WeatherSpec {
  /** μ: annual mean dry-bulb temperature, °C. */
  meanTempC: number;
  /** A: half the swing of the seasonal (daily-mean) temperature between winter and summer, °C. */
  annualAmplitudeC: number;
  /** d*: day of the year of the warmest seasonal temperature (0 = 1 January). */
  warmestDayOfYear: number;
  /** a: half the mean swing between night and afternoon, °C. */
  dailyAmplitudeC: number;
  /** h*: hour of the day of the daily maximum (0 = midnight). */
  warmestHourOfDay: number;
  /** σ: stationary standard deviation of the weather noise X, °C. */
  noiseSdC: number;
  /** φ: lag-1 (one hour) autocorrelation of X; a shock decays with e-folding time −1/ln φ hours. */
  noiseAutocorrelationPerHour: number;
  /** Relative humidity (0–1) at the day's seasonal mean temperature: sets the seasonal dew point. */
  meanRelativeHumidity: number;
  /** Stationary standard deviation of the dew-point noise Y, °C. Y steps once a day with φ²⁴. */
  dewPointNoiseSdC: number;
}

/** An hourly weather series: index h is the hour [h, h + 1) of the horizon. */
export interface WeatherSeries {
  readonly dryBulbC: Float64Array;
  readonly wetBulbC: Float64Array;
}

/**
 * A central-Texas year (campus sites in ERCOT). Cycles from NOAA normals for Austin (Camp Mabry) as
 * reported by austinocc.org: January mean high/low 62/41 °F, August 97/75 °F (→ μ ≈ 20.4 °C,
 * A ≈ 9.6 °C, a ≈ 6 °C). The rest are assumptions of ours, set so a year looks like the place: noise
 * σ 2.5 °C with a 2-day e-folding time (synoptic weather systems) gives yearly highs of 40–43 °C
 * (Austin's record is 112 °F, 44 °C); 58 % RH at the day's mean temperature puts August's dew point
 * near 21 °C and its mean wet bulb near 22 °C. Fit them to the site's own hourly record where there is one.
 */
export const CENTRAL_TEXAS_WEATHER: WeatherSpec = {
  meanTempC: 20.4,
  annualAmplitudeC: 9.6,
  warmestDayOfYear: 205,
  dailyAmplitudeC: 6,
  warmestHourOfDay: 15,
  noiseSdC: 2.5,
  noiseAutocorrelationPerHour: Math.exp(-1 / 48),
  meanRelativeHumidity: 0.58,
  dewPointNoiseSdC: 2,
};

export function checkWeather(s: WeatherSpec): void {
  requireModelParameter(finite(s.meanTempC) && s.meanTempC >= -40 && s.meanTempC <= 45, 'weather', 'meanTempC', s.meanTempC, 'a temperature in [−40, 45] °C');
  requireModelParameter(finite(s.annualAmplitudeC) && s.annualAmplitudeC >= 0 && s.annualAmplitudeC <= 40, 'weather', 'annualAmplitudeC', s.annualAmplitudeC, 'an amplitude in [0, 40] °C');
  requireModelParameter(finite(s.warmestDayOfYear) && s.warmestDayOfYear >= 0 && s.warmestDayOfYear < 366, 'weather', 'warmestDayOfYear', s.warmestDayOfYear, 'a day of the year in [0, 366)');
  requireModelParameter(finite(s.dailyAmplitudeC) && s.dailyAmplitudeC >= 0 && s.dailyAmplitudeC <= 25, 'weather', 'dailyAmplitudeC', s.dailyAmplitudeC, 'an amplitude in [0, 25] °C');
  requireModelParameter(finite(s.warmestHourOfDay) && s.warmestHourOfDay >= 0 && s.warmestHourOfDay < 24, 'weather', 'warmestHourOfDay', s.warmestHourOfDay, 'an hour of the day in [0, 24)');
  requireModelParameter(finite(s.noiseSdC) && s.noiseSdC >= 0 && s.noiseSdC <= 20, 'weather', 'noiseSdC', s.noiseSdC, 'a standard deviation in [0, 20] °C');
  requireModelParameter(finite(s.noiseAutocorrelationPerHour) && s.noiseAutocorrelationPerHour >= 0 && s.noiseAutocorrelationPerHour < 1, 'weather', 'noiseAutocorrelationPerHour', s.noiseAutocorrelationPerHour, 'an autocorrelation in [0, 1)');
  requireModelParameter(finite(s.meanRelativeHumidity) && s.meanRelativeHumidity > 0 && s.meanRelativeHumidity <= 1, 'weather', 'meanRelativeHumidity', s.meanRelativeHumidity, 'a relative humidity in (0, 1]');
  requireModelParameter(finite(s.dewPointNoiseSdC) && s.dewPointNoiseSdC >= 0 && s.dewPointNoiseSdC <= 20, 'weather', 'dewPointNoiseSdC', s.dewPointNoiseSdC, 'a standard deviation in [0, 20] °C');
}

// Magnus formula over water, Alduchov & Eskridge 1996 (J. Appl. Meteor. 35:601): ln e_s ∝ a·T/(b + T).
const MAGNUS_A = 17.625;
const MAGNUS_B_C = 243.04;

/** Wet-bulb temperature (°C) from dry bulb (°C) and relative humidity (%), at sea-level pressure. */
export function stullWetBulbC(tempC: number, relativeHumidityPct: number): number {
  // Stull 2011, J. Appl. Meteor. Climatol. 50:2267, eq. 1; fitted for RH 5–99 % and −20…50 °C
  // (errors −1…+0.65 °C), so RH is held to that range rather than extrapolated.
  const rh = clampRh(relativeHumidityPct);
  const tw = tempC * stullSlope(rh) + Math.atan(tempC + rh) + stullOffset(rh);
  // The fit can overshoot by a few tenths near saturation; a wet bulb is never above the dry bulb.
  return tw < tempC ? tw : tempC;
}

const clampRh = (rhPct: number): number => (rhPct < 5 ? 5 : rhPct > 99 ? 99 : rhPct);
// Stull's formula is T·slope(RH) + atan(T + RH) + offset(RH): two of its parts depend on RH alone.
const stullSlope = (rh: number): number => Math.atan(0.151977 * Math.sqrt(rh + 8.313659));
const stullOffset = (rh: number): number => -Math.atan(rh - 1.676331) + 0.00391838 * rh * Math.sqrt(rh) * Math.atan(0.023101 * rh) - 4.686035;

// Those two parts tabulated every 0.05 % RH, read by linear interpolation: within 1e-4 °C of the
// closed form (the fit itself is good to ±1 °C) at a fifth of the cost, for the hourly loop.
const TABLE_STEP_PCT = 0.05;
const TABLE_SIZE = Math.round((99 - 5) / TABLE_STEP_PCT) + 1;
const SLOPE = new Float64Array(TABLE_SIZE + 1);
const OFFSET = new Float64Array(TABLE_SIZE + 1);
for (let i = 0; i <= TABLE_SIZE; i++) {
  const rh = Math.min(99, 5 + i * TABLE_STEP_PCT);
  SLOPE[i] = stullSlope(rh);
  OFFSET[i] = stullOffset(rh);
}

/** stullWetBulbC with its RH-only parts read from a table: the form the hourly weather loop uses. */
export function stullWetBulbTabulatedC(tempC: number, relativeHumidityPct: number): number {
  const rh = clampRh(relativeHumidityPct);
  const x = (rh - 5) / TABLE_STEP_PCT;
  const i = x | 0;
  const f = x - i;
  const slope = SLOPE[i] + f * (SLOPE[i + 1] - SLOPE[i]);
  const offset = OFFSET[i] + f * (OFFSET[i + 1] - OFFSET[i]);
  const tw = tempC * slope + Math.atan(tempC + rh) + offset;
  return tw < tempC ? tw : tempC;
}

/** Hourly dry- and wet-bulb temperatures for `hours` hours, hour 0 starting at midnight of day `startDayOfYear`. */
export function weatherSeries(s: WeatherSpec, hours: number, startDayOfYear: number, rng: RandomStream): WeatherSeries {
  checkWeather(s);
  requireModelParameter(Number.isInteger(hours) && hours >= 0, 'weather', 'hours', hours, 'a whole number of hours ≥ 0');
  const dryBulbC = new Float64Array(hours);
  const wetBulbC = new Float64Array(hours);
  const phi = s.noiseAutocorrelationPerHour;
  const innovation = Math.sqrt(1 - phi * phi);
  const sdT = s.noiseSdC * innovation;
  const phiDay = Math.pow(phi, 24);
  const sdDew = s.dewPointNoiseSdC * Math.sqrt(1 - phiDay * phiDay);
  // The daily cycle repeats: 24 values, not a cosine an hour.
  const daily = new Float64Array(24);
  for (let k = 0; k < 24; k++) daily[k] = s.dailyAmplitudeC * Math.cos((2 * Math.PI * (k - s.warmestHourOfDay)) / 24);
  const lnRh = Math.log(s.meanRelativeHumidity);
  // The annual cosine advances by a fixed angle an hour: rotate it rather than call cos each hour.
  const step = (2 * Math.PI) / (24 * 365.25);
  const cosStep = Math.cos(step), sinStep = Math.sin(step);
  const angle0 = (2 * Math.PI * (startDayOfYear - s.warmestDayOfYear)) / 365.25;
  let cosA = Math.cos(angle0), sinA = Math.sin(angle0);
  // Start both noises in their stationary distributions, so the first hours look like any others.
  let x = s.noiseSdC * rng.standardNormal();
  let y = s.dewPointNoiseSdC * rng.standardNormal();
  let seasonalDewC = 0;
  for (let h = 0; h < hours; h++) {
    if (h > 0) {
      x = phi * x + sdT * rng.standardNormal();
      const c = cosA * cosStep - sinA * sinStep;
      sinA = sinA * cosStep + cosA * sinStep;
      cosA = c;
    }
    const hourOfDay = h % 24;
    if (h === 0 || hourOfDay === 0) {
      if (h > 0) y = phiDay * y + sdDew * rng.standardNormal();
      // Moisture is set once a day: the dew point at which RH = meanRelativeHumidity at the day's
      // seasonal mean temperature (Magnus inverted), so RH falls as the afternoon warms.
      const day = startDayOfYear + h / 24 + 0.5;
      const seasonalC = s.meanTempC + s.annualAmplitudeC * Math.cos((2 * Math.PI * (day - s.warmestDayOfYear)) / 365.25);
      const g = lnRh + (MAGNUS_A * seasonalC) / (MAGNUS_B_C + seasonalC);
      seasonalDewC = (MAGNUS_B_C * g) / (MAGNUS_A - g);
    }
    const t = s.meanTempC + s.annualAmplitudeC * cosA + daily[hourOfDay] + x;
    let dew = seasonalDewC + y;
    if (dew > t) dew = t; // air holds no more than saturation: fog, RH 100 %
    const rhPct = 100 * Math.exp((MAGNUS_A * dew) / (MAGNUS_B_C + dew) - (MAGNUS_A * t) / (MAGNUS_B_C + t));
    dryBulbC[h] = t;
    wetBulbC[h] = stullWetBulbTabulatedC(t, rhPct);
  }
  return { dryBulbC, wetBulbC };
}
