/**
 * A layout's backup power against the replication's grid outages: for each outage, until when the
 * generators (or only the UPS, if they fail to start) carry the HPC halls, and how much of that
 * capacity a leased hall takes first — a tenant's contract comes before the campus's own GPUs. A
 * leased hall is carried whole or not at all (its tenant's IT is not the campus's to cap).
 *
 * A leased hall whose draw follows the weather is reserved its peak hourly draw over the hours
 * backup runs in that outage: generators committed to a tenant must hold its hottest hour, and one
 * figure per outage (not one for the horizon) keeps a summer afternoon's PUE from deciding a winter
 * outage, while the owned hall's share stays fixed for the outage instead of changing every hour.
 */
import type { BackupPowerSpec } from '../site/backup-power.js';
import { backupCoverageFromDraws } from '../site/backup-power.js';

/** What backup needs to know of a leased hall: when it is built and when its lease ends, and its heaviest draw over a span of hours. */
export interface BackupLease {
  /** Infinity while no rule has signed it. */
  readonly onlineH: number;
  /** Infinity for a lease without a term. */
  readonly endH: number;
  /** The most the lit hall draws in any hour of [fromH, toH), MW (0 for an empty span). */
  peakFacilityMW(fromH: number, toH: number): number;
}

export class BackupPlan {
  /** Per outage: the hour backup runs out (its start when there is no backup). */
  readonly untilH: Float64Array;
  /** Per outage: the backup power the leased hall takes, MW (0: not carried). */
  private readonly leaseMW: Float64Array;
  private readonly capacityMW: number;

  constructor(
    spec: BackupPowerSpec | undefined,
    private readonly outagesH: ReadonlyArray<readonly [number, number]>,
    draws: Float64Array | undefined,
    private readonly lease: BackupLease | undefined,
  ) {
    this.capacityMW = spec ? spec.capacityMW : 0;
    this.untilH = spec ? backupCoverageFromDraws(spec, outagesH, draws) : Float64Array.from(outagesH, (o) => o[0]);
    this.leaseMW = new Float64Array(outagesH.length);
    this.planLease();
  }

  /**
   * Reserves the leased hall's share of each outage that starts while its lease runs. Planned again
   * when a rule signs or renews the lease: the outages are drawn already, and those that start
   * before the decision are before the hall opens and before its old end, so their share stays.
   */
  planLease(): void {
    const lease = this.lease;
    for (let i = 0; i < this.outagesH.length; i++) {
      const [start, end] = this.outagesH[i];
      this.leaseMW[i] = 0;
      if (lease === undefined || start < lease.onlineH || start >= lease.endH || this.untilH[i] <= start) continue;
      const drawMW = lease.peakFacilityMW(start, Math.min(end, this.untilH[i], lease.endH));
      if (drawMW > 0 && this.capacityMW >= drawMW) this.leaseMW[i] = drawMW;
    }
  }

  /** Backup power left for the owned GPU hall during outage `i`, MW. */
  hallCapacityMW(i: number): number {
    return this.capacityMW - this.leaseMW[i];
  }

  /** The leased hall's dark intervals: whole outages it is not carried through, and what is left after the fuel of those it is. */
  leaseDownH(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    this.outagesH.forEach(([start, end], i) => {
      const from = this.leaseMW[i] > 0 ? this.untilH[i] : start;
      if (end > from) out.push([from, end]);
    });
    return out;
  }
}
