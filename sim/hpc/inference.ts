/**
 * LLM inference demand turned into GPUs: a request rate with an hour-of-day profile, served at a
 * target utilisation (headroom for latency), gives the GPUs wanted each hour; revenue may be priced
 * per GPU-hour or per million tokens (converted through the GPU's token throughput).
 */
import { finite, requireModelParameter } from '../market/check.js';

export interface InferenceDemand {
  /** Mean requests per second over a day. */
  requestsPerSecond: number;
  /** 24 multipliers (normalised to mean 1): the Philly trace's hour-of-day rate swings 0.64×–2.09× the mean (Jeon et al., ATC 2019). */
  hourOfDay: readonly number[];
  /** Requests per second one GPU serves at full load. */
  requestsPerSecondPerGPU: number;
  /** Share of a GPU's throughput planned for, e.g. 0.7. */
  targetUtilisation: number;
  /** Yearly growth of the request rate. */
  growthPerYear: number;
}

export function checkInferenceDemand(d: InferenceDemand): void {
  requireModelParameter(finite(d.requestsPerSecond) && d.requestsPerSecond >= 0, 'inference', 'requests', d.requestsPerSecond, 'a rate ≥ 0 per second');
  requireModelParameter(d.hourOfDay.length === 24 && d.hourOfDay.every((x) => finite(x) && x >= 0), 'inference', 'hourOfDay', `${d.hourOfDay.length} values`, '24 multipliers ≥ 0');
  requireModelParameter(finite(d.requestsPerSecondPerGPU) && d.requestsPerSecondPerGPU > 0, 'inference', 'throughput', d.requestsPerSecondPerGPU, 'requests per second per GPU > 0');
  requireModelParameter(finite(d.targetUtilisation) && d.targetUtilisation > 0 && d.targetUtilisation <= 1, 'inference', 'targetUtilisation', d.targetUtilisation, 'a share in (0, 1]');
  requireModelParameter(finite(d.growthPerYear) && d.growthPerYear > -1, 'inference', 'growth', d.growthPerYear, 'a rate > −1 per year');
}

/** GPUs wanted at hour t: ⌈rate(t) / (per-GPU throughput × target utilisation)⌉. */
export function gpusWanted(d: InferenceDemand): (tH: number) => number {
  checkInferenceDemand(d);
  const mean = d.hourOfDay.reduce((a, b) => a + b, 0) / 24;
  const profile = d.hourOfDay.map((x) => (mean > 0 ? x / mean : 0));
  const perGPU = d.requestsPerSecondPerGPU * d.targetUtilisation;
  return (tH) => Math.ceil((d.requestsPerSecond * profile[Math.floor(tH) % 24] * (1 + d.growthPerYear) ** (tH / 8766)) / perGPU - 1e-9);
}

/** USD per GPU-hour served when tokens are sold at `usdPerMillionTokens`. */
export function gpuHourPriceFromTokens(usdPerMillionTokens: number, tokensPerSecondPerGPU: number, targetUtilisation: number): number {
  return (usdPerMillionTokens * tokensPerSecondPerGPU * targetUtilisation * 3600) / 1e6;
}

/** Checks a price curve over the horizon, day by day: a negative or non-finite price is a mistake. */
export function checkPriceCurve(price: (tH: number) => number, horizonH: number, name: string): void {
  for (let t = 0; t <= horizonH; t += 24) {
    const p = price(t);
    requireModelParameter(finite(p) && p >= 0, name, 'price', `${p} at hour ${t}`, 'a price ≥ 0 USD per GPU-hour at every hour');
  }
}
