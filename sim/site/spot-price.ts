/**
 * Hourly spot power price: a mean-reverting log price (Ornstein–Uhlenbeck, stepped exactly) around
 * a level shaped by the hour of day and the season, with price spikes — Poisson arrivals that
 * multiply the price for a few hours, as scarcity events do in ERCOT-style markets — and spells of
 * negative prices (Poisson arrivals, as when wind or solar output exceeds what the grid can take),
 * the whole held within an offer floor and cap (ERCOT: a system-wide offer cap of $5,000/MWh).
 *   ln P(t) = ln m + s·cos(2π(d(t) − d*)/365.25) + ln h(hour) + X(t) + ln(1 + spike(t))
 *   price(t) = min(cap, max(floor, negative spell ? p₋ : P(t)))
 */
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from '../market/check.js';

export interface SpotPriceSpec {
  /** m: the median price, USD/MWh. */
  medianUSDPerMWh: number;
  /** κ: reversion of the log price per year (a shock halves in ln2/κ years). */
  reversionPerYear: number;
  /** σ: volatility of the log price per √year. */
  volatilityPerSqrtYear: number;
  /** 24 multipliers by hour of day (normalised to a geometric mean of 1). */
  hourOfDay: readonly number[];
  /** s: seasonal amplitude of the log price; peaks on `peakDay` (day of year, 0 = 1 January). */
  seasonalAmplitude: number;
  peakDay: number;
  /** Spikes per year, each multiplying the price by (1 + size) for its duration. */
  spikesPerYear: number;
  spikeSize: number;
  spikeHours: number;
  /** Spells of negative prices a year (0: none), their length in hours, and the price during one, USD/MWh (< 0). */
  negativePerYear: number;
  negativeHours: number;
  negativeUSDPerMWh: number;
  /** The market's offer floor and cap, USD/MWh (−∞ and +∞ for none). */
  floorUSDPerMWh: number;
  capUSDPerMWh: number;
}

/** What a spot spec without negative spells, floor or cap leaves out. */
export const NO_PRICE_LIMITS = { negativePerYear: 0, negativeHours: 3, negativeUSDPerMWh: -10, floorUSDPerMWh: -Infinity, capUSDPerMWh: Infinity } as const;

export function checkSpotPrice(s: SpotPriceSpec): void {
  requireModelParameter(finite(s.medianUSDPerMWh) && s.medianUSDPerMWh > 0, 'spot', 'median', s.medianUSDPerMWh, 'a price > 0 USD/MWh');
  requireModelParameter(finite(s.reversionPerYear) && s.reversionPerYear > 0, 'spot', 'reversion', s.reversionPerYear, 'a rate > 0 per year');
  requireModelParameter(finite(s.volatilityPerSqrtYear) && s.volatilityPerSqrtYear >= 0 && s.volatilityPerSqrtYear <= 50, 'spot', 'volatility', s.volatilityPerSqrtYear, 'a number in [0, 50]');
  requireModelParameter(s.hourOfDay.length === 24 && s.hourOfDay.every((x) => finite(x) && x > 0), 'spot', 'hourOfDay', `${s.hourOfDay.length} values`, '24 multipliers > 0');
  requireModelParameter(finite(s.seasonalAmplitude) && Math.abs(s.seasonalAmplitude) <= 3, 'spot', 'seasonal', s.seasonalAmplitude, 'an amplitude in [−3, 3]');
  requireModelParameter(finite(s.peakDay) && s.peakDay >= 0 && s.peakDay < 366, 'spot', 'peakDay', s.peakDay, 'a day of the year in [0, 366)');
  requireModelParameter(finite(s.spikesPerYear) && s.spikesPerYear >= 0, 'spot', 'spikes.rate', s.spikesPerYear, 'a rate ≥ 0 per year');
  requireModelParameter(finite(s.spikeSize) && s.spikeSize >= 0, 'spot', 'spikes.size', s.spikeSize, 'a multiple ≥ 0');
  requireModelParameter(finite(s.spikeHours) && s.spikeHours > 0, 'spot', 'spikes.hours', s.spikeHours, 'a duration > 0 h');
  requireModelParameter(finite(s.negativePerYear) && s.negativePerYear >= 0, 'spot', 'negative.rate', s.negativePerYear, 'a rate ≥ 0 per year');
  requireModelParameter(finite(s.negativeHours) && s.negativeHours > 0, 'spot', 'negative.hours', s.negativeHours, 'a duration > 0 h');
  requireModelParameter(finite(s.negativeUSDPerMWh) && s.negativeUSDPerMWh < 0, 'spot', 'negative.price', s.negativeUSDPerMWh, 'a price below 0 USD/MWh');
  requireModelParameter(!Number.isNaN(s.floorUSDPerMWh) && s.floorUSDPerMWh < Infinity, 'spot', 'floor', s.floorUSDPerMWh, 'a price');
  requireModelParameter(!Number.isNaN(s.capUSDPerMWh) && s.capUSDPerMWh > 0, 'spot', 'cap', s.capUSDPerMWh, 'a price > 0 USD/MWh');
  requireModelParameter(s.floorUSDPerMWh < s.capUSDPerMWh, 'spot', 'floor', s.floorUSDPerMWh, `a floor below the cap (${s.capUSDPerMWh} USD/MWh)`);
}

