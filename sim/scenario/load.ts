/**
 * load → validate → convert: a scenario file becomes a typed Scenario in canonical units, or one
 * ScenarioError that names file, line, column, key path and what was expected.
 */
import { readFileSync } from 'node:fs';
import { HOURS_PER_YEAR } from '../core/time.js';
import { deepMerge } from './merge.js';
import { ScenarioReader } from './reader.js';
import { ScenarioError } from './scenario-error.js';
import { checkSchema } from './schema.js';
import { MAX_FILE_BYTES, ScenarioSource } from './source.js';
import type { LeaseConfig, Scenario, VariantConfig } from './types.js';
import { readGpuCloud } from './gpu-cloud-config.js';
import { readWorld } from './world-config.js';
import { withSiteWorld } from './site-config.js';
import { withSiteWiring } from './variant-site-config.js';
import { variantFleet } from '../mining/fleet.js';

/** The campus sections a variant may override; the world is shared by every variant. */
const CAMPUS_SECTIONS = ['site', 'mining', 'finance', 'lease', 'gpuCloud'] as const;

/** Reads, validates and converts the scenario at `file`. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_FILE_BYTES) throw new ScenarioError(file, 1, 1, '', `file is ${bytes.length} bytes`, `at most ${MAX_FILE_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(file, 0, 0, '', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseScenario(file, text);
}

/** As `loadScenario`, from text already in memory (`file` names it in messages). */
export function parseScenario(file: string, text: string): Scenario {
  const src = new ScenarioSource(file, text);
  checkSchema(src);
  const base = new ScenarioReader(src, src.value);
  const years = base.number(['horizon', 'years'], { above: 0, max: 50 });
  const startDate = base.string(['horizon', 'start']);
  if (Number.isNaN(Date.parse(`${startDate}T00:00:00Z`))) base.fail(['horizon', 'start'], `'${startDate}' is not a date`, 'YYYY-MM-DD');

  const variantTree = base.raw(['variants']) as Record<string, unknown>;
  const variants: VariantConfig[] = Object.entries(variantTree).map(([name, override]) => {
    const overridePath = ['variants', name];
    const campus = Object.fromEntries(CAMPUS_SECTIONS.map((s) => [s, base.raw([s])]));
    const merged = deepMerge(campus, override);
    return readVariant(name, ScenarioReader.forVariant(src, merged, override, overridePath), years * HOURS_PER_YEAR);
  });

  const hasSpot = base.has(['site', 'spot']);
  if (hasSpot && base.has(['site', 'powerPrice'])) base.fail(['site', 'powerPrice'], 'a flat power price and a spot market were both given', 'one of them: powerPrice, or spot');
  if (!hasSpot && !base.has(['site', 'powerPrice'])) base.fail(['site'], 'no price for power', "powerPrice (e.g. '45 USD/MWh') or a spot market (site.spot)");
  variants.forEach((v) => {
    if (hasSpot && v.site.powerPriceUSDPerMWh === v.site.powerPriceUSDPerMWh) {
      base.fail(['variants', v.name, 'site', 'powerPrice'], 'a flat power price and a spot market were both given', 'the spot market set in site.spot');
    }
  });
  const baseline = base.string(['study', 'baseline'], variants[0].name);
  if (!variants.some((v) => v.name === baseline)) {
    base.fail(['study', 'baseline'], `no variant is named '${baseline}'`, `one of ${variants.map((v) => v.name).join(', ')}`);
  }
  const baselineVariant = variants.find((v) => v.name === baseline)!;
  const horizon = { startDate, startUnixSeconds: Date.parse(`${startDate}T00:00:00Z`) / 1000, years, hours: years * HOURS_PER_YEAR };
  return {
    file,
    name: base.string(['name']),
    description: base.string(['description'], ''),
    hash: src.hash,
    horizon,
    study: {
      replications: base.number(['study', 'replications'], { min: 2 }, 200),
      seed: base.number(['study', 'seed'], { min: 0 }, 1),
      confidence: base.number(['study', 'confidence'], { above: 0, below: 1 }, 0.95),
      baseline,
    },
    world: withSiteWorld(readWorld(base, horizon, variantFleet(baselineVariant).hashrateTHs), base, variants, horizon),
    variants,
  };
}

