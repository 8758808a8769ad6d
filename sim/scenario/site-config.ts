/**
 * The site's shared world beyond spot and outages — weather, demand-response programs, the luck of
 * the backup generators, ASIC failure pools — read once from the base scenario and kept only when a
 * layout uses them, so a scenario that doesn't pays nothing for them per replication.
 */
import type { AsicFailureSpec } from '../mining/asic-failures.js';
import { checkFourCp, checkPriceResponse, type FourCpSpec, type PriceResponseSpec } from '../site/demand-response.js';
import type { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';
import type { DemandResponseConfig, Horizon, VariantConfig, WorldConfig } from './types.js';
import { readWeather, WEATHER_AT } from './weather-config.js';
import { build } from './world-config.js';

const DR_AT: KeyPath = ['site', 'demandResponse'];

/** `world` with the site extras its layouts need. */
export function withSiteWorld(world: WorldConfig, r: ScenarioReader, variants: readonly VariantConfig[], horizon: Horizon): WorldConfig {
  const demandResponse = r.has(DR_AT) ? readDemandResponse(r, world) : undefined;
  const cooled = variants.some((v) => v.mining.cooling || v.gpuCloud?.cooling || v.lease?.cooling);
  // Read (and so checked) whenever it is given; kept only when something reads it.
  const weather = r.has(WEATHER_AT) ? readWeather(r, horizon) : undefined;
  if (demandResponse?.fourCp && !weather) r.fail([...DR_AT, 'fourCp'], 'the 4CP forecast ranks hours by their heat, and the site has no weather', 'a site.weather section (e.g. `weather: {}` for the central-Texas defaults)');
  const failures = distinctFailures(variants);
  return {
    ...world,
    site: {
      ...world.site,
      ...(weather && (cooled || demandResponse?.fourCp) ? { weather } : {}),
      ...(demandResponse ? { demandResponse } : {}),
      ...(world.site.outages && variants.some((v) => v.site.backup) ? { backupLuck: true } : {}),
    },
    ...(failures.length > 0 ? { asicFailures: failures } : {}),
  };
}

/** The failure specs the layouts use, each once, in first-use order. */
function distinctFailures(variants: readonly VariantConfig[]): AsicFailureSpec[] {
  const out: AsicFailureSpec[] = [];
  for (const v of variants) {
    const f = v.mining.failures;
    if (f && !out.some((o) => o.annualFailureRate === f.annualFailureRate && o.leadTimeH === f.leadTimeH)) out.push(f);
  }
  return out;
}

function readDemandResponse(r: ScenarioReader, world: WorldConfig): DemandResponseConfig {
  const fourCpAt = [...DR_AT, 'fourCp'];
  const priceAt = [...DR_AT, 'price'];
  let fourCp: FourCpSpec | undefined;
  if (r.has(fourCpAt)) {
    const spec: FourCpSpec = {
      // A charge per kW-year, read as a rent per kW-month and scaled back to the year.
      transmissionUSDPerKWYear: 12 * r.read([...fourCpAt, 'transmission']),
      alertHoursPerMonth: r.read([...fourCpAt, 'alertHours']),
      forecastErrorSd: r.read([...fourCpAt, 'forecastError']),
      balanceTempC: r.read([...fourCpAt, 'balanceTemp']),
      coolingLoadPerC: r.read([...fourCpAt, 'coolingLoad']),
      peakHourOfDay: r.read([...fourCpAt, 'peakHour']),
      dailySwing: r.read([...fourCpAt, 'dailySwing']),
    };
    build(r, fourCpAt, () => checkFourCp(spec), {
      fourCp: '',
      transmissionUSDPerKWYear: 'transmission',
      alertHoursPerMonth: 'alertHours',
      forecastErrorSd: 'forecastError',
      balanceTempC: 'balanceTemp',
      coolingLoadPerC: 'coolingLoad',
      peakHourOfDay: 'peakHour',
    });
    fourCp = spec;
  }
  let price: PriceResponseSpec | undefined;
  if (r.has(priceAt)) {
    if (!world.site.spot) r.fail(priceAt, 'price-triggered curtailment needs hourly prices, and the site has no spot market', 'a site.spot section');
    const spec: PriceResponseSpec = {
      thresholdUSDPerMWh: r.read([...priceAt, 'threshold']),
      creditUSDPerMWh: r.read([...priceAt, 'credit']),
    };
    build(r, priceAt, () => checkPriceResponse(spec), { price: '', thresholdUSDPerMWh: 'threshold', creditUSDPerMWh: 'credit' });
    price = spec;
  }
  return { ...(fourCp ? { fourCp } : {}), ...(price ? { price } : {}) };
}
