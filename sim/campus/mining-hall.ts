/**
 * A layout's mining hall: the fleet in service (a schedule's steps, less machines a GPU hall took
 * over) and how much of it can run in a given hour — after failures (the world's pool), the thermal
 * derate of air-cooled ASICs and the hall's cooling capacity — with the facility power that takes.
 * Hashrate and power move together: failures, heat and cooling take whole machines (or, for the
 * thermal derate, lower their clocks at about the same J/TH), so TH/s per MW of IT is the fleet's.
 */
import { BASE_MODEL, variantFleet } from '../mining/fleet.js';
import { fleetSchedule, type AsicModel, type FleetSteps } from '../mining/fleet-schedule.js';
import { asicHashrateFraction } from '../mining/thermal-derate.js';
import type { VariantConfig } from '../scenario/types.js';
import { HallCooling } from '../site/hall-cooling.js';
import type { WeatherSeries } from '../site/weather.js';

export class MiningHall {
  /** Machines in service, before failures and heat: their wall power (IT), MW, and hashrate, TH/s. */
  nominalMW = 0;
  nominalTHs = 0;
  /** Share of machines working today (1 without a failure model). */
  availableFraction = 1;
  /** What `assess` found for its hour, MW of IT: lost to failures, to heat and cooling, and left to run. */
  failureMW = 0;
  heatMW = 0;
  runnableMW = 0;
  readonly steps: FleetSteps | undefined;
  readonly cooling: HallCooling | undefined;
  /** Per hour, the share of hashrate air-cooled machines keep at the dry bulb (absent otherwise). */
  private readonly thermal: Float64Array | undefined;
  private stepMW = 0;
  private stepTHs = 0;
  private convertedMW = 0;
  private convertedTHs = 0;
  /** Machines a decision rule bought and has received, beyond the schedule. */
  private boughtMW = 0;
  private boughtTHs = 0;

  constructor(variant: VariantConfig, horizonH: number, weather: WeatherSeries | undefined) {
    const fleet = variantFleet(variant);
    const schedule = variant.mining.schedule ?? [];
    if (schedule.length > 0) {
      const m = variant.mining;
      const models = new Map<string, AsicModel>([[BASE_MODEL, { name: BASE_MODEL, hashrateTHs: m.asicHashrateTHs, powerMW: m.asicPowerMW }]]);
      for (const p of schedule) models.set(p.model.name, p.model);
      const changes = schedule.map((p) => ({ atH: p.atH, model: p.model.name, change: p.machines }));
      this.steps = fleetSchedule([...models.values()], { [BASE_MODEL]: fleet.machines }, changes, horizonH);
    }
    this.setStep(0, fleet.powerMW, fleet.hashrateTHs);
    const c = variant.mining.cooling;
    if (c) {
      if (!weather) throw new Error(`variant ${variant.name}: mining cooling needs the world's weather`);
      // The hall is built for the most the fleet will ever draw.
      const designMW = this.steps ? Math.max(...this.steps.powerMW) : fleet.powerMW;
      this.cooling = new HallCooling(c.spec, designMW, weather);
      if (c.asicThermal) this.thermal = asicHashrateFraction(c.asicThermal, weather.dryBulbC);
    }
  }

  /** The fleet of schedule step `i` (or, without a schedule, the fleet given) is in service. */
  setStep(i: number, powerMW = this.steps!.powerMW[i], hashrateTHs = this.steps!.hashrateTHs[i]): void {
    this.stepMW = powerMW;
    this.stepTHs = hashrateTHs;
    this.refresh();
  }

  /** Switches off for good the machines of `machineMW` and `machineTHs` that free at least `convertMW`. */
  convert(convertMW: number, machineMW: number, machineTHs: number): void {
    const machines = Math.round(this.nominalMW / machineMW);
    const off = Math.min(machines, Math.ceil(convertMW / machineMW - 1e-9));
    this.convertedMW += off * machineMW;
    this.convertedTHs += off * machineTHs;
    this.refresh();
  }

  /** `machines` of `machineMW` and `machineTHs` more are in service from now on (a decision rule's purchase delivered). */
  add(machines: number, machineMW: number, machineTHs: number): void {
    this.boughtMW += machines * machineMW;
    this.boughtTHs += machines * machineTHs;
    this.refresh();
  }

  /** Hashrate per MW of IT of the fleet in service, TH/s per MW. */
  thPerMW(): number {
    return this.nominalMW > 0 ? this.nominalTHs / this.nominalMW : 0;
  }

  /** Splits the fleet for hour `h` into failed, held back by heat and cooling, and runnable (fields). */
  assess(h: number): void {
    const nominal = this.nominalMW;
    const working = nominal * this.availableFraction;
    let runnable = this.thermal !== undefined ? working * this.thermal[h] : working;
    if (this.cooling !== undefined) {
      const capMW = this.cooling.capacityMW(h);
      if (runnable > capMW) runnable = capMW;
    }
    this.failureMW = nominal - working;
    this.heatMW = working - runnable;
    this.runnableMW = runnable;
  }

  /** Facility power, MW, to run `itMW` of machines in hour `h` (PUE 1 without a cooling model). */
  facilityMW(h: number, itMW: number): number {
    return this.cooling !== undefined ? this.cooling.facilityMW(h, itMW) : itMW;
  }

  /** The most machine power, MW, that `facilityMW` runs in hour `h`. */
  maxItMW(h: number, facilityMW: number): number {
    if (facilityMW <= 0) return 0;
    return this.cooling !== undefined ? this.cooling.maxItMW(h, facilityMW) : facilityMW;
  }

  private refresh(): void {
    this.nominalMW = Math.max(0, this.stepMW + this.boughtMW - this.convertedMW);
    this.nominalTHs = Math.max(0, this.stepTHs + this.boughtTHs - this.convertedTHs);
  }
}
