/**
 * A leased hall as a load: the tenant runs its contracted IT at full load whenever it can (its GPUs
 * are its own business; the campus sees only the draw), so in hour h the hall holds min(leased IT,
 * cooling capacity) and draws that × PUE(ambient, held ÷ leased IT); without a cooling model the draw
 * is the flat leased IT × pue, and heat costs the tenant nothing. It comes first in the shed order
 * and is never capped by the campus: the grid and backup are reserved for it. The tenant pays for
 * its power (pass-through), so its draw is not on the campus's bill. Rent runs from when the hall is
 * built, less SLA credits for the months the grid or the heat let the tenant down, to the end of the
 * lease's term (termYears; 0: through the horizon), when the tenant leaves and its draw stops.
 *
 * A lease a decision rule signs ({ sign: lease }) is not built at the start: until the rule fires the
 * hall draws nothing and holds no backup; then it opens `lease.build` later. A rule may renew a
 * lease whose term ends inside the horizon ({ renew: lease }): another term, its rent going on up
 * its escalator. Both plan backup for the hall again (backup-plan.ts).
 */
import { type LeaseIncome, leaseEndH, leaseIncome } from '../hpc/lease.js';
import { rentAfterHorizonUSD } from '../finance/rent-after-horizon.js';
import type { LeaseConfig } from '../hpc/config.js';
import type { CoolingSpec } from '../site/cooling.js';
import { HallCooling } from '../site/hall-cooling.js';
import type { WeatherSeries } from '../site/weather.js';
import { ruleSignsLease } from '../scenario/types.js';
import type { BackupLease } from './backup-plan.js';
import type { Load, LoadContext, LoadKind, LoadReport } from './load.js';
import { PRIORITY_GRID } from './priorities.js';
import type { SiteState } from './site-state.js';

export class LeaseHall implements Load, BackupLease {
  readonly shedRank = 0;
  readonly segment = 'compute';
  readonly billed = false;
  readonly onBackup = true;
  readonly gridBound = false;
  readonly hourlyInputs: number;
  readonly recapHourly: boolean;
  /** When the hall opens (Infinity until a rule signs a lease that waits for one), and when the lease ends (Infinity: no term). */
  private openH: number;
  private endsH: number;
  /** The lease's length so far, years: its term, and another for each renewal. */
  private termYears: number;
  /** The event kind of the lease's end (registered for a lease with a term). */
  private readonly endKind: number = -1;
  /** Per hour, with a cooling model: the share of the leased IT the cooling could not hold (0–1). */
  readonly heatShortShare: Float64Array | undefined;
  /** Per hour, with a cooling model: the hall's facility power while lit, MW. Worked out once, so the hot path is a lookup. */
  private readonly facilityByHourMW: Float64Array | undefined;
  private readonly flatFacilityMW: number;
  private readonly lease: LeaseConfig;
  private incomeCache: LeaseIncome | undefined = undefined;

  /** @param ctx a layout whose lease is of more than 0 MW */
  constructor(private readonly ctx: LoadContext) {
    const lease = ctx.variant.lease!;
    const weather = ctx.world.weather;
    this.lease = lease;
    this.openH = ruleSignsLease(ctx.variant) ? Infinity : lease.onlineH;
    this.termYears = lease.termYears;
    this.endsH = this.leaseEnd();
    if (lease.termYears > 0) {
      this.endKind = ctx.sim.on('lease ends', this.onEnd);
      this.scheduleEnd();
    }
    this.flatFacilityMW = lease.itMW * lease.pue;
    this.hourlyInputs = lease.cooling && weather ? weather.dryBulbC.length : 0;
    this.recapHourly = lease.cooling !== undefined;
    // Every field is set whatever the lease, so every leased hall has one hidden class (gpu-hall.ts says why).
    const byHour = lease.cooling ? heldByHour(lease, lease.cooling, weather, ctx.variant.name) : undefined;
    this.heatShortShare = byHour?.heatShortShare;
    this.facilityByHourMW = byHour?.facilityMW;
  }

  get inService(): boolean {
    const now = this.ctx.sim.now;
    return now >= this.openH && now < this.endsH;
  }

  get onlineH(): number {
    return this.openH;
  }

  get endH(): number {
    return this.endsH;
  }

  /** A decision rule signs the lease now: the hall starts building and opens lease.build later, its term counted from then. */
  sign(): void {
    this.openH = this.ctx.sim.now + this.lease.buildH;
    this.leaseChanged();
  }

  /** Would a renewal now change anything: a lease signed, with a term that ends inside the horizon and has not yet ended? */
  renewable(): boolean {
    return this.termYears > 0 && this.openH < Infinity && this.ctx.sim.now < this.endsH && this.endsH < this.ctx.horizonH;
  }

  /** A decision rule renews the lease now: another term, its rent going on up its escalator. */
  renew(): void {
    this.termYears += this.lease.termYears;
    this.leaseChanged();
  }

  /** The lease's dates moved (signed, renewed): its end, its rent and backup's share for it follow; nothing before now changes. */
  private leaseChanged(): void {
    this.endsH = this.leaseEnd();
    if (this.endKind >= 0) this.scheduleEnd();
    this.incomeCache = undefined;
    this.ctx.backup.planLease();
  }

  private leaseEnd(): number {
    return this.termYears > 0 && this.openH < Infinity ? leaseEndH(this.ctx.ledger.calendar.startUnixSeconds, this.openH, this.termYears) : Infinity;
  }

