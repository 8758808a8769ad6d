/**
 * A layout's backup power against the replication's grid outages: for each outage, until when the
 * generators (or only the UPS, if they fail to start) carry the HPC halls, and how much of that
 * capacity a leased hall takes first — a tenant's contract comes before the campus's own GPUs. A
 * leased hall is carried whole or not at all (its tenant's IT is not the campus's to cap).
 */
import type { BackupPowerSpec } from '../site/backup-power.js';
import { backupCoverageFromDraws } from '../site/backup-power.js';

export class BackupPlan {
  /** Per outage: the hour backup runs out (its start when there is no backup). */
  readonly untilH: Float64Array;
  /** Per outage: does backup carry the leased hall? */
  private readonly leaseCovered: Uint8Array;
  private readonly capacityMW: number;

  constructor(
    spec: BackupPowerSpec | undefined,
    private readonly outagesH: ReadonlyArray<readonly [number, number]>,
    draws: Float64Array | undefined,
    private readonly lease: { readonly facilityMW: number; readonly onlineH: number } | undefined,
  ) {
    const n = outagesH.length;
    this.capacityMW = spec ? spec.capacityMW : 0;
    this.untilH = spec ? backupCoverageFromDraws(spec, outagesH, draws) : Float64Array.from(outagesH, (o) => o[0]);
    this.leaseCovered = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const covered = lease !== undefined && lease.facilityMW > 0 && outagesH[i][0] >= lease.onlineH && this.capacityMW >= lease.facilityMW && this.untilH[i] > outagesH[i][0];
      this.leaseCovered[i] = covered ? 1 : 0;
    }
  }

  /** Backup power left for the owned GPU hall during outage `i`, MW. */
  hallCapacityMW(i: number): number {
    return this.leaseCovered[i] === 1 ? this.capacityMW - this.lease!.facilityMW : this.capacityMW;
  }

  /** The leased hall's dark intervals: whole outages it is not carried through, and what is left after the fuel of those it is. */
  leaseDownH(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    this.outagesH.forEach(([start, end], i) => {
      const from = this.leaseCovered[i] === 1 ? this.untilH[i] : start;
      if (end > from) out.push([from, end]);
    });
    return out;
  }
}
