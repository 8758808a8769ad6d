/**
 * The fleet's changes over time: ASIC failures (`mining.failures`) and machines bought and retired
 * at dates (`mining.schedule`, of `mining.asic` or a model named in `mining.models`), checked here
 * against the machines in service and the power the grid leaves the fleet.
 */
import { echo } from '../core/echo.js';
import type { AsicFailureSpec } from '../mining/asic-failures.js';
import { checkAsicFailures } from '../mining/asic-failures.js';
import { fleetSchedule, type FleetChange } from '../mining/fleet-schedule.js';
import { BASE_MODEL, reservedDrawMW, variantFleet } from '../mining/fleet.js';
import { hoursFromStart } from '../site/calendar.js';
import { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';
import type { AsicModelConfig, FleetPurchase, VariantConfig } from './types.js';
import { build } from './world-config.js';

export function readFailures(r: ScenarioReader): AsicFailureSpec {
  const at: KeyPath = ['mining', 'failures'];
  const spec: AsicFailureSpec = {
    annualFailureRate: r.read([...at, 'rate']),
    leadTimeH: r.read([...at, 'leadTime']),
  };
  build(r, at, () => checkAsicFailures(spec), { annualFailureRate: 'rate', leadTimeH: 'leadTime' });
  return spec;
}

/** `mining.schedule` in date order (entries of one date in file order), for a layout without it so far. */
export function readSchedule(r: ScenarioReader, variant: VariantConfig, horizonH: number): FleetPurchase[] {
  const at: KeyPath = ['mining', 'schedule'];
  const models = readModels(r, variant);
  const startUnixSeconds = Date.parse(`${new ScenarioReader(r.src, r.src.value).string(['horizon', 'start'])}T00:00:00Z`) / 1000;
  const entries = r.raw(at) as Array<Record<string, unknown>>;
  const purchases = entries.map((_, i): FleetPurchase => {
    const e: KeyPath = [...at, i];
    const date = r.string([...e, 'date']);
    const atH = hoursFromStart(date, startUnixSeconds);
    if (!(atH >= 0 && atH < horizonH)) r.fail([...e, 'date'], Number.isNaN(atH) ? `'${echo(date)}' is not a date` : `${date} is outside the horizon`, 'a date YYYY-MM-DD within the horizon');
    const name = r.string([...e, 'model'], BASE_MODEL);
    const model = models.get(name) ?? r.fail([...e, 'model'], `no model is named '${echo(name)}'`, `${BASE_MODEL} (mining.asic) or one of mining.models`);
    const adds = r.has([...e, 'add']), retires = r.has([...e, 'retire']);
    if (adds === retires) r.fail(e, adds ? 'both add and retire were given' : 'neither add nor retire was given', 'one of add or retire: a number of machines, or a power like "20 MW"');
    const key = adds ? 'add' : 'retire';
    const machines = readMachines(r, [...e, key], model);
    return { atH, model, machines: adds ? machines : -machines };
  });
  checkAgainstFleet(r, variant, purchases, horizonH);
  return purchases.map((p, i) => ({ p, i })).sort((a, b) => a.p.atH - b.p.atH || a.i - b.i).map((x) => x.p);
}

/** The models a schedule may name: the starting fleet's, and `mining.models`. */
function readModels(r: ScenarioReader, variant: VariantConfig): Map<string, AsicModelConfig> {
  const m = variant.mining;
  const models = new Map<string, AsicModelConfig>([[BASE_MODEL, { name: BASE_MODEL, hashrateTHs: m.asicHashrateTHs, powerMW: m.asicPowerMW, priceUSDPerTHs: m.asicPriceUSDPerTHs }]]);
  const tree = r.raw(['mining', 'models']) as Record<string, unknown> | undefined;
  for (const name of Object.keys(tree ?? {})) {
    const at: KeyPath = ['mining', 'models', name];
    if (name === BASE_MODEL) r.fail(at, `'${echo(BASE_MODEL)}' names the starting fleet's model (mining.asic)`, 'another name');
    models.set(name, {
      name,
      hashrateTHs: r.read([...at, 'hashrate']),
      powerMW: r.read([...at, 'power']),
      priceUSDPerTHs: r.read([...at, 'price']),
    });
  }
  return models;
}

/** A whole number of machines, or a power: as many machines as it holds. */
function readMachines(r: ScenarioReader, at: KeyPath, model: AsicModelConfig): number {
  const raw = r.raw(at);
  const machines = typeof raw === 'number' ? raw : Math.floor(r.quantity(at, 'power', { above: 0 }) / model.powerMW + 1e-9);
  if (!Number.isInteger(machines) || machines < 1) {
    r.fail(at, typeof raw === 'number' ? `${raw} is not a whole number of machines ≥ 1` : `'${echo(String(raw))}' holds no ${model.powerMW * 1e6} W machine`, 'a whole number of machines ≥ 1, or a power like "20 MW"');
  }
  return machines;
}

/** Retirements within the machines in service, and the fleet within the grid left to it, at every step. */
function checkAgainstFleet(r: ScenarioReader, variant: VariantConfig, purchases: readonly FleetPurchase[], horizonH: number): void {
  const at: KeyPath = ['mining', 'schedule'];
  const order = purchases.map((_, i) => i).sort((a, b) => purchases[a].atH - purchases[b].atH || a - b);
  const inService = new Map<string, number>([[BASE_MODEL, variantFleet(variant).machines]]);
  for (const i of order) {
    const p = purchases[i];
    const have = inService.get(p.model.name) ?? 0;
    if (have + p.machines < 0) r.fail([...at, i, 'retire'], `retires ${-p.machines} ${p.model.name} machines; ${have} are in service then`, `at most ${have}`);
    inService.set(p.model.name, have + p.machines);
  }
  const models = [...new Map(purchases.map((p) => [p.model.name, p.model])).values()];
  if (!models.some((m) => m.name === BASE_MODEL)) models.unshift({ name: BASE_MODEL, hashrateTHs: variant.mining.asicHashrateTHs, powerMW: variant.mining.asicPowerMW, priceUSDPerTHs: 0 });
  const changes: FleetChange[] = purchases.map((p) => ({ atH: p.atH, model: p.model.name, change: p.machines }));
  const steps = build(r, at, () => fleetSchedule(models, { [BASE_MODEL]: variantFleet(variant).machines }, changes, horizonH));
  const roomMW = variant.site.gridMW - reservedDrawMW(variant);
  for (let s = 1; s < steps.changeH.length; s++) {
    if (steps.powerMW[s] > roomMW + 1e-9) {
      const i = purchases.findIndex((p) => p.atH === steps.changeH[s]);
      r.fail([...at, i], `the fleet would draw ${steps.powerMW[s].toFixed(1)} MW from then on`, `at most the ${roomMW.toFixed(1)} MW the grid leaves mining`);
    }
  }
}
