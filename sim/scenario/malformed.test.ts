/**
 * The corpus of malformed scenarios (`scenarios/malformed/`): each file is a realistic scenario with
 * one thing wrong, and must give exactly one message naming file, line, column and key path. Every
 * file is loaded in-process against the table below; the real CLI is spawned for a few of them to
 * check exit code 2, a single line on stderr, no stack trace and no output folder.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario, parseScenario } from './load.js';
import { scenarioFailure } from './scenario-failure.test-support.js';
import { MAX_FILE_BYTES } from './source.js';

const DIR = 'scenarios/malformed';

/** File (without .yaml), line, column, key path ('' for the file as a whole), and words the message must hold. */
type Case = [file: string, line: number, column: number, keyPath: string, fragment: string];

const CORPUS: Case[] = [
  // Wrong units
  ['unit-grid-energy', 46, 9, 'site.grid', "'1027 MWh' is not a power; expected a power like '300 MW'"],
  ['unit-missing', 58, 13, 'mining.capacity', "'760' has no unit"],
  ['unit-unknown', 47, 15, 'site.powerPrice', "unknown name 'MWhr': not a unit"],
  ['unit-efficiency-inverted', 42, 17, 'network.response.efficiency', "'21 TH/J' is not an energy per hash"],
  ['unit-rent-per-kw-variant', 74, 13, 'variants.colocation-lease.lease.rent', "'121 USD/kW' is not a rent per kW and month"],
  ['unit-gpu-price-no-hour', 92, 16, 'variants.gpu-cloud.gpuCloud.reserved.price', "'2.35 USD/GPU' is not a price per GPU-hour"],
  ['unit-mismatch-add', 46, 9, 'site.grid', "cannot evaluate '1027 MW + 5 h': it adds, subtracts or compares quantities of different kinds"],
  // Unknown keys, with a did-you-mean; variants naming keys they may not have
  ['key-top-level-typo', 33, 1, 'netwrok', "unknown key 'netwrok' (did you mean 'network'?)"],
  ['key-nested-typo', 54, 5, 'mining.asic.hashrat', "unknown key 'hashrat' (did you mean 'hashrate'?); expected one of hashrate, power, price"],
  ['key-gpucloud-typo', 94, 7, 'variants.gpu-cloud.gpuCloud.trainng', "unknown key 'trainng' (did you mean 'training'?)"],
  ['key-variant-typo', 69, 5, 'variants.current-fleet.minig', "unknown key 'minig' (did you mean 'mining'?)"],
  ['key-variant-deep-typo', 92, 9, 'variants.gpu-cloud.gpuCloud.reserved.prise', "unknown key 'prise' (did you mean 'price'?)"],
  ['key-variant-world', 69, 5, 'variants.current-fleet.network', "a variant cannot change 'network'"],
  ['key-model-parameter', 24, 12, 'market.btc.jumps', "the gbm model has no parameter 'jumps'"],
  // Missing required fields
  ['missing-difficulty', 33, 1, 'network', "missing required key 'difficulty'"],
  ['missing-lease-rent', 71, 5, 'variants.colocation-lease.lease', "missing required key 'rent'"],
  ['missing-asic', 52, 1, 'mining', "missing required key 'asic'"],
  ['missing-power-price', 46, 3, 'site', "no price for power; expected powerPrice (e.g. '45 USD/MWh') or a spot market"],
  ['missing-lease-cooling-weather', 74, 16, 'variants.colocation-lease.lease.cooling', 'cooling works against the weather, and the site has none; expected a site.weather section'],
  ['missing-variants', 66, 11, 'variants', 'the mapping is empty; expected at least 1 entry: campus layouts to compare'],
  // Out-of-range values
  ['range-pool-fee', 59, 12, 'mining.poolFee', '0.5 must be <= 0.2; expected FPPS pool fee as a fraction'],
  ['range-years-zero', 10, 10, 'horizon.years', '0 must be > 0; expected length of the horizon'],
  ['range-confidence', 15, 15, 'study.confidence', '1.5 must be < 1; expected confidence level of every interval'],
  ['range-replications', 13, 17, 'study.replications', '1 must be >= 2'],
  ['range-kou-uprate', 26, 13, 'market.btc.upRate', 'upRate = 0.8 is out of range; expected a rate > 1'],
  ['range-reserved-share', 91, 16, 'variants.gpu-cloud.gpuCloud.reserved.share', '1.2 must be <= 1'],
  ['range-lease-pue', 73, 12, 'variants.colocation-lease.lease.pue', '5 is too large; expected at most 3'],
  ['range-negative-grid', 46, 9, 'site.grid', '-1027 MW is too small; expected at least 0 MW'],
  ['range-converts-mining', 90, 23, 'variants.gpu-cloud.gpuCloud.convertsMining', '900 MW is more than the 760.0 MW the fleet draws'],
  ['range-online-after-horizon', 88, 15, 'variants.gpu-cloud.gpuCloud.online', '52596 h is too large; expected at most 43824 h'],
  ['range-lease-cooling-curve', 77, 50, 'variants.colocation-lease.lease.cooling.capacity.points[2]', "0.8 is out of range; expected a fraction ≤ the previous point's 0.6 (a derate never rises with temperature)"],
  ['hashrate-below-campus', 34, 13, 'network.hashrate', "is no more than the baseline campus's own"],
  // Distributions, named inputs and sweeps
  ['distribution-unbounded', 23, 17, 'market.btc.volatility', "'normal(0.45, 0.1)' can draw -0.0253424, outside the range of this key; expected a distribution whose every value is ≥ 0"],
  ['input-shadows-unit', 9, 6, 'inputs.h', "'h' is already a unit, function or variable in expressions"],
  ['input-price-negative-draw', 104, 16, 'variants.gpu-cloud.gpuCloud.training.price', 'the price is -1 USD/GPU/h when gpuPriceDecline = 0.3'],
  ['expr-complex', 101, 16, 'variants.gpu-cloud.gpuCloud.training.price', 'is not a real number (a square root or power of a negative number?)'],
  // Decision rules
  ['policy-unknown-state', 190, 11, 'variants.adaptive-pivot.policies.pivot.when.hashrpice', "unknown key 'hashrpice' (did you mean 'hashprice'?)"],
  ['policy-threshold-unit', 190, 51, 'variants.adaptive-pivot.policies.pivot.when.hashprice.below', "'15 USD/MWh' is not a hashprice; expected a hashprice like '45 USD/PH/day'"],
  ['policy-retire-too-much', 227, 25, 'variants.watch-gpu-prices.policies.gpus-held-up.then.retire', '2000 MW is more than the 1027.0 MW the fleet draws'],
  ['policy-sign-lease-online', 122, 15, 'variants.colocation-lease.lease.online', 'a rule signs this lease: its hall opens lease.build after the rule fires'],
  ['sweep-non-numeric', 109, 15, 'sweep.parameters[0].path', "'gpuCloud.scheduler.policy' is not a numeric input of the campus"],
  // Bad expressions
  ['expr-syntax', 55, 12, 'mining.asic.power', "cannot parse '270 TH/s * (13.5 J/TH': Parenthesis ) expected"],
  ['expr-unknown-variable', 101, 16, 'variants.gpu-cloud.gpuCloud.training.price', "unknown name 'yeras': not a unit, a constant or a variable (variables here: t, years)"],
  ['expr-nan', 21, 12, 'market.btc.price', "'0/0 * 1 USD' evaluates to NaN"],
  ['expr-infinite', 46, 9, 'site.grid', "'1027 MW / 0' evaluates to Infinity"],
  ['expr-time-wrong-unit', 101, 16, 'variants.gpu-cloud.gpuCloud.training.price', "'2.35 * 0.85^years USD/GPU' is not a price per GPU-hour at t = 0 h"],
  ['expr-time-eval-error', 101, 16, 'variants.gpu-cloud.gpuCloud.training.price', 'it adds, subtracts or compares a plain number and a quantity with a unit at t = 0 h'],
  ['expr-negative-gpu-price', 101, 16, 'variants.gpu-cloud.gpuCloud.training.price', 'the price is -0.05 USD/GPU/h in 2030-01; expected a price ≥ 0 at every time in the horizon'],
  ['expr-time-not-allowed', 46, 9, 'site.grid', "('years' here is the unit, not the time: this input cannot vary with time)"],
  ['expr-multiline', 55, 12, 'mining.asic.power', "(a line break ends an expression: write it on one line, or fold it with '>-')"],
  // Hostile expressions
  ['hostile-import', 46, 9, 'site.grid', "function 'import' is not allowed"],
  ['hostile-create-unit', 46, 9, 'site.grid', "function 'createUnit' is not allowed"],
  ['hostile-evaluate', 46, 9, 'site.grid', "function 'evaluate' is not allowed"],
  ['hostile-parse', 46, 9, 'site.grid', "function 'parse' is not allowed"],
  ['hostile-simplify', 46, 9, 'site.grid', "function 'simplify' is not allowed"],
  ['hostile-derivative', 46, 9, 'site.grid', "function 'derivative' is not allowed"],
  ['hostile-config', 46, 9, 'site.grid', "function 'config' is not allowed"],
  ['hostile-array-constructor', 46, 9, 'site.grid', 'accessor expressions are not allowed'],
  ['hostile-cos-constructor', 46, 9, 'site.grid', "function 'cos.constructor' is not allowed"],
  ['hostile-string-property', 46, 9, 'site.grid', 'accessor expressions are not allowed'],
  ['hostile-function-definition', 46, 9, 'site.grid', 'function assignment expressions are not allowed'],
  ['hostile-assignment', 46, 9, 'site.grid', "'MW = 1; 1027 MW' is more than one expression"],
  ['hostile-ones', 46, 9, 'site.grid', "function 'ones' is not allowed"],
  ['hostile-range', 46, 9, 'site.grid', 'range expressions are not allowed'],
  ['hostile-long', 46, 9, 'site.grid', 'expression is 837 characters long (at most 500)'],
  // YAML
  ['yaml-alias-bomb', 20, 16, 'x-lol9[0]', "alias '*lol8' expands to 5,380,840 aliases: too many expansions (an alias bomb?); expected at most 100"],
  ['yaml-unknown-alias', 89, 18, 'variants.gpu-cloud.gpuCloud.scheduler', "alias '*sched' names no anchor set before it"],
  ['yaml-duplicate-key', 59, 3, 'mining.capacity', "key 'capacity' is given twice in the same mapping"],
  ['yaml-tab-indent', 14, 1, 'study', 'YAML syntax: Tabs are not allowed as indentation'],
  ['yaml-unclosed-flow', 101, 9, 'variants.gpu-cloud.gpuCloud.training.duration', 'YAML syntax: Flow map in block collection must be sufficiently indented and end with a }'],
  ['yaml-deep-nesting', 105, 27, 'variants.gpu-cloud.gpuCloud.inference.hourOfDay[0][0][0][0][0][0][0]', 'mappings or lists are nested too deeply for the YAML reader'],
  ['yaml-two-documents', 8, 1, '', "the file holds more than one YAML document ('---' starts another)"],
  ['yaml-top-level-list', 1, 1, '', 'the file is not a mapping of keys to values'],
  ['empty-file', 1, 1, '', 'the file has no keys (it is empty or all comments)'],
  // Dates, types, enums and cross-checks
  ['date-invalid', 9, 10, 'horizon.start', "'2026-02-30' is not a date; expected YYYY-MM-DD"],
  ['date-month-13', 9, 10, 'horizon.start', "'2026-13-01' is not a date"],
  ['date-wrong-format', 9, 10, 'horizon.start', '"01/01/2026" must match pattern'],
  ['type-years-string', 10, 10, 'horizon.years', "unknown name 'five': not a unit, a constant or a variable; expected a plain number"],
  ['type-site-scalar', 45, 7, 'site', 'wrong type ("1027 MW"); expected a mapping'],
  ['type-null-quantity', 46, 8, 'site.grid', 'no value given; expected a string or a number'],
  ['type-quantity-list', 46, 9, 'site.grid', 'wrong type (a list)'],
  ['type-seed-fraction', 14, 9, 'study.seed', 'wrong type (1.5); expected a whole number'],
  ['enum-price-model', 20, 12, 'market.btc.model', "'heston' is not allowed; expected one of gbm, merton, kou, regime-switching, bootstrap"],
  ['enum-scheduler-policy', 90, 28, 'variants.gpu-cloud.gpuCloud.scheduler.policy', "'backfill' is not allowed; expected one of fifo, easy-backfill"],
  ['enum-lease-cooling-technology', 75, 30, 'variants.colocation-lease.lease.cooling.technology', "'evaporative' is not allowed; expected one of air, hydro, immersion, liquid-chiller"],
  ['gpus-probabilities-sum', 99, 26, 'variants.gpu-cloud.gpuCloud.training.gpus.probabilities', 'they sum to 1.36; expected probabilities that sum to 1'],
  ['gpus-probabilities-count', 99, 26, 'variants.gpu-cloud.gpuCloud.training.gpus.probabilities', '5 probabilities for 6 values'],
  ['hour-of-day-short', 105, 20, 'variants.gpu-cloud.gpuCloud.inference.hourOfDay', 'must NOT have fewer than 24 items'],
  ['baseline-unknown', 16, 13, 'study.baseline', "no variant is named 'current_fleet'; expected one of current-fleet, colocation-lease, gpu-cloud"],
  ['variant-name-invalid', 78, 3, 'variants.gpu cloud!', "name 'gpu cloud!' is not allowed"],
  ['name-invalid', 4, 7, 'name', '"capital raise/2026" must match pattern'],
  ['power-price-and-spot', 47, 15, 'site.powerPrice', 'a flat power price and a spot market were both given'],
  ['spot-floor-above-cap', 52, 12, 'site.spot.floor', 'a floor of 300 USD/MWh is not below the cap of 250 USD/MWh'],
  ['spot-negative-price-positive', 52, 34, 'site.spot.negative.price', '15 USD/MWh is too large; expected less than 0 USD/MWh'],
  ['patience-zero', 101, 19, 'variants.gpu-cloud.gpuCloud.training.patience', '0 h is too small; expected more than 0 h'],
  ['tax-rate-percent', 66, 11, 'finance.tax.rate', '21 is too large; expected less than 1'],
  ['tax-schedule-short', 68, 26, 'finance.tax.depreciation.asics.schedule', 'the shares sum to 0.94; expected yearly shares of the cost that sum to 1'],
  ['regime-initial-unknown', 26, 14, 'market.btc.initial', "no regime is named 'sideways'; expected one of bull, bear"],
  ['history-missing', 22, 14, 'market.btc.history', 'malformed/data/btc-closes.csv: cannot read it: no such file (ENOENT)'],
];

