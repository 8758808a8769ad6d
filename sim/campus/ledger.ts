/**
 * A campus run's books, as named accounts. A rate account integrates whenever its rate changes
 * (E += P·Δt): energy drawn from the grid and backup, cooling and other overhead, the power bill and
 * what was sold back, opex, demand-response credits, hours without grid; and per load, its IT power,
 * a compute load's facility power, and its hours dark. Segment accounts split the bill and opex
 * between mining and compute for EBITDA by segment. Monthly accounts hold what each month took in
 * and paid out, closed at each month's end, and become the fan charts' series and the cash flows.
 */
import { type CalendarMonths, perMonthScale } from '../core/calendar.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import { VARIANT_SERIES, type VariantSeriesName } from './series.js';

/** One load's own accounts. */
export class LoadAccounts {
  readonly itMW = new TimeIntegral(0, 0);
  /** Kept for compute loads, whose facility energy is reported; mining's cooling is in the campus's overhead. */
  readonly facilityMW = new TimeIntegral(0, 0);
  /** 1 while it is in service but has no power (an outage backup does not carry). */
  readonly darkHours = new TimeIntegral(0, 0);
}

/**
 * Monthly accounts: the variant's series, the power bill net of credits, the opex, and — for NPV by
 * segment — what was sold back and the demand-response credits, each month; the BTC mined (what a
 * treasury holds a share of), and treasury BTC decision rules sold (+) or bought (−) in it.
 */
export type MonthlyAccount = VariantSeriesName | 'netPowerCostUSD' | 'opexUSD' | 'powerSoldUSD' | 'creditsUSD' | 'minedBTC' | 'treasuryTradesUSD';

export class Ledger {
  /** Power drawn from the grid and from backup, and the part of it that runs no IT (cooling, overhead), MW. */
  readonly gridMW = new TimeIntegral(0, 0);
  readonly backupMW = new TimeIntegral(0, 0);
  readonly overheadMW = new TimeIntegral(0, 0);
  /** The power bill (the PPA block, spot bought, less what was sold back) and what was sold, USD per hour. */
  readonly powerCostUSD = new TimeIntegral(0, 0);
  readonly powerSoldUSD = new TimeIntegral(0, 0);
  readonly opexUSD = new TimeIntegral(0, 0);
  /**
   * The compute loads' share of the bill, in proportion to their draw, and mining's opex, USD per
   * hour: mining's share of the bill, and compute's opex, are what these leave of the totals.
   */
  readonly computePowerCostUSD = new TimeIntegral(0, 0);
  readonly miningOpexUSD = new TimeIntegral(0, 0);
  /** Demand-response credits: the price program's while it calls, USD per hour, and 4CP's, paid at each summer peak. */
  readonly priceCreditsUSD = new TimeIntegral(0, 0);
  fourCpCreditsUSD = 0;
  /** 1 while the grid is down. */
  readonly outageHours = new TimeIntegral(0, 0);
  /** Each load's own, in the order of the campus's loads. */
  readonly loads: LoadAccounts[] = [];
  /** Month by month (the last may be partial). */
  readonly monthly: Readonly<Record<MonthlyAccount, Float64Array>>;
  /** The variant's series, series-major in VARIANT_SERIES order: what a replication hands back. */
  readonly series: Float64Array;
  private readonly netPowerCost: MonthlyChange;
  private readonly opex: MonthlyChange;
  private readonly sold: MonthlyChange;
  private readonly credits: MonthlyChange;
  /** Opex rates as quoted (per hour of a mean month), and this calendar month's scale to its amount (setOpex). */
  private opexUSDPerH = 0;
  private miningOpexUSDPerH = 0;
  private opexScale: number;
  readonly months: number;

  /** The books' months: the horizon's calendar months. */
  constructor(readonly calendar: CalendarMonths) {
    const months = (this.months = calendar.count);
    this.opexScale = perMonthScale(calendar.fullH[0]);
    this.series = new Float64Array(VARIANT_SERIES.length * months);
    const monthly = Object.fromEntries(VARIANT_SERIES.map((s, i) => [s.name, this.series.subarray(i * months, (i + 1) * months)])) as Record<MonthlyAccount, Float64Array>;
    monthly.netPowerCostUSD = new Float64Array(months);
    monthly.opexUSD = new Float64Array(months);
    monthly.powerSoldUSD = new Float64Array(months);
    monthly.creditsUSD = new Float64Array(months);
    monthly.minedBTC = new Float64Array(months);
    monthly.treasuryTradesUSD = new Float64Array(months);
    // Utilisation has no value in a month without GPUs available; a GPU hall writes the months it has.
    monthly.gpuUtilisation.fill(NaN);
    this.monthly = monthly;
    this.netPowerCost = new MonthlyChange(monthly.netPowerCostUSD);
    this.opex = new MonthlyChange(monthly.opexUSD);
    this.sold = new MonthlyChange(monthly.powerSoldUSD);
    this.credits = new MonthlyChange(monthly.creditsUSD);
  }

  /**
   * Closes month `m` at `endH` in the campus's own monthly accounts: the power bill net of credits,
   * opex, power sold and credits; the next month's opex scale applies from then.
   */
  closeMonth(m: number, endH: number): void {
    const creditsUSD = this.creditsUSD(endH);
    this.netPowerCost.close(m, this.powerCostUSD.integralAt(endH) - creditsUSD);
    this.opex.close(m, this.opexUSD.integralAt(endH));
    this.sold.close(m, this.powerSoldUSD.integralAt(endH));
    this.credits.close(m, creditsUSD);
    if (m + 1 < this.months) {
      this.opexScale = perMonthScale(this.calendar.fullH[m + 1]);
      this.bookOpex(endH);
    }
  }

  /**
   * Opex from `now`, USD per hour as quoted (a monthly or yearly amount over a mean month of 730.5 h),
   * all and mining's: booked scaled within each calendar month so that a whole month owes a month's
   * amount — February as much as March — and a partial month its share by days.
   */
  setOpex(now: number, opexUSDPerH: number, miningOpexUSDPerH: number): void {
    this.opexUSDPerH = opexUSDPerH;
    this.miningOpexUSDPerH = miningOpexUSDPerH;
    this.bookOpex(now);
  }

  private bookOpex(now: number): void {
    this.miningOpexUSD.set(now, this.miningOpexUSDPerH * this.opexScale);
    this.opexUSD.set(now, this.opexUSDPerH * this.opexScale);
  }

  /** Opens the accounts of `count` more loads. */
  openLoads(count: number): void {
    for (let i = 0; i < count; i++) this.loads.push(new LoadAccounts());
  }

  /** Demand-response credits earned up to `tH`, USD. */
  creditsUSD(tH: number): number {
    return this.priceCreditsUSD.integralAt(tH) + this.fourCpCreditsUSD;
  }

  /** Energy drawn from the grid and backup up to `tH`, MWh. */
  drawnMWh(tH: number): number {
    return this.gridMW.integralAt(tH) + this.backupMW.integralAt(tH);
  }
}

/** A to-date total read at each month's end and booked as that month's change. */
export class MonthlyChange {
  private atMonthStart = 0;

  constructor(private readonly month: Float64Array) {}

  close(m: number, toDate: number): void {
    this.month[m] = toDate - this.atMonthStart;
    this.atMonthStart = toDate;
  }
}
