/**
 * EBITDA by segment, and the figures that split a campus between bitcoin and compute. The power bill
 * is split in proportion to draw; mining's share is what the compute loads leave of it, so the two
 * shares add up to the bill exactly, and demand-response credits (mining curtails) are mining's.
 */
import type { Metrics } from './metrics.js';

export interface SegmentBooks {
  readonly miningRevenueUSD: number;
  readonly minedBTC: number;
  /** Compute revenue (lease rent, GPU cloud), and the SLA credits owed its customers out of it. */
  readonly computeRevenueUSD: number;
  readonly computeCreditsUSD: number;
  /** The whole power bill, and the compute loads' share of it. */
  readonly powerCostUSD: number;
  readonly computePowerCostUSD: number;
  /** Demand-response credits earned. */
  readonly creditsUSD: number;
  /** All opex, mining's, and overhead charged to neither segment. */
  readonly opexUSD: number;
  readonly miningOpexUSD: number;
  readonly fixedOpexUSD: number;
}

type SegmentMetric = 'miningProfitUSD' | 'miningEbitdaUSD' | 'computeEbitdaUSD' | 'breakEvenBtcUSD' | 'computeRevenueShare';

export function segmentMetrics(b: SegmentBooks): Pick<Metrics, SegmentMetric> {
  const computeOpexUSD = b.opexUSD - b.miningOpexUSD - b.fixedOpexUSD;
  // Mining's costs: its share of the power bill, less the demand-response credits it earns, and its opex.
  const miningCostUSD = b.powerCostUSD - b.computePowerCostUSD - b.creditsUSD + b.miningOpexUSD;
  const computeUSD = b.computeRevenueUSD;
  return {
    miningProfitUSD: b.miningRevenueUSD - b.powerCostUSD + b.creditsUSD,
    miningEbitdaUSD: b.miningRevenueUSD - miningCostUSD,
    computeEbitdaUSD: computeUSD - b.computeCreditsUSD - b.computePowerCostUSD - computeOpexUSD,
    breakEvenBtcUSD: b.minedBTC > 0 ? miningCostUSD / b.minedBTC : NaN,
    computeRevenueShare: computeUSD + b.miningRevenueUSD > 0 ? computeUSD / (computeUSD + b.miningRevenueUSD) : 0,
  };
}