  private scheduleEnd(): void {
    if (this.endsH < this.ctx.horizonH) this.ctx.sim.schedule(this.endsH, this.endKind, 0, PRIORITY_GRID);
  }

  /** The tenant leaves: the power it drew is the campus's again (an end a renewal moved on is passed over). */
  private readonly onEnd = (): void => {
    if (this.ctx.sim.now >= this.endsH) this.ctx.powerChanged();
  };

  /** Backup is reserved for this hall first, whole or not at all. */
  get tenant(): BackupLease {
    return this;
  }

  /** Facility power the lit hall draws in hour `h` of the horizon, MW. */
  facilityDrawMW(h: number): number {
    return this.facilityByHourMW !== undefined ? this.facilityByHourMW[h] : this.flatFacilityMW;
  }

  /** The leased IT: the tenant's, run whenever it can. */
  itDrawMW(): number {
    return this.lease.itMW;
  }

  maxItMW(h: number, facilityMW: number): number {
    return facilityMW >= this.facilityDrawMW(h) ? this.lease.itMW : 0;
  }

  decide(): void {}

  /** Once built, its draw this hour comes off the grid before any of the campus's own loads; in an outage backup holds its share already (backup-plan.ts). */
  demandMW(site: SiteState): number {
    const now = site.nowH;
    return site.gridUp && now >= this.openH && now < this.endsH ? this.facilityDrawMW(site.hour) : 0;
  }

  cap(): void {
    // The tenant's IT is not the campus's to cap: what power and heat take is counted against the SLA.
  }

  take(): void {}

  opexUSDPerH(): number {
    return 0;
  }

  curtailedForDemandResponseMW(): number {
    return 0;
  }

  /** The most the lit hall draws in any hour that [fromH, toH) touches, MW (0 for an empty span). */
  peakFacilityMW(fromH: number, toH: number): number {
    const f = this.facilityByHourMW;
    if (f === undefined) return toH > fromH ? this.flatFacilityMW : 0;
    let peakMW = 0;
    const end = Math.min(f.length, Math.ceil(toH));
    for (let h = Math.max(0, Math.floor(fromH)); h < end; h++) if (f[h] > peakMW) peakMW = f[h];
    return peakMW;
  }

  closeMonth(m: number): void {
    const income = this.income();
    this.ctx.ledger.monthly.leaseRentUSD[m] = income.monthly.rentUSD[m] - income.monthly.creditUSD[m];
  }

  report(): LoadReport {
    const income = this.income();
    const finance = this.ctx.variant.finance;
    return {
      metrics: { leaseRentUSD: income.rentUSD, slaCreditsUSD: income.creditsUSD, leaseUndeliveredMWh: income.undeliveredKWh / 1000 },
      revenueUSD: income.rentUSD,
      creditsPaidUSD: income.creditsUSD,
      // A lease no rule signed owes nothing; a renewed one its whole term so far.
      afterHorizonUSD: this.openH < Infinity ? rentAfterHorizonUSD({ ...this.lease, onlineH: this.openH, termYears: this.termYears }, this.ctx.ledger.calendar, finance.discountRatePerYear) : 0,
    };
  }

  /** Rent, and SLA credits for the hours the hall was dark (outages backup did not carry) or its cooling held less than the lease; all known once backup is planned. */
  private income(): LeaseIncome {
    const l = this.lease;
    this.incomeCache ??= leaseIncome(
      {
        leasedKW: l.itMW * 1000,
        priceUSDPerKWMonth: l.rentUSDPerKWMonth,
        escalatorPerYear: l.escalatorPerYear,
        slaAvailability: l.slaAvailability,
        creditPerStep: l.creditPerStep,
        stepAvailability: l.stepAvailability,
        maxCredit: l.maxCredit,
        startH: this.openH,
        endH: this.endsH,
      },
      this.ctx.ledger.calendar,
      this.ctx.backup.leaseDownH(),
      this.heatShortShare,
    );
    return this.incomeCache;
  }
}

/** Hour by hour, the share of the leased IT the cooling cannot hold, and the hall's facility power while lit. */
function heldByHour(lease: LeaseConfig, spec: CoolingSpec, weather: WeatherSeries | undefined, variantName: string): { heatShortShare: Float64Array; facilityMW: Float64Array } {
  if (!weather) throw new Error(`variant ${variantName}: leased-hall cooling needs the world's weather`);
  const cooling = new HallCooling(spec, lease.itMW, weather);
  const n = cooling.hours;
  const heatShortShare = new Float64Array(n), facilityMW = new Float64Array(n);
  for (let h = 0; h < n; h++) {
    const heldMW = Math.min(lease.itMW, cooling.capacityMW(h));
    heatShortShare[h] = 1 - heldMW / lease.itMW;
    // = held × PUE(h, held ÷ leased) (cooling.ts); past the hard limit, the fixed overhead alone.
    facilityMW[h] = cooling.facilityMW(h, heldMW);
  }
  return { heatShortShare, facilityMW };
}

/** A layout's leased hall, when it leases more than 0 MW. */
export const LEASE_HALL: LoadKind = {
  name: 'lease',
  build: (ctx) => (ctx.variant.lease && ctx.variant.lease.itMW > 0 ? new LeaseHall(ctx) : undefined),
  absentMetrics: { leaseRentUSD: 0, slaCreditsUSD: 0, leaseUndeliveredMWh: 0 },
};
