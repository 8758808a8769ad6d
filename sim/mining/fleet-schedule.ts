/**
 * A fleet that changes over the horizon: machines of several ASIC models bought and retired on
 * scheduled dates, giving the fleet's hashrate and power as step functions the campus steps through
 * (one event per change, a lookup in between).
 */
import { finite, requireModelParameter } from '../market/check.js';

export interface AsicModel {
  readonly name: string;
  /** Nominal hashrate of one machine, TH/s. */
  readonly hashrateTHs: number;
  /** Wall power of one machine, MW (3,645 W = 0.003645 MW). */
  readonly powerMW: number;
}

/** At `atH` hours from the start, `change` machines of `model` are added (> 0) or retired (< 0). */
export interface FleetChange {
  readonly atH: number;
  readonly model: string;
  readonly change: number;
}

/** Step i holds on [changeH[i], changeH[i + 1]) (the last to the horizon). */
export interface FleetSteps {
  readonly models: readonly AsicModel[];
  readonly changeH: Float64Array;
  /** Machines of model m during step i: machines[i · models.length + m]. */
  readonly machines: Int32Array;
  readonly hashrateTHs: Float64Array;
  readonly powerMW: Float64Array;
}

/**
 * The fleet's steps from `initial` machines per model at hour 0 and the scheduled `changes` (in any
 * order; changes at the same hour apply together, in the order given). Throws a RangeError naming
 * the entry when a model is unknown or a retirement takes more machines than there are.
 */
export function fleetSchedule(models: readonly AsicModel[], initial: Readonly<Record<string, number>>, changes: readonly FleetChange[], horizonH: number): FleetSteps {
  const m = 'fleet';
  requireModelParameter(models.length > 0, m, 'models', models.length, 'at least one ASIC model');
  const index = new Map<string, number>();
  models.forEach((a, k) => {
    requireModelParameter(typeof a.name === 'string' && a.name !== '' && !index.has(a.name), m, `models[${k}].name`, a.name, 'a name no other model has');
    requireModelParameter(finite(a.hashrateTHs) && a.hashrateTHs > 0, m, `models[${k}].hashrateTHs`, a.hashrateTHs, 'a hashrate > 0 TH/s');
    requireModelParameter(finite(a.powerMW) && a.powerMW > 0, m, `models[${k}].powerMW`, a.powerMW, 'a power > 0 MW');
    index.set(a.name, k);
  });
  const known = models.map((a) => a.name).join(', ');
  requireModelParameter(finite(horizonH) && horizonH > 0, m, 'horizonH', horizonH, 'a horizon > 0 h');
  const count = new Array<number>(models.length).fill(0);
  for (const [name, n] of Object.entries(initial)) {
    requireModelParameter(index.has(name), m, `initial.${name}`, name, `one of the models (${known})`);
    requireModelParameter(Number.isInteger(n) && n >= 0, m, `initial.${name}`, n, 'a whole number of machines ≥ 0');
    count[index.get(name)!] = n;
  }
  changes.forEach((c, i) => {
    requireModelParameter(finite(c.atH) && c.atH >= 0 && c.atH < horizonH, m, `changes[${i}].atH`, c.atH, `an hour in [0, ${horizonH}) of the horizon`);
    requireModelParameter(index.has(c.model), m, `changes[${i}].model`, c.model, `one of the models (${known})`);
    requireModelParameter(Number.isInteger(c.change) && c.change !== 0, m, `changes[${i}].change`, c.change, 'a whole number of machines, + to buy, − to retire');
  });

  // Stable sort by time keeps the given order within an hour.
  const order = changes.map((_, i) => i).sort((a, b) => changes[a].atH - changes[b].atH || a - b);
  const times = [0];
  const rows = [count.slice()];
  for (const i of order) {
    const c = changes[i];
    const k = index.get(c.model)!;
    const have = count[k];
    requireModelParameter(have + c.change >= 0, m, `changes[${i}].change`, c.change, `a retirement of at most the ${have} ${c.model} machines in service at hour ${c.atH}`);
    count[k] = have + c.change;
    if (c.atH === times[times.length - 1]) rows[rows.length - 1] = count.slice();
    else {
      times.push(c.atH);
      rows.push(count.slice());
    }
  }

  const steps = times.length;
  const machines = new Int32Array(steps * models.length);
  const hashrateTHs = new Float64Array(steps);
  const powerMW = new Float64Array(steps);
  rows.forEach((row, i) => {
    row.forEach((n, k) => {
      machines[i * models.length + k] = n;
      hashrateTHs[i] += n * models[k].hashrateTHs;
      powerMW[i] += n * models[k].powerMW;
    });
  });
  return { models, changeH: Float64Array.from(times), machines, hashrateTHs, powerMW };
}

/** Index of the step in force at `tH` (binary search; no allocation). */
export function stepAt(changeH: Float64Array, tH: number): number {
  let lo = 0, hi = changeH.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (changeH[mid] <= tH) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
