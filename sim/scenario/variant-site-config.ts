/**
 * A layout's own share of the site's physics: backup power for its HPC halls, its halls' cooling
 * (mining, an owned GPU hall, a leased hall), ASIC failures, a fleet that changes at dates, and
 * whether its mining answers demand-response calls.
 */
import { checkBackupPower, type BackupPowerSpec } from '../site/backup-power.js';
import { readCooling, readMiningCooling } from './cooling-config.js';
import { readFailures, readSchedule } from './fleet-config.js';
import type { ScenarioReader } from './reader.js';
import type { KeyPath } from './source.js';
import type { VariantConfig } from './types.js';
import { WEATHER_AT } from './weather-config.js';
import { build } from './world-config.js';

/** `variant` with what its scenario keys say about backup, cooling, failures, schedule and demand response. */
export function withSiteWiring(r: ScenarioReader, variant: VariantConfig, horizonH: number): VariantConfig {
  const needsWeather = (at: KeyPath) => {
    if (!r.has(WEATHER_AT)) r.fail(at, 'cooling works against the weather, and the site has none', 'a site.weather section (e.g. `weather: {}` for the central-Texas defaults)');
  };
  const miningCooling = r.has(['mining', 'cooling']) ? (needsWeather(['mining', 'cooling']), readMiningCooling(r)) : undefined;
  // A GPU hall's and a leased hall's cooling read alike: the same keys, checks and weather.
  const hallCooling = (section: 'gpuCloud' | 'lease') => {
    const at: KeyPath = [section, 'cooling'];
    if (!r.has(at)) return undefined;
    needsWeather(at);
    if (r.has([...at, 'asicDerate'])) r.fail([...at, 'asicDerate'], 'an HPC hall has no ASICs to derate', 'asicDerate only in mining.cooling');
    return readCooling(r, at);
  };
  const gpuCooling = hallCooling('gpuCloud');
  const leaseCooling = hallCooling('lease');
  const withKeys: VariantConfig = {
    ...variant,
    site: { ...variant.site, ...(r.has(['site', 'backup']) ? { backup: readBackup(r) } : {}) },
    mining: {
      ...variant.mining,
      ...(miningCooling ? { cooling: miningCooling } : {}),
      ...(r.has(['mining', 'failures']) ? { failures: readFailures(r) } : {}),
      ...(r.raw(['mining', 'demandResponse']) === false ? { demandResponse: false } : {}),
    },
    ...(variant.gpuCloud && gpuCooling ? { gpuCloud: { ...variant.gpuCloud, cooling: gpuCooling } } : {}),
    ...(variant.lease && leaseCooling ? { lease: { ...variant.lease, cooling: leaseCooling } } : {}),
  };
  if (!r.has(['mining', 'schedule'])) return withKeys;
  return { ...withKeys, mining: { ...withKeys.mining, schedule: readSchedule(r, withKeys, horizonH) } };
}

function readBackup(r: ScenarioReader): BackupPowerSpec {
  const at: KeyPath = ['site', 'backup'];
  const spec: BackupPowerSpec = {
    capacityMW: r.read([...at, 'capacity']),
    fuelHours: r.read([...at, 'fuel']),
    upsMinutes: 60 * r.read([...at, 'ups']),
    startFailureProbability: r.read([...at, 'startFailure']),
  };
  build(r, at, () => checkBackupPower(spec), { capacityMW: 'capacity', fuelHours: 'fuel', upsMinutes: 'ups', startFailureProbability: 'startFailure' });
  return spec;
}
