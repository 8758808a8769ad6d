import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from './load.js';
import { scenarioFailure } from './scenario-failure.test-support.js';

// Four days: a weather CSV needs 96 rows.
const base = (site: string, mining = '', variants = '  v: {}') => `name: keys
horizon: { start: 2026-07-01, years: ${96 / 8766} }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.5 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site:
  grid: 100 MW
  powerPrice: 45 USD/MWh
${site}
mining:
  asic: { hashrate: 270 TH/s, power: 3645 W }
  capacity: 36.45 MW
${mining}
variants:
${variants}
`;

const failure = (text: string, file = 'keys.yaml') => scenarioFailure(() => parseScenario(file, text));

test('site keys load in canonical units: climate, 4CP, backup, cooling, failures, schedule', () => {
  const s = parseScenario('keys.yaml', base(
    `  weather: { mean: 22 degC, seasonalAmplitude: 18 degF, persistence: 2 days }
  demandResponse: { fourCp: { transmission: 76 USD/kW/year, alertHours: 6 } }
  backup: { capacity: 30 MW, fuel: 2 days, ups: 15 minute }`,
    `  cooling: { technology: air, capacity: { points: [[35, 1], [45, 0.5]], hardLimit: 122 degF } }
  failures: { rate: 0.05, leadTime: 3 weeks }
  schedule: [{ date: 2026-07-03, add: 3.645 MW }]`,
  ));
  const w = s.world.site;
  assert.ok(w.weather?.kind === 'model');
  if (w.weather?.kind !== 'model') return;
  assert.is(w.weather.spec.meanTempC, 22);
  assert.ok(Math.abs(w.weather.spec.annualAmplitudeC - 10) < 1e-12, '18 °F of swing is 10 °C of swing');
  assert.ok(Math.abs(w.weather.spec.noiseAutocorrelationPerHour - Math.exp(-1 / 48)) < 1e-15);
  assert.ok(Math.abs(w.demandResponse!.fourCp!.transmissionUSDPerKWYear - 76) < 1e-9);
  assert.is(w.demandResponse!.fourCp!.alertHoursPerMonth, 6);
  assert.is(w.backupLuck, undefined, 'no outages: no generator luck to draw');
  const v = s.variants[0];
  assert.equal(v.site.backup, { capacityMW: 30, fuelHours: 48, upsMinutes: 15, startFailureProbability: 0.01 });
  assert.ok(Math.abs(v.mining.cooling!.spec.capacity.hardLimitC - 50) < 1e-9);
  assert.ok(v.mining.cooling!.asicThermal, 'air-cooled machines derate their hashrate');
  assert.equal(v.mining.failures, { annualFailureRate: 0.05, leadTimeH: 21 * 24 });
  assert.equal(s.world.asicFailures, [{ annualFailureRate: 0.05, leadTimeH: 21 * 24 }]);
  assert.is(v.mining.schedule![0].atH, 48);
  assert.is(v.mining.schedule![0].machines, 1000);
});

/** A leased hall's keys, its mapping left open for more. */
const LEASE = 'lease: { it: 2 MW, rent: 100 USD/kW/month';

test('weather is kept only when a layout uses it: a hall’s cooling or the 4CP forecast', () => {
  assert.is(parseScenario('k.yaml', base('  weather: {}')).world.site.weather, undefined);
  assert.ok(parseScenario('k.yaml', base('  weather: {}', '', '  v: { mining: { cooling: { technology: hydro } } }')).world.site.weather);
  assert.ok(parseScenario('k.yaml', base('  weather: {}', '', '  v: { gpuCloud: { it: 1 MW, cooling: { technology: liquid-chiller } } }')).world.site.weather);
  assert.ok(parseScenario('k.yaml', base('  weather: {}', '', `  v: { ${LEASE}, cooling: { technology: air } } }`)).world.site.weather);
});

