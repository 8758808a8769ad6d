/**
 * Income tax on a layout's cash flows: each tax year's operating cash less depreciation, losses
 * carried forward, tax paid at the year's end; after-tax flows beside the pre-tax ones.
 *
 * What it leaves out, on purpose: the values at the horizon (BTC kept, book value left, rent
 * contracted beyond it, a terminal value) are taxed as if realised there, less the tax basis not yet
 * depreciated; BTC is taxed when sold or at the horizon, not when mined; state taxes, credits and
 * the interest limit are not modelled. Tax years are twelve of the model's months from the start.
 */
import type { CapexItem } from './capex.js';

export type AssetClass = 'asics' | 'gpus' | 'halls';
export const ASSET_CLASSES: readonly AssetClass[] = ['asics', 'gpus', 'halls'];

/** How one class of asset is written off: `bonus` of its cost in the year it is paid, the rest by `shares` a year from then. */
export interface Depreciation {
  readonly bonus: number;
  /** Shares of the cost after bonus, year by year from the year it is paid; they sum to 1. */
  readonly shares: readonly number[];
}

export interface TaxSpec {
  readonly rate: number;
  readonly depreciation: Readonly<Record<AssetClass, Depreciation>>;
  /** The most of a year's taxable income that losses carried forward may offset (US since 2018: 80 %). */
  readonly lossOffsetShare: number;
}

/** MACRS general depreciation, half-year convention (IRS Publication 946, Table A-1). */
export const MACRS: Readonly<Record<string, readonly number[]>> = {
  'macrs-3': [0.3333, 0.4445, 0.1481, 0.0741],
  'macrs-5': [0.2, 0.32, 0.192, 0.1152, 0.1152, 0.0576],
  'macrs-7': [0.1429, 0.2449, 0.1749, 0.1249, 0.0893, 0.0892, 0.0893, 0.0446],
  'macrs-15': [0.05, 0.095, 0.0855, 0.077, 0.0693, 0.0623, 0.059, 0.059, 0.0591, 0.059, 0.0591, 0.059, 0.0591, 0.059, 0.0591, 0.0295],
};

/** Straight-line over `years` (a fraction of a year in the last). */
export function straightLine(years: number): number[] {
  const whole = Math.floor(years), rest = years - whole;
  return [...Array<number>(whole).fill(1 / years), ...(rest > 1e-9 ? [rest / years] : [])];
}

export interface TaxResult {
  /** Tax paid, by flow index (at each tax year's last month; the horizon's year at its end). */
  taxUSD: Float64Array;
  totalTaxUSD: number;
}

/**
 * Tax on a layout's monthly flows. `cashUSD[k]` is capex and operating cash at month boundary k (0 the
 * start), `horizonValueUSD` what is added at the last one, `capex` the items paid and their class.
 */
export function incomeTax(cashUSD: ArrayLike<number>, horizonValueUSD: number, capex: readonly CapexItem[], monthOf: (atH: number) => number, spec: TaxSpec): TaxResult {
  const months = cashUSD.length - 1;
  const years = Math.max(1, Math.ceil(months / 12));
  const yearOf = (k: number) => Math.min(years - 1, Math.max(0, Math.ceil(k / 12) - 1));
  const income = new Float64Array(years);
  // Operating cash: the flows with capex added back (capex is written off by depreciation instead).
  for (let k = 0; k <= months; k++) income[yearOf(k)] += cashUSD[k];
  let basisLeftUSD = 0;
  for (const item of capex) {
    const k = monthOf(item.atH);
    income[yearOf(k)] += item.usd;
    const d = spec.depreciation[item.taxClass];
    const start = yearOf(k);
    income[start] -= d.bonus * item.usd;
    const rest = (1 - d.bonus) * item.usd;
    let written = d.bonus * item.usd;
    for (let t = 0; t < d.shares.length && start + t < years; t++) {
      income[start + t] -= rest * d.shares[t];
      written += rest * d.shares[t];
    }
    basisLeftUSD += item.usd - written;
  }
  // What is left at the horizon is realised there: its value less the basis not yet written off.
  income[years - 1] += horizonValueUSD - basisLeftUSD;
  const taxUSD = new Float64Array(months + 1);
  let carriedUSD = 0, totalTaxUSD = 0;
  for (let y = 0; y < years; y++) {
    let taxable = income[y];
    if (taxable < 0) {
      carriedUSD -= taxable;
      continue;
    }
    const offset = Math.min(carriedUSD, spec.lossOffsetShare * taxable);
    carriedUSD -= offset;
    taxable -= offset;
    const tax = spec.rate * taxable;
    taxUSD[Math.min(months, 12 * (y + 1))] += tax;
    totalTaxUSD += tax;
  }
  return { taxUSD, totalTaxUSD };
}
