/** The mining fleet (`mining`). */
import { boolean, date, json, list, mapOf, NAME_PATTERN, number, quantity, ref, section, string } from './define.js';

/** One ASIC model: the starting fleet's (`asic`), or one a schedule may buy (`models`). */
export const ASIC = section({
  hashrate: quantity('hashrate', { above: 0, plausible: [{ lo: 1, hi: 5000, unit: 'TH/s', what: 'one ASIC’s hashrate', source: 'S21 200 TH/s, S21+ Hydro 319 TH/s' }], description: 'Hashrate of one machine, e.g. "270 TH/s".' }),
  power: quantity('power', { above: 0, plausible: [
      { lo: 0.0003, hi: 0.03, unit: 'MW', what: 'one ASIC’s power draw', source: 'S21 3,500 W (0.0035 MW), S21+ Hydro 4,785 W' },
      { lo: 5, hi: 200, unit: 'J/TH', what: 'an ASIC’s efficiency (power per hashrate)', source: 'S21 XP 13.5 J/TH, S9 (2016) ~98 J/TH', per: 'mining.asic.hashrate', scale: 1e6 },
    ], description: 'Power of one machine at the wall, e.g. "3645 W".' }),
  price: quantity('pricePerHashrate', { min: 0, default: 0, plausible: [{ lo: 0.5, hi: 200, unit: 'USD/TH', what: 'an ASIC price per TH/s', source: '10–30 USD/TH across models (2025)' }], description: 'Price of a new machine per TH/s, e.g. "25.7 USD/TH" (S21 XP, Nov 2025); default 0.' })
}, { required: ['hashrate', 'power'] });

export const MINING = section({
  asic: ASIC,
  capacity: quantity('power', { min: 0, description: 'Power given to mining, e.g. "200 MW" (capped by the grid).' }),
  poolFee: number({ min: 0, max: 0.2, default: 0, schemaBounds: ['min', 'max'], description: 'FPPS pool fee as a fraction, e.g. 0.02.' }),
  existing: quantity('power', { min: 0, description: 'Mining capacity already built and filled at the start, e.g. "760 MW" (no capex); default: all of capacity.' }),
  curtail: boolean('Switch the fleet off while mining earns less per MWh than the marginal power price? Default true.'),
  minOffHours: number({ min: 0, default: 2, schemaBounds: ['min'], description: 'Once off, stay off at least this many hours; default 2.' }),
  cooling: ref('cooling'),
  failures: section({
    rate: number({ min: 0, schemaBounds: ['min'], description: 'Failures per machine-year, e.g. 0.05.' }),
    leadTime: quantity('duration', { default: 336, description: 'Repair or replacement lead time, e.g. "14 days"; default 14 days.' })
  }, { required: ['rate'], description: 'ASIC failures: each machine fails at `rate` a year and works again `leadTime` later (repair or replacement). Not published (DOMAIN §3): a few % a year is a common assumption.' }),
  models: mapOf(ASIC, { description: "Further ASIC models a schedule may buy, by name (`asic` is the starting fleet's).", namePattern: NAME_PATTERN }),
  schedule: list(section({
    date: date('YYYY-MM-DD within the horizon.'),
    model: string('asic (default) or a name in mining.models.'),
    add: json({ type: ['string', 'number'] }, 'Machines bought: a count, or a power like "50 MW".'),
    retire: json({ type: ['string', 'number'] }, 'Machines retired: a count, or a power.')
  }, { required: ['date'] }), { description: 'Machines bought and retired at dates; purchases pay their machines (and any new facility MW) on the date.' }),
  demandResponse: boolean("Does this fleet curtail for the site's demand-response programs? Default true.")
});
