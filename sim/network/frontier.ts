/**
 * The ASIC efficiency frontier: the J/TH of the most efficient machine one can buy on a given day.
 * Written as dated reference machines (vendor specs), joined log-linearly — between one flagship and
 * the next, rivals' and interim models fill the gap (a constant improvement a year) — and past the
 * last at a rate the scenario names, as ASIC generations have improved. Before the first, the
 * frontier is extrapolated back at the rate between the first two. (A step from flagship to flagship
 * fits the 2016–2022 difficulty no better.)
 */
import { finite, requireModelParameter } from '../market/check.js';

export const DAYS_PER_YEAR = 365.25;

export interface FrontierMachine {
  /** Days since 1970-01-01 (UTC) when the machine shipped. */
  readonly unixDay: number;
  readonly efficiencyJPerTH: number;
}

export class Frontier {
  private readonly days: Float64Array;
  private readonly lnEfficiency: Float64Array;
  /** ln J/TH per day past the last machine (negative: the frontier improves). */
  private readonly lnSlopeAfter: number;
  /** ln J/TH per day before the first machine. */
  private readonly lnSlopeBefore: number;

  /**
   * @param machines reference machines in order of date
   * @param improvementPerYear share by which the frontier's J/TH falls each year after the last machine
   */
  constructor(readonly machines: readonly FrontierMachine[], readonly improvementPerYear: number) {
    requireModelParameter(machines.length > 0, 'frontier', 'machines', machines.length, 'at least one dated machine');
    machines.forEach((m, i) => {
      requireModelParameter(finite(m.efficiencyJPerTH) && m.efficiencyJPerTH > 0, 'frontier', `machines[${i}].efficiency`, m.efficiencyJPerTH, 'an efficiency > 0 J/TH');
      requireModelParameter(finite(m.unixDay), 'frontier', `machines[${i}].date`, m.unixDay, 'a date');
      if (i > 0) requireModelParameter(m.unixDay > machines[i - 1].unixDay, 'frontier', `machines[${i}].date`, m.unixDay, 'a date after the machine before it');
    });
    requireModelParameter(finite(improvementPerYear) && improvementPerYear >= 0 && improvementPerYear < 0.9, 'frontier', 'improvement', improvementPerYear, 'a share in [0, 0.9) a year');
    this.days = Float64Array.from(machines, (m) => m.unixDay);
    this.lnEfficiency = Float64Array.from(machines, (m) => Math.log(m.efficiencyJPerTH));
    this.lnSlopeAfter = Math.log(1 - improvementPerYear) / DAYS_PER_YEAR;
    const n = machines.length;
    this.lnSlopeBefore = n > 1 ? (this.lnEfficiency[1] - this.lnEfficiency[0]) / (this.days[1] - this.days[0]) : this.lnSlopeAfter;
  }

  /** ln of the frontier's J/TH on `unixDay`. */
  lnEfficiencyAt(unixDay: number): number {
    const n = this.days.length;
    if (unixDay < this.days[0]) return this.lnEfficiency[0] + this.lnSlopeBefore * (unixDay - this.days[0]);
    if (unixDay >= this.days[n - 1]) return this.lnEfficiency[n - 1] + this.lnSlopeAfter * (unixDay - this.days[n - 1]);
    let k = 1;
    while (this.days[k] <= unixDay) k++;
    const u = (unixDay - this.days[k - 1]) / (this.days[k] - this.days[k - 1]);
    return this.lnEfficiency[k - 1] + u * (this.lnEfficiency[k] - this.lnEfficiency[k - 1]);
  }

  efficiencyAt(unixDay: number): number {
    return Math.exp(this.lnEfficiencyAt(unixDay));
  }
}