test('a leased hall reads its cooling as a GPU hall does; its pue then only sizes the fleet, as the GPU hall’s does', () => {
  const cooling = '{ technology: liquid-chiller, capacity: { points: [[40, 1], [50, 0.5]], hardLimit: 55 degC }, supply: 20 degC }';
  const s = parseScenario('k.yaml', base('  weather: {}', '', `  lease: { ${LEASE}, pue: 1.4, cooling: ${cooling} } }
  cloud: { gpuCloud: { it: 2 MW, pue: 1.4, cooling: ${cooling} } }`));
  const [lease, cloud] = s.variants;
  assert.equal(lease.lease!.cooling, cloud.gpuCloud!.cooling);
  assert.equal(lease.lease!.cooling!.capacity, { points: [[40, 1], [50, 0.5]], hardLimitC: 55, floorFraction: 0 });
  assert.is(lease.lease!.cooling!.supplyC, 20);
  // Both keys are kept: the fleet is sized around 2 MW × 1.4 of hall, whatever the hour's PUE.
  assert.is(lease.lease!.pue, 1.4);
  assert.is(parseScenario('k.yaml', base('  weather: {}', '', `  v: { ${LEASE} } }`)).variants[0].lease!.cooling, undefined);
});

test('bad site input: one message naming the key and what is accepted', () => {
  const cases: Array<[string, string, RegExp]> = [
    [base('  backup: { capacity: -5 MW }'), 'site.backup.capacity', /-5 MW is too small; expected at least 0 MW/],
    [base('  weather: {}', '  cooling: { technology: air, pue: 0.9 }'), 'mining.cooling.pue', /0\.9 must be >= 1/],
    [base('  weather: {}', '', '  v: { gpuCloud: { it: 1 MW, pue: 0.95 } }'), 'variants.v.gpuCloud.pue', /must be >= 1/],
    [base('  weather: {}', '  cooling: { technology: hydro, capacity: { points: [[35, 1], [40, 0.5], [45, 0.8]] } }'), 'mining.cooling.capacity.points[2]', /never rises with temperature/],
    [base('  weather: {}', '  cooling: { technology: hydro, capacity: { points: [[35, 1], [30, 0.5]] } }'), 'mining.cooling.capacity.points[1]', /above the previous point's 35 °C/],
    [base('  weather: {}', '  cooling: { technology: hydro, capacity: { points: [[35, 1.2]] } }'), 'mining.cooling.capacity.points[0]', /fraction in \[0, 1\]/],
    [base('  weather: {}', '  cooling: { technology: hydro, supply: 40 degC, return: 30 degC }'), 'mining.cooling.return', /above the supply/],
    [base('  weather: {}', '  cooling: { technology: hydro, overhead: { fixed: -0.1 } }'), 'mining.cooling.overhead.fixed', /PUE cannot fall below 1/],
    [base('  weather: {}', '  cooling: { technology: immersion, asicDerate: { points: [[30, 1]] } }'), 'mining.cooling.asicDerate', /only with technology: air/],
    [base('', '  cooling: { technology: air }'), 'mining.cooling', /the site has none; expected a site\.weather section/],
    [base('', '', '  v: { mining: { cooling: { technology: air } } }'), 'variants.v.mining.cooling', /the site has none/],
    [base('  weather: {}', '', `  v: { ${LEASE}, cooling: { technology: air, capacity: { points: [[35, 1], [45, 0.6], [48, 0.7]] } } } }`), 'variants.v.lease.cooling.capacity.points[2]', /never rises with temperature/],
    [base('  weather: {}', '', `  v: { ${LEASE}, cooling: { technology: liquid-chiller, pue: 0.9 } } }`), 'variants.v.lease.cooling.pue', /0\.9 must be >= 1/],
    [base('', '', `  v: { ${LEASE}, cooling: { technology: air } } }`), 'variants.v.lease.cooling', /the site has none/],
    [base('  weather: {}', '', `  v: { ${LEASE}, cooling: { technology: air, asicDerate: { points: [[30, 1]] } } } }`), 'variants.v.lease.cooling.asicDerate', /no ASICs to derate; expected asicDerate only in mining\.cooling/],
    [base('  weather: {}', '', '  v: { gpuCloud: { it: 1 MW, cooling: { technology: air, asicDerate: { points: [[30, 1]] } } } }'), 'variants.v.gpuCloud.cooling.asicDerate', /no ASICs to derate/],
    [base('  demandResponse: { fourCp: {} }'), 'site.demandResponse.fourCp', /the site has no weather/],
    [base('  weather: {}\n  demandResponse: { fourCp: { alertHours: 2.5 } }'), 'site.demandResponse.fourCp.alertHours', /whole number of hours/],
    [base('  demandResponse: { price: { threshold: 200 USD/MWh } }'), 'site.demandResponse.price', /no spot market/],
    [base('  weather: { mean: 20 degC, humidity: 1.5 }'), 'site.weather.humidity', /relative humidity in \(0, 1\]/],
    [base('  weather: { csv: w.csv, mean: 20 degC }'), 'site.weather.mean', /no effect when the weather is read from a CSV/],
    [base('  weather: { csv: nowhere.csv }'), 'site.weather.csv', /nowhere\.csv: cannot read it: no such file \(ENOENT\)/],
    [base('', '  failures: { rate: -0.1 }'), 'mining.failures.rate', /-0.1 must be >= 0/],
    [base('', '  failures: { rate: 0.05, leadTime: -2 days }'), 'mining.failures.leadTime', /a lead time ≥ 0 h/],
    [base('', '  schedule: [{ date: 2026-07-02, retire: 20000 }]'), 'mining.schedule[0].retire', /retires 20000 asic machines; 10000 are in service then; expected at most 10000/],
    [base('', '  schedule: [{ date: 2026-07-02, add: 70 MW }]'), 'mining.schedule[0]', /at most the 100\.0 MW the grid leaves mining/],
    [base('', '  schedule: [{ date: 2027-07-02, add: 10 }]'), 'mining.schedule[0].date', /outside the horizon/],
    [base('', '  schedule: [{ date: 2026-07-02, add: 10, model: S99 }]'), 'mining.schedule[0].model', /no model is named 'S99'/],
    [base('', '  schedule: [{ date: 2026-07-02, add: 10, retire: 5 }]'), 'mining.schedule[0]', /both add and retire/],
    [base('', '  schedule: [{ date: 2026-07-02, add: 2.5 }]'), 'mining.schedule[0].add', /whole number of machines/],
  ];
  for (const [text, key, message] of cases) {
    const e = failure(text);
    assert.is(e.keyPath, key, `${e.message}`);
    assert.match(e.message, message);
    assert.ok(e.line > 0, `${key}: a line to point at`);
  }
});

test('weather CSV: a gap or too few rows is one error at the CSV line; a good file is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-weather-'));
  try {
    const rows = (n: number, skip = -1) => ['hour,dry_bulb_c,wet_bulb_c', ...Array.from({ length: n }, (_, h) => h).filter((h) => h !== skip).map((h) => `${h},${30 + (h % 24) / 4},22`)].join('\n');
    const file = join(dir, 'keys.yaml');
    const scenario = base('  weather: { csv: w.csv }', '  cooling: { technology: air }');
    writeFileSync(join(dir, 'w.csv'), rows(96, 40));
    const gap = failure(scenario, file);
    assert.match(gap.message, /w\.csv:42:1: hour: gap: hour 40 missing; expected one row for every hour/);
    writeFileSync(join(dir, 'w.csv'), rows(90));
    const short = failure(scenario, file);
    assert.match(short.message, /w\.csv:91:1: hour: ends after 90 hours \(hour 89\); expected at least 96 hourly rows/);
    writeFileSync(join(dir, 'w.csv'), rows(100));
    const s = parseScenario(file, scenario);
    const w = s.world.site.weather!;
    assert.ok(w.kind === 'series' && w.series.dryBulbC.length === 96 && w.series.dryBulbC[23] === 35.75);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