/** Hourly prices for `hours` hours, hour 0 starting on day `startDayOfYear`. */
export function spotPricePath(s: SpotPriceSpec, hours: number, startDayOfYear: number, rng: RandomStream): Float64Array {
  checkSpotPrice(s);
  const out = new Float64Array(hours);
  const logHour = s.hourOfDay.map(Math.log);
  const meanLog = logHour.reduce((a, b) => a + b, 0) / 24;
  const shape = logHour.map((x) => x - meanLog);
  const kappa = s.reversionPerYear;
  const decay = Math.exp(-kappa / HOURS_PER_YEAR);
  const sd = s.volatilityPerSqrtYear * Math.sqrt((1 - decay * decay) / (2 * kappa));
  const logMedian = Math.log(s.medianUSDPerMWh);
  // Start the OU in its stationary distribution, so the first hours look like any others.
  let x = s.volatilityPerSqrtYear * Math.sqrt(1 / (2 * kappa)) * rng.standardNormal();
  let spikeLeft = 0, negativeLeft = 0;
  const spikeChance = 1 - Math.exp(-s.spikesPerYear / HOURS_PER_YEAR);
  // Drawn only when the market has negative spells, so a market without them keeps its path draw for draw.
  const negativeChance = s.negativePerYear > 0 ? 1 - Math.exp(-s.negativePerYear / HOURS_PER_YEAR) : 0;
  const floor = s.floorUSDPerMWh, cap = s.capUSDPerMWh;
  for (let h = 0; h < hours; h++) {
    if (h > 0) x = x * decay + sd * rng.standardNormal();
    if (spikeLeft <= 0 && rng.next() < spikeChance) spikeLeft = s.spikeHours;
    const day = startDayOfYear + h / 24;
    const season = s.seasonalAmplitude * Math.cos((2 * Math.PI * (day - s.peakDay)) / 365.25);
    const spike = spikeLeft > 0 ? Math.log1p(s.spikeSize) : 0;
    if (spikeLeft > 0) spikeLeft--;
    let price = Math.exp(logMedian + season + shape[h % 24] + x + spike);
    if (negativeChance > 0) {
      if (negativeLeft <= 0 && rng.next() < negativeChance) negativeLeft = s.negativeHours;
      if (negativeLeft > 0) {
        price = s.negativeUSDPerMWh;
        negativeLeft--;
      }
    }
    out[h] = Math.min(cap, Math.max(floor, price));
  }
  return out;
}
