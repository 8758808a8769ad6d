/**
 * What the site's demand-response programs pay the campus for the load it keeps off when they call:
 * the price program per MWh while it calls, and 4CP, at each summer month's actual peak hour, a
 * quarter-year of transmission charge on the MW off then (site/demand-response.ts).
 */
import { DR_PRICE, fourCpCreditUSD, type FourCpSpec } from '../site/demand-response.js';
import type { DemandResponseConfig } from '../scenario/types.js';
import type { Ledger } from './ledger.js';
import type { LoadSet } from './load-set.js';

export class DemandResponseCredits {
  private nextPeak = 0;
  private readonly fourCp: FourCpSpec | undefined;
  private readonly pricePays: boolean;
  private readonly creditUSDPerMWh: number;

  constructor(
    config: DemandResponseConfig | undefined,
    /** Each summer month's actual 4CP peak hour, in order. */
    private readonly peaksH: Int32Array | undefined,
    private readonly ledger: Ledger,
    private readonly loads: LoadSet,
  ) {
    this.fourCp = config?.fourCp;
    this.pricePays = config?.price !== undefined;
    this.creditUSDPerMWh = config?.price?.creditUSDPerMWh ?? 0;
  }

  /** From now on, with `calls` the bits of the programs calling this hour. */
  rate(nowH: number, calls: number): void {
    if (!this.pricePays) return; // the rate stays 0
    this.ledger.priceCreditsUSD.set(nowH, (calls & DR_PRICE) !== 0 ? this.loads.curtailedForDemandResponseMW() * this.creditUSDPerMWh : 0);
  }

  /** At hour `h`: when it is the next 4CP peak, the credit for the MW kept off. */
  atHour(h: number): void {
    const peaks = this.peaksH;
    if (peaks === undefined || this.nextPeak >= peaks.length || peaks[this.nextPeak] !== h) return;
    this.ledger.fourCpCreditsUSD += fourCpCreditUSD(this.fourCp!, this.loads.curtailedForDemandResponseMW());
    this.nextPeak++;
  }
}
