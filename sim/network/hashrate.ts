/**
 * Hashrate of the rest of the network: a trend, a response to miners' margin with a delivery lag,
 * and noise. Margin is hashprice against the break-even hashprice of the marginal fleet:
 * break-even (USD/PH/day) = efficiency (J/TH) × power price (USD/MWh) × 0.024 (1 PH/s for a day at 1 J/TH is 0.024 MWh).
 * Daily: ln H(d+1) = ln H(d) + (g + β·m(d − lag))·Δ − σ²Δ/2 + σ√Δ·Z, with m clamped to [−1, 2]
 * (hashrate can't respond without bound to a windfall, nor fall past switching off).
 */
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from '../market/check.js';

export interface HashrateResponse {
  /** Hashrate (TH/s) of everyone but the campus at t = 0. */
  startTHs: number;
  /** g: trend growth of ln H per year. */
  growthPerYear: number;
  /** β: extra growth per year per unit of margin (0 turns the response off). */
  responsePerYear: number;
  /** Days between a margin and the hashrate it brings (machines ordered, shipped, racked). */
  lagDays: number;
  /** J/TH of the marginal fleet, whose break-even sets the margin. */
  marginalEfficiencyJPerTH: number;
  /** USD/MWh the marginal fleet pays. */
  marginalPowerPriceUSDPerMWh: number;
  /** σ of ln H per √year. */
  volatilityPerSqrtYear: number;
}

const MARGIN_MIN = -1;
const MARGIN_MAX = 2;
/** Days per year, for daily steps (Julian year). */
const DAYS_PER_YEAR = 365.25;

export class RestOfNetwork {
  /** Break-even hashprice of the marginal fleet, USD/PH/day. */
  readonly breakevenUSDPerPHDay: number;
  private readonly dailyDrift: number;
  private readonly dailyResponse: number;
  private readonly dailyShock: number;

  constructor(readonly p: HashrateResponse) {
    requireModelParameter(finite(p.startTHs) && p.startTHs > 0, 'network', 'hashrate', p.startTHs, 'a hashrate > 0');
    requireModelParameter(finite(p.growthPerYear) && Math.abs(p.growthPerYear) <= 5, 'network', 'growth', p.growthPerYear, 'a rate per year in [-5, 5]');
    requireModelParameter(finite(p.responsePerYear) && p.responsePerYear >= 0 && p.responsePerYear <= 50, 'network', 'response.rate', p.responsePerYear, 'a rate per year in [0, 50]');
    requireModelParameter(Number.isInteger(p.lagDays) && p.lagDays >= 0 && p.lagDays <= 730, 'network', 'response.lag', p.lagDays, 'a whole number of days in [0, 730]');
    requireModelParameter(finite(p.marginalEfficiencyJPerTH) && p.marginalEfficiencyJPerTH > 0, 'network', 'response.efficiency', p.marginalEfficiencyJPerTH, 'an efficiency > 0 J/TH');
    requireModelParameter(finite(p.marginalPowerPriceUSDPerMWh) && p.marginalPowerPriceUSDPerMWh > 0, 'network', 'response.powerPrice', p.marginalPowerPriceUSDPerMWh, 'a price > 0 USD/MWh');
    requireModelParameter(finite(p.volatilityPerSqrtYear) && p.volatilityPerSqrtYear >= 0 && p.volatilityPerSqrtYear <= 5, 'network', 'volatility', p.volatilityPerSqrtYear, 'a volatility in [0, 5]');
    this.breakevenUSDPerPHDay = p.marginalEfficiencyJPerTH * p.marginalPowerPriceUSDPerMWh * 0.024;
    const dt = 1 / DAYS_PER_YEAR;
    this.dailyDrift = (p.growthPerYear - 0.5 * p.volatilityPerSqrtYear ** 2) * dt;
    this.dailyResponse = p.responsePerYear * dt;
    this.dailyShock = p.volatilityPerSqrtYear * Math.sqrt(dt);
  }

  /** Margin of the marginal fleet at `hashpriceUSDPerPHDay`, clamped. */
  margin(hashpriceUSDPerPHDay: number): number {
    const m = hashpriceUSDPerPHDay / this.breakevenUSDPerPHDay - 1;
    return m < MARGIN_MIN ? MARGIN_MIN : m > MARGIN_MAX ? MARGIN_MAX : m;
  }

  /** Hashrate on day d+1 from day d's hashrate and the margin `lagDays` before. */
  step(hashrateTHs: number, laggedMargin: number, rng: RandomStream): number {
    return hashrateTHs * Math.exp(this.dailyDrift + this.dailyResponse * laggedMargin + this.dailyShock * rng.standardNormal());
  }
}
