/**
 * A lease's rent still owed after the horizon, valued at the horizon: each month of the term left
 * pays its rent (with the escalator's full years) discounted at the annual rate, monthly
 * compounding — (1 + r)^(−k/12) for the k-th month after the horizon — and a last partial month
 * pays its share. No further outages are assumed.
 */
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from '../core/time.js';
import type { LeaseConfig } from '../hpc/config.js';

export type LeaseTerms = Pick<LeaseConfig, 'itMW' | 'rentUSDPerKWMonth' | 'escalatorPerYear' | 'onlineH' | 'termYears'>;

export function rentAfterHorizonUSD(lease: LeaseTerms, horizonH: number, discountRatePerYear: number): number {
  const endH = lease.onlineH + lease.termYears * HOURS_PER_YEAR;
  const monthly = Math.pow(1 + discountRatePerYear, -1 / 12);
  let value = 0, factor = 1;
  for (let t = horizonH; t < endH - 1e-9; t += HOURS_PER_MONTH) {
    factor *= monthly;
    const years = Math.floor((t - lease.onlineH) / HOURS_PER_YEAR + 1e-9);
    const share = Math.min(1, (endH - t) / HOURS_PER_MONTH);
    value += lease.itMW * 1000 * lease.rentUSDPerKWMonth * (1 + lease.escalatorPerYear) ** years * share * factor;
  }
  return value;
}