function readVariant(name: string, r: ScenarioReader, horizonH: number): VariantConfig {
  const gridMW = r.quantity(['site', 'grid'], 'power', { min: 0 });
  const capacityMW = r.quantity(['mining', 'capacity'], 'power', { min: 0 });
  const variant: VariantConfig = {
    name,
    description: r.has(['description']) ? r.string(['description']) : '',
    site: {
      gridMW,
      // Without a spot market the flat price is what power beyond the PPA costs (checked below).
      powerPriceUSDPerMWh: r.has(['site', 'powerPrice']) ? r.quantity(['site', 'powerPrice'], 'energyPrice', { min: 0 }) : NaN,
      ppaBlockMW: r.has(['site', 'ppa']) ? r.quantity(['site', 'ppa', 'block'], 'power', { min: 0 }) : 0,
      ppaPriceUSDPerMWh: r.has(['site', 'ppa']) ? r.quantity(['site', 'ppa', 'price'], 'energyPrice', { min: 0 }) : 0,
      sellBack: r.raw(['site', 'sellBack']) === true,
    },
    mining: {
      asicHashrateTHs: r.quantity(['mining', 'asic', 'hashrate'], 'hashrate', { above: 0 }),
      asicPowerMW: r.quantity(['mining', 'asic', 'power'], 'power', { above: 0 }),
      asicPriceUSDPerTHs: r.quantity(['mining', 'asic', 'price'], 'pricePerHashrate', { min: 0 }, 0),
      capacityMW,
      existingMW: r.quantity(['mining', 'existing'], 'power', { min: 0 }, capacityMW),
      poolFee: r.number(['mining', 'poolFee'], { min: 0, max: 0.2 }, 0),
      curtail: r.raw(['mining', 'curtail']) !== false,
      minOffHours: r.number(['mining', 'minOffHours'], { min: 0 }, 2),
    },
    finance: {
      discountRatePerYear: r.number(['finance', 'discountRate'], { above: -1, max: 1 }, 0.12),
      miningFacilityUSDPerMW: r.quantity(['finance', 'miningFacility'], 'moneyPerPower', { min: 0 }, 0),
      terminalYears: r.number(['finance', 'terminalYears'], { min: 0, max: 30 }, 0),
    },
    ...(r.has(['lease']) ? { lease: readLease(r) } : {}),
  };
  if (!r.has(['gpuCloud'])) return withSiteWiring(r, variant, horizonH);
  const gpuCloud = readGpuCloud(r, horizonH);
  const withHall = { ...variant, gpuCloud };
  const fleetMW = variantFleet(withHall).powerMW;
  if (gpuCloud.convertsMiningMW > fleetMW + 1e-9) {
    r.fail(['gpuCloud', 'convertsMining'], `${gpuCloud.convertsMiningMW} MW is more than the ${fleetMW.toFixed(1)} MW the fleet draws`, `at most ${fleetMW.toFixed(1)} MW`);
  }
  return withSiteWiring(r, withHall, horizonH);
}

function readLease(r: ScenarioReader): LeaseConfig {
  const at = ['lease'];
  return {
    itMW: r.quantity([...at, 'it'], 'power', { min: 0 }),
    pue: r.number([...at, 'pue'], { min: 1, max: 3 }, 1.25),
    rentUSDPerKWMonth: r.quantity([...at, 'rent'], 'rentPerPower', { min: 0 }),
    escalatorPerYear: r.number([...at, 'escalator'], { above: -1, max: 1 }, 0),
    onlineH: r.quantity([...at, 'online'], 'duration', { min: 0 }, 0),
    termYears: r.number([...at, 'termYears'], { min: 0, max: 50 }, 0),
    hallUSDPerMW: r.quantity([...at, 'hallCapex'], 'moneyPerPower', { min: 0 }, 0),
    slaAvailability: r.number([...at, 'sla', 'availability'], { above: 0, max: 1 }, 0.9999),
    creditPerStep: r.number([...at, 'sla', 'creditPerStep'], { min: 0, max: 1 }, 0.05),
    stepAvailability: r.number([...at, 'sla', 'step'], { above: 0, max: 1 }, 0.001),
    maxCredit: r.number([...at, 'sla', 'maxCredit'], { min: 0, max: 1 }, 0.5),
  };
}
