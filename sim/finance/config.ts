/** A layout's finance as the scenario gives it, in canonical units. Plain data; the scenario reader builds it. */
import type { TaxSpec } from './tax.js';

export interface FinanceConfig {
  /** Annual rate discounting monthly cash flows. */
  readonly discountRatePerYear: number;
  /** Capex per MW of new mining capacity (building, power and cooling gear). */
  readonly miningFacilityUSDPerMW: number;
  /** Terminal value at the horizon, in years of the last twelve months' net cash flow (0: none). */
  readonly terminalYears: number;
  /** Operating cost per MW of mining fleet installed, per hour (maintenance, site staff). */
  readonly miningOpexUSDPerMWH: number;
  /** Operating cost per MW of GPU-hall IT once online, per hour (maintenance, network, staff). */
  readonly gpuOpexUSDPerMWH: number;
  /** Operating cost of the company not tied to a segment, per hour (overhead). */
  readonly fixedOpexUSDPerH: number;
  /** Share of mined BTC kept in treasury, valued at the last BTC price at the horizon (0: sell at once). */
  readonly btcHeldShare: number;
  /** Capital available for the plan (e.g. the $1.15B raise); Infinity when not stated. */
  readonly capitalUSD: number;
  /** Debt raised at the start: its interest is paid monthly, its principal at maturity (or owed at the horizon). */
  readonly debt?: { readonly amountUSD: number; readonly ratePerYear: number; readonly maturityH: number };
  /** Straight-line lives of what capex buys; the book value left at the horizon counts as residual value (0: none). */
  readonly lives: { readonly miningH: number; readonly hallH: number; readonly gpuH: number };
  /** Income tax (finance/tax.ts); absent: pre-tax figures only. */
  readonly tax?: TaxSpec;
}