/** Loads `file` expecting a ScenarioError and nothing else. */
const failure = (file: string) => scenarioFailure(() => loadScenario(file), file);

test('every file in scenarios/malformed has a table entry, and every entry a file', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
  const names = CORPUS.map(([name]) => name).sort();
  assert.equal(files, names);
  assert.is(new Set(names).size, names.length, 'no file listed twice');
  assert.ok(names.length >= 30, `${names.length} malformed files`);
});

test('each malformed file gives one message at its line, column and key', () => {
  for (const [name, line, column, keyPath, fragment] of CORPUS) {
    const file = join(DIR, `${name}.yaml`);
    const e = failure(file);
    const where = `${file}:${line}:${column}: ${keyPath || '(top level)'}: `;
    assert.is(`${e.file}:${e.line}:${e.column}: ${e.keyPath || '(top level)'}: `, where, name);
    assert.ok(e.message.startsWith(where), `${name}: ${e.message}`);
    assert.ok(e.message.includes(fragment), `${name}: '${fragment}' not in: ${e.message}`);
    assert.not.ok(e.message.includes('\n'), `${name}: one line`);
    // The file says what is wrong and where the message points.
    const [what, expected] = readFileSync(file, 'utf8').split('\n');
    assert.match(what, /^# Malformed: /, name);
    assert.ok(expected.startsWith(`# Expected: ${name}.yaml:${line}:${column}: ${keyPath || '(top level)'}: `), `${name}: ${expected}`);
  }
});

test('a file over the size limit is refused before it is parsed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-malformed-'));
  try {
    const file = join(dir, 'huge.yaml');
    const text = readFileSync('scenarios/capital-raise.yaml', 'utf8');
    writeFileSync(file, text + `# ${'padding '.repeat(100)}\n`.repeat(Math.ceil(MAX_FILE_BYTES / 800)));
    const e = failure(file);
    assert.is(e.line, 0, 'the file as a whole');
    assert.match(e.message, /^.*huge\.yaml: is [\d,]+ bytes, more than the 1 MiB allowed$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an expression in a | block (which ends in a line break) still reads as one expression', () => {
  const text = readFileSync(join(DIR, 'expr-multiline.yaml'), 'utf8').replace('      270 TH/s\n      * 13.5 J/TH\n', '      270 TH/s * 13.5 J/TH\n');
  const s = parseScenario('block.yaml', text);
  assert.ok(Math.abs(s.variants[0].mining.asicPowerMW - 0.003645) < 1e-12);
});

