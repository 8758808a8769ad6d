/**
 * One hall's cooling against one replication's weather: capacity and PUE worked out hour by hour
 * once, when the replication starts, so the campus's hot path is an array lookup and a few flops.
 * Nothing here allocates after construction.
 */
import { requireModelParameter } from '../market/check.js';
import { checkCooling, type CoolingSpec, overheadPerItMW, variableOverheadPerItMW } from './cooling.js';
import { derateAt } from './derate-curve.js';
import { mechanicalShare } from './economizer.js';
import type { WeatherSeries } from './weather.js';

const EMPTY = new Float64Array(0);

export class HallCooling {
  /** Per hour: share of the design IT load the cooling can hold (0–1). */
  readonly capacityFraction: Float64Array;
  /** Per hour: share of the heat left to mechanical cooling (0: all free cooling). */
  readonly mechanicalShare: Float64Array;
  /** Per hour: the PUE at `nominalPartLoad`, for reports and for callers that need no more. */
  readonly pue: Float64Array;
  /** Per hour: the chiller's heat-sink temperature, °C (empty when the hall has no chillers). */
  private readonly sinkC: Float64Array;
  private readonly fixedMW: number;

  /**
   * @param designItMW the IT load the hall is built for, MW
   * @param nominalPartLoad the part load (0–1] the `pue` array is worked out at
   */
  constructor(
    readonly spec: CoolingSpec,
    readonly designItMW: number,
    weather: WeatherSeries,
    readonly nominalPartLoad = 1,
  ) {
    checkCooling(spec);
    requireModelParameter(Number.isFinite(designItMW) && designItMW >= 0, 'cooling', 'designItMW', designItMW, 'a capacity ≥ 0 MW');
    requireModelParameter(Number.isFinite(nominalPartLoad) && nominalPartLoad > 0 && nominalPartLoad <= 1, 'cooling', 'nominalPartLoad', nominalPartLoad, 'a part load in (0, 1]');
    const n = weather.dryBulbC.length;
    requireModelParameter(weather.wetBulbC.length === n, 'cooling', 'weather', `${weather.wetBulbC.length} wet-bulb hours`, `${n} hours, as many as the dry bulb`);
    const bulb = (b: 'dry-bulb' | 'wet-bulb') => (b === 'dry-bulb' ? weather.dryBulbC : weather.wetBulbC);
    const capacityTemp = bulb(spec.capacityOn);
    const economizerTemp = bulb(spec.economizerOn);
    const mech = spec.mechanical;
    const sinkTemp = mech.kind === 'chiller' ? bulb(mech.condenserOn) : EMPTY;
    const sinkApproach = mech.kind === 'chiller' ? mech.condenserApproachC : 0;
    this.capacityFraction = new Float64Array(n);
    this.mechanicalShare = new Float64Array(n);
    this.pue = new Float64Array(n);
    this.sinkC = mech.kind === 'chiller' ? new Float64Array(n) : EMPTY;
    this.fixedMW = spec.constantPue === undefined ? spec.fixedOverhead * designItMW : 0;
    for (let h = 0; h < n; h++) {
      this.capacityFraction[h] = derateAt(spec.capacity, capacityTemp[h]);
      const share = mechanicalShare(economizerTemp[h], spec.approachC, spec.supplyC, spec.returnC);
      this.mechanicalShare[h] = share;
      const sink = mech.kind === 'chiller' ? (this.sinkC[h] = sinkTemp[h] + sinkApproach) : 0;
      this.pue[h] = spec.constantPue ?? 1 + overheadPerItMW(spec, share, sink, nominalPartLoad);
    }
  }

  /** Hours covered. */
  get hours(): number {
    return this.pue.length;
  }

  /** IT load (MW) the cooling can hold in hour `h`. */
  capacityMW(h: number): number {
    return this.capacityFraction[h] * this.designItMW;
  }

  /** PUE in hour `h` with the hall at `partLoad` (0–1] of its design IT load. */
  pueAt(h: number, partLoad: number): number {
    const s = this.spec;
    if (s.constantPue !== undefined) return s.constantPue;
    return 1 + overheadPerItMW(s, this.mechanicalShare[h], this.sink(h), partLoad);
  }

  /** Facility power (MW) the hall draws in hour `h` to run `itMW` of IT; the fixed overhead even at 0. */
  facilityMW(h: number, itMW: number): number {
    const s = this.spec;
    if (s.constantPue !== undefined) return itMW * s.constantPue;
    if (itMW <= 0 || this.designItMW === 0) return this.fixedMW;
    return this.fixedMW + itMW * (1 + variableOverheadPerItMW(s, this.mechanicalShare[h], this.sink(h), itMW / this.designItMW));
  }

  /**
   * The most IT load (MW) hour `h` can run from `facilityMW` of power, capped by the cooling
   * capacity. Facility power rises strictly with IT load (a chiller's Q/COP(Q) does: the fit's
   * COP − L·∂COP/∂L = 16.80 − 0.761t + 0.00884t² + 8.53L² > 0), so bisection finds it.
   */
  maxItMW(h: number, facilityMW: number): number {
    const capMW = this.capacityMW(h);
    if (capMW <= 0 || facilityMW <= this.fixedMW) return 0;
    if (this.facilityMW(h, capMW) <= facilityMW) return capMW;
    let lo = 0, hi = capMW;
    // 52 halvings reach the float64 resolution of the interval.
    for (let k = 0; k < 52 && hi - lo > 1e-12 * capMW; k++) {
      const mid = 0.5 * (lo + hi);
      if (this.facilityMW(h, mid) <= facilityMW) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  private sink(h: number): number {
    return this.sinkC.length > 0 ? this.sinkC[h] : 0;
  }
}
