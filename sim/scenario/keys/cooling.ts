/** A hall's cooling (`mining.cooling`, `gpuCloud.cooling`, `lease.cooling`) and the derate curves it uses. */
import { json, number, oneOf, quantity, ref, section } from './define.js';

export const DERATE_CURVE = section({
  points: json({ type: 'array', minItems: 1, items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } } }, '[temperature °C, fraction] pairs in increasing temperature, fractions never rising, e.g. [[35, 1], [45, 0.6]].'),
  hardLimit: quantity('temperature', { description: 'At and above this temperature only `floor` is left, e.g. "48 degC".' }),
  floor: number({ description: 'Fraction left above the hard limit; default 0 (a trip).' })
}, { description: 'A fraction (of cooling capacity, of hashrate) by ambient temperature: linear between points, never rising, dropping to `floor` at `hardLimit`.' });

export const COOLING = section({
  technology: oneOf(['air', 'hydro', 'immersion', 'liquid-chiller'], 'air (outside air, evaporative assist; air-cooled ASICs also derate their hashrate); hydro (water-cooled ASICs on dry coolers); immersion (single-phase); liquid-chiller (direct-to-chip liquid on a chilled-water plant, an AI hall).'),
  pue: number({ min: 1, max: 3, schemaBounds: ['min'], description: 'A constant PUE instead of the weather- and load-dependent one (at least 1); capacity still derates.' }),
  capacity: ref('derateCurve', { description: 'Share of the design IT load the cooling can reject, by dry bulb.' }),
  supply: quantity('temperature', { description: 'Coolant supply temperature the IT needs, e.g. "40 degC".' }),
  return: quantity('temperature', { description: 'Coolant return temperature, above the supply.' }),
  approach: quantity('temperatureDifference', { description: 'Sum of approaches between ambient and coolant, a temperature difference, e.g. "6 degC".' }),
  overhead: section({
    proportional: number({ description: 'Fans, pumps and electrical losses per MW of IT, e.g. 0.03.' }),
    fixed: number({ description: 'Lighting, controls and no-load losses per MW of design IT, drawn at any load, e.g. 0.01.' })
  }),
  asicDerate: ref('derateCurve', { description: 'Mining, air only: share of hashrate (and power) air-cooled machines keep by dry bulb; default full to 35 °C, 75 % at 45 °C, off from 48 °C (an assumption: vendors publish operating ranges, not curves).' })
}, { required: ['technology'], description: "A hall's cooling against the site's weather (site.weather): a capacity that derates with heat and caps the IT load, and a PUE from economizer logic and the chiller COP fit (Lei & Masanet, Energy 2020). Defaults per technology land in the PUE ranges of d-central.tech and the Uptime Institute." });
