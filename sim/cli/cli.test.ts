import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const campus = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'sim/cli/main.ts', ...args], { encoding: 'utf8' });

test('a bad scenario file gets one line naming file:line:column and key, exit 2, no stack, nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-cli-'));
  try {
    const file = join(dir, 'bad.yaml');
    const text = readFileSync('scenarios/capital-raise.yaml', 'utf8').replace('grid: 1027 MW', 'grid: 1027 MWh');
    writeFileSync(file, text);
    const out = join(dir, 'out');
    const r = campus('study', file, '--out', out, '--replications', '3');
    assert.is(r.status, 2);
    const lines = r.stderr.trim().split('\n');
    assert.is(lines.length, 1, r.stderr);
    assert.match(lines[0], /bad\.yaml:\d+:\d+: site\.grid: '1027 MWh' is not a power; expected a power like '300 MW'/);
    assert.not.match(r.stderr, /\n\s+at /);
    assert.not.ok(existsSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('campus validate shows what each variant resolves to, and refuses a bad file with exit 2', () => {
  const ok = campus('validate', 'scenarios/capital-raise.yaml');
  assert.is(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /capital-raise\.yaml: valid\./);
  assert.match(ok.stdout, /colocation-lease\s+760\.0\s+56\.30\s+100 MW IT\s+—\s+900\.0/);
  assert.match(ok.stdout, /gpu-cloud\s+760\.0\s+56\.30\s+—\s+30 MW IT, 23,528 GPUs\s+900\.0/);
  assert.not.match(ok.stderr, /exceeds finance\.capital/, 'every shipped layout fits the $1.15B raise before it earns');
  const dir = mkdtempSync(join(tmpdir(), 'campus-cli-'));
  try {
    // Half the raise: the 1,146.9 M USD staged pivot spends more than it on day one; the current fleet spends nothing.
    const half = join(dir, 'half.yaml');
    writeFileSync(half, readFileSync('scenarios/capital-raise.yaml', 'utf8').replace('capital: 1.15e9 USD', 'capital: 0.575e9 USD'));
    const warned = campus('validate', half);
    assert.is(warned.status, 0, warned.stderr);
    const warnings = warned.stderr.trim().split('\n');
    assert.ok(warnings.some((w) => /^campus: warning: variant staged-pivot: its capex \(1,146\.9 M USD\) exceeds finance\.capital \(575\.0 M USD\) by 2026-01, before any operating cash/.test(w)), warned.stderr);
    assert.not.ok(warnings.some((w) => w.includes('variant current-fleet')));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, readFileSync('scenarios/capital-raise.yaml', 'utf8').replace('rent: 121 USD/kW/month', 'rent: 121 USD/kW'));
    const bad = campus('validate', file);
    assert.is(bad.status, 2);
    assert.match(bad.stderr, /variants\.colocation-lease\.lease\.rent: '121 USD\/kW' is not a rent per kW and month/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad flags are usage errors with exit 2 and one line', () => {
  const never = join(tmpdir(), 'campus-never');
  const cases: Array<[string[], RegExp]> = [
    [['--replications', '-4'], /--replications must be a whole number, got '-4'/],
    [['--replications', '1'], /--replications must be an integer from 2 to 1,000,000, got 1/],
    [['--replications', '99999999999999999999'], /--replications must be at most 1,000,000, got 99999999999999999999/],
    [['--seed', '123456789012345678901234567890'], /--seed must be at most 9,007,199,254,740,991, got 123456789012345678901234567890/],
    [['--seed', '9007199254740992'], /--seed must be at most 9,007,199,254,740,991/],
    [['--workers', '0'], /--workers must be an integer from 1 to 256, got 0/],
    [['--workers', 'abc'], /--workers must be a whole number, got 'abc'/],
    [['--precision', 'x'], /--precision must be a number such as 0\.02, got 'x'/],
    [['--shard', '3/2'], /--shard must be K\/N with 0 ≤ K < N/],
    [['--variants', 'nope'], /unknown variant 'nope'/],
  ];
  for (const [flags, message] of cases) {
    const r = campus('study', 'scenarios/capital-raise.yaml', '--out', never, ...flags);
    assert.is(r.status, 2, flags.join(' '));
    assert.match(r.stderr, message);
    assert.not.match(r.stderr, /\n\s+at /);
    assert.not.match(r.stdout, /campus study:/, 'no banner before a refused request');
  }
  assert.not.ok(existsSync(never));
  assert.is(campus('frobnicate').status, 2);
  const merge = campus('merge', join(tmpdir(), 'no-such-shard'), '--out', never);
  assert.is(merge.status, 2);
  assert.match(merge.stderr, /not a study folder this tool can continue/);
});

test('campus run prints a monthly cash-flow table for one variant and writes its series; a wrong variant is exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-cli-'));
  try {
    const r = campus('run', 'scenarios/capital-raise.yaml', '--variant', 'gpu-cloud', '--out', dir);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /capital-raise · gpu-cloud · seed 1 · replication 0/);
    assert.match(r.stdout, /2026-01-01\s+88,364/);
    const csv = readFileSync(join(dir, 'monthly.csv'), 'utf8').trim().split('\n');
    assert.is(csv.length, 1 + 60);
    assert.match(csv[0], /^month,start,btcPriceUSD,.*gpuCloudRevenueUSD,inferenceRevenueUSD,gpuUtilisation$/);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')).metrics;
    assert.ok(metrics.gpuCloudRevenueUSD.value > 0);
    const bad = campus('run', 'scenarios/capital-raise.yaml', '--variant', 'nope', '--out', join(dir, 'never'));
    assert.is(bad.status, 2);
    assert.match(bad.stderr, /no variant 'nope'.*current-fleet/);
    assert.not.ok(existsSync(join(dir, 'never')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--resume DIR alone continues a study with the scenario, replications and seed it was started with', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-cli-'));
  try {
    assert.is(campus('study', 'scenarios/capital-raise.yaml', '-n', '4', '--seed', '9', '--workers', '1', '-q', '--out', dir).status, 0);
    const before = readFileSync(join(dir, 'summary.json'));
    const r = campus('study', '--resume', dir, '-q');
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /4 replications × 6 variants · seed 9 · 4 already done/);
    assert.ok(readFileSync(join(dir, 'summary.json')).equals(before));
    const missing = campus('study', '--resume', join(dir, 'nope'));
    assert.is(missing.status, 2);
    assert.match(missing.stderr, /not a study folder this tool can continue/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('campus study prints the table and writes summary, CSV and chart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-cli-'));
  try {
    const r = campus('study', 'scenarios/capital-raise.yaml', '--replications', '4', '--workers', '1', '--out', dir);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /current-fleet \(baseline\)/);
    assert.match(r.stdout, /expand-mining .* [+-][\d,.]+ ± [\d,.]+/);
    assert.match(r.stdout, /CVaR 5 %/);
    for (const f of ['summary.json', 'replications.csv', 'bands.csv', 'manifest.json', 'state/plan.json', 'charts/npv.vl.json', 'charts/npv.svg', 'charts/npv.png']) {
      assert.ok(existsSync(join(dir, f)), f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--check runs the invariants on every event; a bad weather CSV is one line and exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-cli-'));
  try {
    const run = campus('run', 'scenarios/outage-stress.yaml', '--variant', 'cloud-half-backup', '--check', '--out', dir);
    assert.is(run.status, 0, run.stderr);
    assert.match(run.stdout, /campus run: outage-stress · cloud-half-backup/);
    const study = campus('study', 'scenarios/texas-heatwave.yaml', '--replications', '4', '--workers', '2', '--check', '--quiet', '--out', join(dir, 'study'));
    assert.is(study.status, 0, study.stderr);
    const file = join(dir, 'hot.yaml');
    writeFileSync(join(dir, 'hot.csv'), 'hour,dry_bulb_c,wet_bulb_c\n0,30,22\n2,31,22\n');
    writeFileSync(file, readFileSync('scenarios/texas-heatwave.yaml', 'utf8').replace(/  weather:\n(    .*\n)+/, '  weather: { csv: hot.csv }\n'));
    const bad = campus('validate', file);
    assert.is(bad.status, 2);
    assert.is(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, /hot\.csv:3:1: hour: gap: hour 1 missing; expected one row for every hour/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('campus optimize keeps the clearly better layout, drops the other early, and writes its choice; a bad --pcs is one line, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-optimize-'));
  try {
    const out = join(dir, 'opt');
    const r = campus('optimize', 'scenarios/capital-raise.yaml', '--variants', 'current-fleet,staged-pivot', '--first-stage', '5', '--budget', '40', '--quiet', '--out', out);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /current-fleet {2}← chosen/);
    const result = JSON.parse(readFileSync(join(out, 'optimize.json'), 'utf8'));
    assert.is(result.chosen, 'current-fleet');
    assert.ok(result.guaranteed, 'a lead of ~500 M USD is decided well inside the budget');
    assert.ok(existsSync(join(out, 'charts', 'selection-frontier.svg')));
    const bad = campus('optimize', 'scenarios/capital-raise.yaml', '--pcs', '2', '--out', join(dir, 'bad'));
    assert.is(bad.status, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.not.ok(existsSync(join(dir, 'bad')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('campus optimize --max-loss-probability prints every layout verdict, chooses within the limit, and exits 3 when none is', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campus-optimize-'));
  try {
    const out = join(dir, 'opt');
    // P(loss): current fleet ~0 %, staged pivot ~50 %; a limit of 20 % ± 15 % tells them apart in a few dozen replications.
    const r = campus('optimize', 'scenarios/capital-raise.yaml', '--variants', 'current-fleet,staged-pivot', '--first-stage', '10', '--max-loss-probability', '0.2', '--loss-tolerance', '0.15', '--quiet', '--out', out);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /current-fleet {2}← chosen.*yes, after \d+/);
    assert.match(r.stdout, /staged-pivot .*no, after \d+/);
    assert.match(r.stdout, /among the layouts with P\(NPV < 0\) ≤ 20 %, with probability at least 95 % whenever the best of those has P\(NPV < 0\) ≤ 5 %/);
    const result = JSON.parse(readFileSync(join(out, 'optimize.json'), 'utf8'));
    assert.equal(result.lossLimit, { below: 0, maxProbability: 0.2, tolerance: 0.15, procedure: result.lossLimit.procedure, event: 'P(NPV < 0)' });
    assert.equal(result.candidates.map((c: { feasibility: string }) => c.feasibility), ['feasible', 'infeasible']);
    // Nearly every outcome is below 2 B USD: no layout keeps that under 50 %, and the exit code says so.
    const none = campus('optimize', 'scenarios/capital-raise.yaml', '--variants', 'current-fleet,staged-pivot', '--first-stage', '10', '--max-loss-probability', '0.5', '--loss-tolerance', '0.3', '--loss-below', '2B', '--quiet', '--out', join(dir, 'none'));
    assert.is(none.status, 3, none.stderr);
    assert.match(none.stdout, /no layout meets P\(NPV < 2,000 M USD\) ≤ 50 %/);
    assert.is(JSON.parse(readFileSync(join(dir, 'none', 'optimize.json'), 'utf8')).chosen, null);
    const bad = campus('optimize', 'scenarios/capital-raise.yaml', '--max-loss-probability', '0.1', '--loss-tolerance', '0.2', '--out', join(dir, 'bad'));
    assert.is(bad.status, 2);
    assert.is(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.not.ok(existsSync(join(dir, 'bad')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
