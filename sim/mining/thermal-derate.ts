/**
 * Hashrate of air-cooled ASICs against the air they breathe: past their rated intake temperature
 * the firmware lowers the chip frequency (hashrate and power fall together, J/TH about unchanged),
 * and at a hard limit it shuts the machine down. Hydro and immersion machines see coolant the hall
 * holds at its supply temperature, so they get no such curve: their limit is the hall's capacity.
 */
import { type DerateCurveSpec, derateSeries } from '../site/derate-curve.js';

/**
 * An assumed curve, not a published one (Bitmain and MicroBT publish operating ranges, not derate
 * curves): full hashrate to 35 °C outdoor dry bulb, 75 % at 45 °C, shut down from 48 °C. The hall's
 * intake runs a few degrees above outdoors, which the curve's temperatures already allow for.
 */
export const AIR_COOLED_ASIC_THERMAL: DerateCurveSpec = { points: [[35, 1], [45, 0.75]], hardLimitC: 48, floorFraction: 0 };

/** Per hour, the share of nominal hashrate (and power) air-cooled machines deliver at the hour's dry bulb. */
export function asicHashrateFraction(curve: DerateCurveSpec, dryBulbC: Float64Array): Float64Array {
  return derateSeries(curve, dryBulbC, 'asic', 'thermal');
}
