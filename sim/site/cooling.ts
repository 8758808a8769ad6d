/**
 * A hall's cooling: how much IT load it can hold at an ambient temperature (a derate curve with a
 * hard limit), and what it costs in power on top of the IT load (PUE). Four technologies share one
 * model with different parameters:
 *
 *   PUE(ambient, L) = 1 + fixed/L + proportional + m(ambient)·mechanical(ambient, L)
 *
 * L is the part load (IT load ÷ design IT load); `fixed` is drawn whatever the load (lighting,
 * controls, no-load losses), so it weighs more on a half-empty hall; `proportional` is fans, pumps
 * and electrical losses per MW of IT; m is the share of heat the economizer leaves to mechanical
 * cooling (economizer.ts), and mechanical is its power per MW of heat: 1/COP of a chiller (the fit in
 * chiller-cop.ts, at the chiller's own part load m·L) or of an assist (evaporative pads, fans at full
 * speed) for halls with no chillers.
 */
import { finite, requireModelParameter } from '../market/check.js';
import { chillerCop } from './chiller-cop.js';
import { checkDerateCurve, type DerateCurveSpec } from './derate-curve.js';

export type CoolingTechnology = 'air' | 'hydro' | 'immersion' | 'liquid-chiller';
export const COOLING_TECHNOLOGIES: readonly CoolingTechnology[] = ['air', 'hydro', 'immersion', 'liquid-chiller'];

/** Which ambient temperature a part of the plant works against. */
export type AmbientBulb = 'dry-bulb' | 'wet-bulb';

export type MechanicalCooling =
  /** Chillers rejecting heat at ambient (`condenserOn`) + `condenserApproachC`: COP from the fit. */
  | { readonly kind: 'chiller'; readonly condenserOn: AmbientBulb; readonly condenserApproachC: number }
  /** No chillers: a fixed-COP assist for the heat free cooling leaves. */
  | { readonly kind: 'assist'; readonly cop: number };

export interface CoolingSpec {
  readonly technology: CoolingTechnology;
  /** The ambient the capacity curve reads. */
  readonly capacityOn: AmbientBulb;
  /** Share of the hall's design IT load the cooling can reject, by ambient temperature. */
  readonly capacity: DerateCurveSpec;
  /** The ambient free cooling works from: wet bulb for cooling towers, dry bulb for dry coolers and outside air. */
  readonly economizerOn: AmbientBulb;
  /** Sum of the approaches between ambient and coolant (tower or dry cooler + heat exchanger), °C. */
  readonly approachC: number;
  /** Coolant (water, dielectric fluid or air) supply temperature the IT needs, °C. */
  readonly supplyC: number;
  /** Coolant return temperature, °C (above the supply). */
  readonly returnC: number;
  readonly mechanical: MechanicalCooling;
  /** Fans, pumps and electrical losses that scale with the IT load, MW per MW of IT. */
  readonly proportionalOverhead: number;
  /** Lighting, controls, transformer and UPS no-load losses, MW per MW of design IT, at any load. */
  readonly fixedOverhead: number;
  /** When set, the PUE is this constant (no weather or load dependence); capacity still derates. */
  readonly constantPue?: number;
}

/**
 * Defaults per technology, tuned so a central-Texas year (CENTRAL_TEXAS_WEATHER) lands in the PUE
 * ranges of DOMAIN §6 (d-central.tech; Uptime Institute): air-cooled mining 1.20–1.50,
 * single-phase immersion 1.03–1.10, hydro ASICs ~1.05, liquid-cooled AI hall ~1.25. Capacity
 * curves and coolant temperatures are assumptions of ours (vendors publish no fleet-level curves):
 * override them per hall.
 */
// Water-cooled ASICs (warm water, ~40 °C supply) on dry coolers with adiabatic spray.
const HYDRO: CoolingSpec = {
  technology: 'hydro',
  capacityOn: 'dry-bulb',
  capacity: { points: [[40, 1], [48, 0.7]], hardLimitC: 52, floorFraction: 0 },
  economizerOn: 'dry-bulb',
  approachC: 6,
  supplyC: 40,
  returnC: 50,
  mechanical: { kind: 'assist', cop: 15 },
  proportionalOverhead: 0.035,
  fixedOverhead: 0.01,
};

