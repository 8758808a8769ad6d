/**
 * A leased hall against one replication's weather: hour by hour, the IT its cooling lets the tenant
 * run and the power it takes from the grid. The tenant is taken to run its contracted IT at full
 * load whenever it can (its GPUs are its own business; the campus sees only the draw), so in hour h
 * the hall holds min(leased IT, cooling capacity) and draws that × PUE(ambient, held ÷ leased IT).
 * Without a cooling model the draw is the flat leased IT × pue, and heat costs the tenant nothing.
 * Worked out once per run, so the campus's hot path is an array lookup.
 */
import type { LeaseConfig } from '../hpc/config.js';
import { HallCooling } from '../site/hall-cooling.js';
import type { WeatherSeries } from '../site/weather.js';

export class LeaseHall {
  readonly itMW: number;
  readonly onlineH: number;
  /** Per hour, with a cooling model: the share of the leased IT the cooling could not hold (0–1). */
  readonly heatShortShare: Float64Array | undefined;
  /** Per hour, with a cooling model: the hall's facility power while lit, MW. */
  private readonly facilityByHourMW: Float64Array | undefined;
  private readonly flatFacilityMW: number;

  /** @param lease a lease of more than 0 MW */
  constructor(lease: LeaseConfig, weather: WeatherSeries | undefined, variantName: string) {
    this.itMW = lease.itMW;
    this.onlineH = lease.onlineH;
    this.flatFacilityMW = lease.itMW * lease.pue;
    if (!lease.cooling) return;
    if (!weather) throw new Error(`variant ${variantName}: leased-hall cooling needs the world's weather`);
    const cooling = new HallCooling(lease.cooling, lease.itMW, weather);
    const n = cooling.hours;
    this.heatShortShare = new Float64Array(n);
    this.facilityByHourMW = new Float64Array(n);
    for (let h = 0; h < n; h++) {
      const heldMW = Math.min(lease.itMW, cooling.capacityMW(h));
      this.heatShortShare[h] = 1 - heldMW / lease.itMW;
      // = held × PUE(h, held ÷ leased) (cooling.ts); past the hard limit, the fixed overhead alone.
      this.facilityByHourMW[h] = cooling.facilityMW(h, heldMW);
    }
  }

  /** Does the draw change hour by hour (so the campus must re-share the grid every hour)? */
  get hourly(): boolean {
    return this.facilityByHourMW !== undefined;
  }

  /** Facility power the lit hall draws in hour `h` of the horizon, MW. */
  facilityMW(h: number): number {
    return this.facilityByHourMW !== undefined ? this.facilityByHourMW[h] : this.flatFacilityMW;
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
}
