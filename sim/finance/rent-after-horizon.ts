/**
 * A lease's rent still owed after the horizon, valued at the horizon: each calendar month of the term
 * left pays its rent (with the escalator's full years), a partial month its share by days, each
 * discounted from its end at the annual rate as the cash flows are — a month a twelfth of a year,
 * (1 + r)^(−k/12) for the k-th whole month after the horizon. No further outages are assumed.
 */
import { type CalendarMonths, calendarMonths } from '../core/calendar.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import type { LeaseConfig } from '../hpc/config.js';

export type LeaseTerms = Pick<LeaseConfig, 'itMW' | 'rentUSDPerKWMonth' | 'escalatorPerYear' | 'onlineH' | 'termYears'>;

export function rentAfterHorizonUSD(lease: LeaseTerms, horizon: CalendarMonths, discountRatePerYear: number): number {
  const horizonH = horizon.boundsH[horizon.count];
  // The calendar carried on past the lease's end, a term of 12 × termYears months from its start.
  const beyond = calendarMonths(horizon.startUnixSeconds, lease.onlineH + (lease.termYears + 1) * HOURS_PER_YEAR);
  const startYears = beyond.yearsAt(lease.onlineH);
  const endH = beyond.hourAtYears(startYears + lease.termYears);
  if (endH <= horizonH + 1e-9) return 0;
  const atHorizonYears = beyond.yearsAt(horizonH);
  let value = 0;
  for (let m = beyond.monthAt(horizonH); m < beyond.count && beyond.boundsH[m] < endH; m++) {
    // A hall opening after the horizon (a rule signed it late) owes nothing before it opens.
    const from = Math.max(horizonH, lease.onlineH, beyond.boundsH[m]), to = Math.min(endH, beyond.boundsH[m + 1]);
    if (to <= from) continue;
    // The escalator's full years of the lease, on the same clock as the rent's months.
    const years = Math.floor(beyond.yearsAt(from) - startYears + 1e-9);
    const rentUSD = lease.itMW * 1000 * lease.rentUSDPerKWMonth * (1 + lease.escalatorPerYear) ** years * ((to - from) / beyond.fullH[m]);
    value += rentUSD * Math.pow(1 + discountRatePerYear, -(beyond.yearsAt(to) - atHorizonYears));
  }
  return value;
}