export const DEFAULT_COOLING: Readonly<Record<CoolingTechnology, CoolingSpec>> = {
  // Outside air pulled through the hall by exhaust fans, evaporative pads when it is warm.
  air: {
    technology: 'air',
    capacityOn: 'dry-bulb',
    capacity: { points: [[35, 1], [45, 0.6]], hardLimitC: 48, floorFraction: 0 },
    economizerOn: 'dry-bulb',
    approachC: 0,
    supplyC: 24,
    returnC: 38,
    mechanical: { kind: 'assist', cop: 4 },
    proportionalOverhead: 0.16,
    fixedOverhead: 0.03,
  },
  hydro: HYDRO,
  // Single-phase immersion: the same dry-cooler plant as hydro, with hotter fluid (more headroom
  // before it derates) and no per-machine water loops to pump.
  immersion: {
    ...HYDRO,
    technology: 'immersion',
    capacity: { points: [[45, 1], [52, 0.7]], hardLimitC: 55, floorFraction: 0 },
    supplyC: 42,
    returnC: 52,
    proportionalOverhead: 0.03,
  },
  // Direct-to-chip liquid plus air for the rest, on a chilled-water plant with a tower-side economizer.
  'liquid-chiller': {
    technology: 'liquid-chiller',
    capacityOn: 'dry-bulb',
    capacity: { points: [[43, 1], [50, 0.8]], hardLimitC: 52, floorFraction: 0 },
    economizerOn: 'wet-bulb',
    approachC: 5.5,
    supplyC: 18,
    returnC: 28,
    mechanical: { kind: 'chiller', condenserOn: 'wet-bulb', condenserApproachC: 4 },
    proportionalOverhead: 0.14,
    fixedOverhead: 0.025,
  },
};

const BULBS: readonly AmbientBulb[] = ['dry-bulb', 'wet-bulb'];

/** Throws a RangeError naming the field (e.g. `cooling: supplyC must be …`) and its accepted range. */
export function checkCooling(s: CoolingSpec): void {
  const m = 'cooling';
  requireModelParameter(COOLING_TECHNOLOGIES.includes(s.technology), m, 'technology', s.technology, `one of ${COOLING_TECHNOLOGIES.join(', ')}`);
  requireModelParameter(BULBS.includes(s.capacityOn), m, 'capacityOn', s.capacityOn, 'dry-bulb or wet-bulb');
  checkDerateCurve(s.capacity, m, 'capacity');
  requireModelParameter(BULBS.includes(s.economizerOn), m, 'economizerOn', s.economizerOn, 'dry-bulb or wet-bulb');
  requireModelParameter(finite(s.approachC) && s.approachC >= 0 && s.approachC <= 30, m, 'approachC', s.approachC, 'an approach in [0, 30] °C');
  requireModelParameter(finite(s.supplyC) && s.supplyC >= 0 && s.supplyC <= 80, m, 'supplyC', s.supplyC, 'a supply temperature in [0, 80] °C');
  requireModelParameter(finite(s.returnC) && s.returnC > s.supplyC && s.returnC <= 90, m, 'returnC', s.returnC, `a return temperature above the supply (${s.supplyC} °C) and ≤ 90 °C`);
  const mech = s.mechanical;
  if (mech?.kind === 'chiller') {
    requireModelParameter(BULBS.includes(mech.condenserOn), m, 'mechanical.condenserOn', mech.condenserOn, 'dry-bulb or wet-bulb');
    requireModelParameter(finite(mech.condenserApproachC) && mech.condenserApproachC >= 0 && mech.condenserApproachC <= 30, m, 'mechanical.condenserApproachC', mech.condenserApproachC, 'an approach in [0, 30] °C');
  } else {
    requireModelParameter(mech?.kind === 'assist', m, 'mechanical.kind', (mech as { kind?: unknown } | undefined)?.kind, 'chiller or assist');
    requireModelParameter(finite(mech.cop) && mech.cop >= 1, m, 'mechanical.cop', mech.cop, 'a COP ≥ 1 (heat moved per unit of power)');
  }
  // Negative overheads are the only way the model could give a PUE below 1.
  requireModelParameter(finite(s.proportionalOverhead) && s.proportionalOverhead >= 0 && s.proportionalOverhead <= 2, m, 'proportionalOverhead', s.proportionalOverhead, 'a share of IT power in [0, 2] (PUE cannot fall below 1)');
  requireModelParameter(finite(s.fixedOverhead) && s.fixedOverhead >= 0 && s.fixedOverhead <= 1, m, 'fixedOverhead', s.fixedOverhead, 'a share of design IT power in [0, 1] (PUE cannot fall below 1)');
  if (s.constantPue !== undefined) {
    requireModelParameter(finite(s.constantPue) && s.constantPue >= 1 && s.constantPue <= 3, m, 'constantPue', s.constantPue, 'a PUE in [1, 3]');
  }
}

/**
 * Power drawn beyond the IT load per MW of IT, at part load `partLoad` (0–1] of the design, given the
 * hour's mechanical share m and chiller sink temperature. The fixed overhead is spread over the load.
 */
export function overheadPerItMW(s: CoolingSpec, share: number, sinkC: number, partLoad: number): number {
  return s.fixedOverhead / partLoad + variableOverheadPerItMW(s, share, sinkC, partLoad);
}

/** The part of the overhead per MW of IT that scales with IT load (all but the fixed part). */
export function variableOverheadPerItMW(s: CoolingSpec, share: number, sinkC: number, partLoad: number): number {
  if (share === 0) return s.proportionalOverhead;
  const mech = s.mechanical;
  const perHeat = mech.kind === 'chiller' ? 1 / chillerCop(sinkC, share * partLoad) : 1 / mech.cop;
  return s.proportionalOverhead + share * perHeat;
}
