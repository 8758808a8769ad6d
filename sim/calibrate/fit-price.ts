/**
 * The price model's drift and diffusion fitted to realised monthly log returns by the method of
 * moments, its jumps held as the scenario has them (a few years of monthly closes cannot tell jump
 * rates and sizes apart): the mean log return gives μ, its variance σ.
 *
 *   E[r] = (μ − σ²/2 − λκ)Δ + λΔ·E[Y],  Var[r] = σ²Δ + λΔ·E[Y²]      (Δ = 1/12)
 *
 * Uncertainty by the delta method on the sample mean and variance (their variances and covariance
 * from the sample's third and fourth central moments), assuming independent months.
 */
import { normalQuantile } from '../core/stats/normal.js';
import type { PriceModel } from '../market/price-model.js';

/** A price model this fit can read: drift and volatility, and the log return's moments. */
export interface MomentModel extends PriceModel {
  readonly p: { readonly driftPerYear: number; readonly volatilityPerSqrtYear: number; readonly priceUSD: number };
  logReturnMoments(dtYears: number): { mean: number; variance: number };
}

export function isMomentModel(m: PriceModel): m is MomentModel {
  return typeof (m as Partial<MomentModel>).logReturnMoments === 'function' && (m as Partial<MomentModel>).p !== undefined;
}

export interface Estimate {
  readonly value: number;
  readonly standardError: number;
  readonly low: number;
  readonly high: number;
}

export interface PriceFit {
  readonly months: number;
  /** Mean log return a year over the window: the median price's growth rate. */
  readonly medianGrowthPerYear: Estimate;
  readonly drift: Estimate;
  readonly volatility: Estimate;
  /** The scenario's model: its drift and the median growth rate it implies. */
  readonly scenarioDriftPerYear: number;
  readonly scenarioMedianGrowthPerYear: number;
  /** The growth of the mean price the scenario's drift implies (= its drift). */
  readonly scenarioMeanGrowthPerYear: number;
}

const DT = 1 / 12;
const Z95 = normalQuantile(0.975);
const estimate = (value: number, se: number): Estimate => ({ value, standardError: se, low: value - Z95 * se, high: value + Z95 * se });

export function fitPrice(model: MomentModel, logReturns: Float64Array): PriceFit {
  const n = logReturns.length;
  const mean = logReturns.reduce((a, b) => a + b, 0) / n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (const r of logReturns) {
    const d = r - mean;
    m2 += (d * d) / n;
    m3 += (d * d * d) / n;
    m4 += (d * d * d * d) / n;
  }
  const variance = (m2 * n) / (n - 1);
  // The jumps' share of the moments, as the scenario's model has them.
  const { driftPerYear: mu, volatilityPerSqrtYear: s } = model.p;
  const one = model.logReturnMoments(1);
  const jumpMean = one.mean - (mu - 0.5 * s * s);
  const jumpVariance = one.variance - s * s;
  const sigma2 = Math.max(0, variance / DT - jumpVariance);
  const drift = mean / DT - jumpMean + 0.5 * sigma2;
  // Delta method: Var(mean) = m2/n, Var(var) ≈ (m4 − m2²)/n, Cov = m3/n.
  const varMean = m2 / n, varVar = (m4 - m2 * m2) / n, cov = m3 / n;
  const seDrift = Math.sqrt(varMean / DT ** 2 + varVar / (4 * DT ** 2) + cov / DT ** 2);
  const seSigma2 = Math.sqrt(varVar) / DT;
  const sigma = Math.sqrt(sigma2);
  return {
    months: n,
    medianGrowthPerYear: estimate(mean / DT, Math.sqrt(varMean) / DT),
    drift: estimate(drift, seDrift),
    volatility: estimate(sigma, sigma > 0 ? seSigma2 / (2 * sigma) : NaN),
    scenarioDriftPerYear: mu,
    scenarioMedianGrowthPerYear: one.mean,
    scenarioMeanGrowthPerYear: mu,
  };
}
