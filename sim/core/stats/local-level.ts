/**
 * The Kalman filter of a local level whose growth rate wanders (Durbin & Koopman, Time Series
 * Analysis by State Space Methods, 2nd ed., §3.2, with a damped slope):
 *
 *   yₖ = sₖ + εₖ,                       εₖ ~ N(0, observationVariance)
 *   sₖ = sₖ₋₁ + (μ + gₖ₋₁)·Δₖ + ωₖ,      ωₖ ~ N(0, σ²·Δₖ)
 *   gₖ = gₖ₋₁·e^(−κΔₖ) + νₖ,             νₖ ~ N(0, τ²·(1 − e^(−2κΔₖ)))   (g stationary with sd τ)
 *
 * With τ = 0 it is the local level with drift μ. The first observation sets the level (a diffuse
 * start) and g starts from its stationary law, so the log-likelihood counts the rest:
 * Σ −½(ln 2πFₖ + vₖ²/Fₖ), vₖ the one-step-ahead innovation and Fₖ its variance.
 */

export interface LocalTrendParameters {
  /** σ of the level's random walk per √year. */
  sigma: number;
  observationVariance: number;
  /** μ: the level's drift a year. */
  drift?: number;
  /** τ: stationary sd of the wandering growth rate, a year. */
  growthSd?: number;
  /** κ: reversion of the growth rate a year. */
  growthReversion?: number;
}

export interface LocalLevelFit {
  logLikelihood: number;
  /** vₖ/√Fₖ for k ≥ 1: independent N(0, 1) when the model is right. */
  standardized: Float64Array;
}

export function localTrend(y: ArrayLike<number>, dt: ArrayLike<number>, p: LocalTrendParameters): LocalLevelFit {
  const n = y.length;
  const { sigma, observationVariance: r } = p;
  const mu = p.drift ?? 0, tau = p.growthSd ?? 0, kappa = p.growthReversion ?? 1;
  const standardized = new Float64Array(Math.max(0, n - 1));
  // State (s, g) and its covariance [[pss, psg], [psg, pgg]].
  let s = y[0], g = 0, pss = r, psg = 0, pgg = tau * tau, logLikelihood = 0;
  for (let k = 1; k < n; k++) {
    const d = dt[k], phi = Math.exp(-kappa * d);
    // Predict: s' = s + (μ + g)·d, g' = φ·g.
    const s1 = s + (mu + g) * d, g1 = phi * g;
    const pss1 = pss + 2 * d * psg + d * d * pgg + sigma * sigma * d;
    const psg1 = phi * (psg + d * pgg);
    const pgg1 = phi * phi * pgg + tau * tau * (1 - phi * phi);
    // Update on yₖ = s' + ε.
    const f = pss1 + r, v = y[k] - s1;
    logLikelihood -= 0.5 * (Math.log(2 * Math.PI * f) + (v * v) / f);
    standardized[k - 1] = v / Math.sqrt(f);
    const ks = pss1 / f, kg = psg1 / f;
    s = s1 + ks * v;
    g = g1 + kg * v;
    pss = pss1 - ks * pss1;
    psg = psg1 - ks * psg1;
    pgg = pgg1 - kg * psg1;
  }
  return { logLikelihood, standardized };
}

/** Ljung–Box Q over lags 1…h of a series (Ljung & Box, Biometrika 65, 1978): n(n+2) Σ r̂ₗ²/(n−l). */
export function ljungBox(x: ArrayLike<number>, lags: number): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] / n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (x[i] - mean) ** 2;
  let q = 0;
  for (let l = 1; l <= lags; l++) {
    let c = 0;
    for (let i = l; i < n; i++) c += (x[i] - mean) * (x[i - l] - mean);
    q += (c / c0) ** 2 / (n - l);
  }
  return n * (n + 2) * q;
}