const run = promisify(execFile);

/** The real CLI on `args`: exit code and output, without throwing on a non-zero exit. */
async function campus(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'sim/cli/main.ts', ...args], { encoding: 'utf8' });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

test('campus study on malformed files: exit 2, one line on stderr, no stack trace, nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-malformed-'));
  try {
    const picks = ['unit-rent-per-kw-variant', 'hostile-cos-constructor', 'yaml-alias-bomb'];
    const results = await Promise.all(picks.map((name, i) => campus('study', join(DIR, `${name}.yaml`), '--out', join(dir, `out-${i}`), '-n', '4', '-q')));
    results.forEach((r, i) => {
      const [name, line, column, keyPath] = CORPUS.find(([n]) => n === picks[i])!;
      assert.is(r.code, 2, `${name}: ${r.stderr}`);
      assert.is(r.stdout, '', name);
      const lines = r.stderr.trimEnd().split('\n');
      assert.is(lines.length, 1, r.stderr);
      assert.ok(lines[0].startsWith(`campus: ${join(DIR, `${name}.yaml`)}:${line}:${column}: ${keyPath}: `), lines[0]);
      assert.not.match(r.stderr, /\n\s+at |Error:/);
    });
    assert.equal(readdirSync(dir), [], 'no output folder created');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
