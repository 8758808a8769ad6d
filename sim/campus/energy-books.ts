/**
 * A campus run's energy accounts, integrated whenever a rate changes: energy drawn (grid and backup)
 * split by use — mining machines, GPU-hall IT, cooling and other overhead of both halls — and the
 * mining energy not drawn, by cause. Causes are taken in this order, each from what the ones before
 * leave: failure (machines broken), cooling (the thermal derate and the hall's cooling capacity),
 * grid (what the grid — derated, or after the GPU and leased halls — cannot carry), outage, demand
 * response, economic.
 */
import { TimeIntegral } from '../core/stats/time-integral.js';

export class EnergyBooks {
  readonly gridMW = new TimeIntegral(0, 0);
  readonly backupMW = new TimeIntegral(0, 0);
  readonly miningItMW = new TimeIntegral(0, 0);
  readonly gpuItMW = new TimeIntegral(0, 0);
  readonly overheadMW = new TimeIntegral(0, 0);
  /** The GPU hall's facility power (its IT and its cooling). */
  readonly gpuFacilityMW = new TimeIntegral(0, 0);
  readonly curtailedEconomicMW = new TimeIntegral(0, 0);
  readonly curtailedDemandResponseMW = new TimeIntegral(0, 0);
  readonly curtailedCoolingMW = new TimeIntegral(0, 0);
  readonly curtailedGridMW = new TimeIntegral(0, 0);
  readonly curtailedOutageMW = new TimeIntegral(0, 0);
  readonly curtailedFailureMW = new TimeIntegral(0, 0);
  readonly deliveredTHs = new TimeIntegral(0, 0);

  /** Power drawn from `nowH` on, MW: each hall's IT and facility power, and where it comes from. */
  setDraw(nowH: number, miningItMW: number, miningFacilityMW: number, gpuItMW: number, gpuFacilityMW: number, gridMW: number, backupMW: number): void {
    this.gridMW.set(nowH, gridMW);
    this.backupMW.set(nowH, backupMW);
    this.miningItMW.set(nowH, miningItMW);
    this.gpuItMW.set(nowH, gpuItMW);
    this.overheadMW.set(nowH, miningFacilityMW - miningItMW + (gpuFacilityMW - gpuItMW));
    this.gpuFacilityMW.set(nowH, gpuFacilityMW);
  }

  /** Mining from `nowH` on: hashrate delivered, and MW of machines not running by cause. */
  setMining(nowH: number, deliveredTHs: number, economicMW: number, demandResponseMW: number, coolingMW: number, gridMW: number, outageMW: number, failureMW: number): void {
    this.deliveredTHs.set(nowH, deliveredTHs);
    this.curtailedEconomicMW.set(nowH, economicMW);
    this.curtailedDemandResponseMW.set(nowH, demandResponseMW);
    this.curtailedCoolingMW.set(nowH, coolingMW);
    this.curtailedGridMW.set(nowH, gridMW);
    this.curtailedOutageMW.set(nowH, outageMW);
    this.curtailedFailureMW.set(nowH, failureMW);
  }

  /** Energy drawn from the grid and backup up to `tH`, MWh. */
  totalMWh(tH: number): number {
    return this.gridMW.integralAt(tH) + this.backupMW.integralAt(tH);
  }

  /** Energy by use up to `tH`, MWh: mining, GPU-hall IT, cooling and overhead. */
  byUseMWh(tH: number): number {
    return this.miningItMW.integralAt(tH) + this.gpuItMW.integralAt(tH) + this.overheadMW.integralAt(tH);
  }
}
