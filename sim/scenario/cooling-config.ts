/**
 * A hall's `cooling` section → CoolingSpec: a technology's defaults (DEFAULT_COOLING) with any key
 * overridden, checked by the cooling model and reported at the scenario key that is out of range.
 */
import { echo } from '../core/echo.js';
import { AIR_COOLED_ASIC_THERMAL } from '../mining/thermal-derate.js';
import { checkCooling, type CoolingSpec, type CoolingTechnology, DEFAULT_COOLING } from '../site/cooling.js';
import { checkDerateCurve, type DerateCurveSpec } from '../site/derate-curve.js';
import type { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';
import type { MiningCoolingConfig } from './types.js';
import { build } from './world-config.js';

/** Scenario keys by the model field they set, for the model's own range messages. */
const KEYS: Readonly<Record<string, string>> = {
  hardLimitC: 'hardLimit',
  floorFraction: 'floor',
  approachC: 'approach',
  supplyC: 'supply',
  returnC: 'return',
  proportionalOverhead: 'overhead.proportional',
  fixedOverhead: 'overhead.fixed',
  constantPue: 'pue',
};

/** The cooling at `at` (e.g. gpuCloud.cooling). */
export function readCooling(r: ScenarioReader, at: KeyPath): CoolingSpec {
  const technology = r.string([...at, 'technology']) as CoolingTechnology;
  const d = DEFAULT_COOLING[technology];
  if (!d) r.fail([...at, 'technology'], `unknown technology '${echo(technology)}'`, Object.keys(DEFAULT_COOLING).join(', '));
  const temperature = (key: string, fallback: number) => r.read([...at, key], { fallback });
  const spec: CoolingSpec = {
    ...d,
    capacity: r.has([...at, 'capacity']) ? readCurve(r, [...at, 'capacity'], d.capacity) : d.capacity,
    approachC: r.read([...at, 'approach'], { fallback: d.approachC }),
    supplyC: temperature('supply', d.supplyC),
    returnC: temperature('return', d.returnC),
    proportionalOverhead: r.read([...at, 'overhead', 'proportional'], { fallback: d.proportionalOverhead }),
    fixedOverhead: r.read([...at, 'overhead', 'fixed'], { fallback: d.fixedOverhead }),
    ...(r.has([...at, 'pue']) ? { constantPue: r.read([...at, 'pue']) } : {}),
  };
  build(r, at, () => checkCooling(spec), KEYS);
  return spec;
}

/** A mining hall's cooling, with the ASIC thermal derate that air-cooled machines add. */
export function readMiningCooling(r: ScenarioReader): MiningCoolingConfig {
  const at: KeyPath = ['mining', 'cooling'];
  const spec = readCooling(r, at);
  if (spec.technology !== 'air') {
    if (r.has([...at, 'asicDerate'])) r.fail([...at, 'asicDerate'], `${spec.technology}-cooled machines see coolant, not outdoor air`, 'asicDerate only with technology: air');
    return { spec };
  }
  return { spec, asicThermal: r.has([...at, 'asicDerate']) ? readCurve(r, [...at, 'asicDerate'], AIR_COOLED_ASIC_THERMAL) : AIR_COOLED_ASIC_THERMAL };
}

/** A derate curve: `points` as [°C, fraction] pairs, `hardLimit` a temperature, `floor` a fraction. */
function readCurve(r: ScenarioReader, at: KeyPath, d: DerateCurveSpec): DerateCurveSpec {
  const curve: DerateCurveSpec = {
    points: (r.raw([...at, 'points']) as Array<[number, number]> | undefined) ?? d.points,
    hardLimitC: r.has([...at, 'hardLimit']) ? r.read([...at, 'hardLimit']) : d.hardLimitC,
    floorFraction: r.read([...at, 'floor'], { fallback: d.floorFraction }),
  };
  // The model names the curve's fields under a prefix ('capacity.points[2]'); drop it, we are at the curve.
  build(r, at, () => checkDerateCurve(curve, 'curve', 'curve'), { ...KEYS, curve: '' });
  return curve;
}
