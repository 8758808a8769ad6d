/**
 * The hostile corpus (`scenarios/hostile/`): files written to break the tool — magnitudes nobody
 * means, values that would fail a replication, other encodings, bombs, sandbox escapes, endless
 * files, paths out of the folder. Every file goes through `campus validate` and `campus study`, the
 * CLI's own handlers in one child process (a process per command would take minutes), and must:
 * be refused with exit 2 and one line naming file, line, column and key, nothing written; or run,
 * with a one-line warning naming the key where a value is implausible. Whatever the file holds, no
 * message carries a control character, a stack trace or more than one screen line of echo, and
 * nothing hangs (the test's time limit names the file that would).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

type Outcome = ['refused', keyPath: string, fragment: string] | ['warns', keyPath: string, fragment: string] | ['runs'];

const CORPUS: Record<string, Outcome> = {
  // Units: magnitudes a unit slip makes (warned, the study runs), and units of the wrong kind
  'unit-power-price-per-kwh': ['warns', 'site.powerPrice', '45,000 USD/MWh is far outside the usual 5–500 USD/MWh'],
  'unit-asic-power-kw': ['warns', 'mining.asic.power', '17,500 J/TH is far outside the usual 5–200 J/TH'],
  'unit-asic-hashrate-ph': ['refused', 'network.hashrate', "is no more than the baseline campus's own"],
  'unit-rent-per-mw': ['warns', 'variants.lease.lease.rent', '0.121 USD/kW/month is far outside the usual 20–1,000 USD/kW/month'],
  'unit-gpu-price-per-minute': ['warns', 'variants.cloud.gpuCloud.reserved.price', '141 USD/GPU/h is far outside'],
  'unit-hall-capex-per-kw': ['warns', 'variants.cloud.gpuCloud.hallCapex', '9e9 USD/MW is far outside'],
  'unit-grid-gw': ['warns', 'site.grid', '200,000 MW is far outside the usual 1–5,000 MW'],
  'unit-btc-price-satoshi': ['warns', 'market.btc.price', '9e12 USD is far outside'],
  'unit-volatility-percent': ['refused', 'market.btc.volatility', 'volatility = 50 is out of range'],
  'unit-node-power-mw': ['refused', 'variants.cloud.gpuCloud.it', '1 MW holds no 10200 kW node'],
  'unit-network-hashrate-th': ['refused', 'network.hashrate', "is no more than the baseline campus's own"],
  'unit-power-price-energy': ['refused', 'site.powerPrice', "'45 USD/MW' is not a price per energy"],
  // Ranges: what would fail a replication is refused at load
  'range-gpus-fraction': ['refused', 'variants.cloud.gpuCloud.node.gpus', '8.5 is not a whole number'],
  'range-gpus-drawn': ['refused', 'variants.cloud.gpuCloud.node.gpus', "'uniform(4, 8)' would draw fractions"],
  'range-backfill-fraction': ['refused', 'variants.cloud.gpuCloud.scheduler.backfillDepth', '2.5 is not a whole number'],
  'range-step-days-tiny': ['refused', 'market.btc.stepDays', '1e-9 days is shorter than an hour'],
  'range-step-half-hour': ['refused', 'market.btc.stepDays', '0.02 days is shorter than an hour'],
  'range-existing-beyond-capacity': ['refused', 'mining.existing', '300 MW of machines already running is more than the 60 MW of mining capacity'],
  'range-job-wider-than-hall': ['refused', 'variants.cloud.gpuCloud.training.gpus.values[1]', "a 102,400-GPU job, wider than the hall's 784 GPUs: it would never run"],
  'range-name-300': ['refused', 'name', 'the name is 300 characters long'],
  'range-named-input-tail': ['refused', 'variants.cloud.gpuCloud.training.price', 'the price is -2.41116 USD/GPU/h when decline = 2.02603'],
  'range-derived-input-tail': ['refused', 'variants.cloud.gpuCloud.training.price', 'when half = 1.5, x = 3'],
  'range-model-constraint-tail': ['refused', 'market.btc.upRate', 'when market.btc.upRate = 0.5 (the lowest value it can draw)'],
  'range-online-tail': ['refused', 'variants.lease.lease.online', "'normal(6 months, 3 months)' can draw -6034.13 h"],
  'range-replications-huge': ['refused', 'study.replications', 'must be <= 1000000'],
  'range-seed-30-digits': ['refused', 'study.seed', 'must be <= 9007199254740991'],
  'range-seed-2p53': ['refused', 'study.seed', 'must be <= 9007199254740991'],
  'range-seed-negative': ['refused', 'study.seed', '-1 must be >= 0'],
  'range-inf-price': ['refused', 'market.btc.price', '.inf is not a finite number'],
  'range-nan-volatility': ['refused', 'market.btc.volatility', '.nan is not a finite number'],
  // Encodings
  'enc-utf8-bom': ['runs'],
  'enc-crlf': ['runs'],
  'enc-utf16le': ['refused', '', 'is UTF-16 text; save it as UTF-8'],
  'enc-utf16be': ['refused', '', 'is UTF-16 text; save it as UTF-8'],
  'enc-invalid-utf8': ['refused', '', 'is not UTF-8 text'],
  'enc-overlong-utf8': ['refused', '', 'is not UTF-8 text'],
  'enc-nul-byte': ['refused', '', 'holds a NUL byte: it is a binary file, not text'],
  'enc-ansi-key': ['refused', 'site.\\x1b[2J\\x1b]0;pwned\\x07', "unknown key '\\x1b[2J\\x1b]0;pwned\\x07'"],
  'enc-bidi-key': ['refused', 'site.grid\\u202eWM 002', "unknown key 'grid\\u202eWM 002'"],
  'enc-ansi-value': ['refused', 'site.powerPrice', "cannot parse '\\x1b[31m45 USD/MWh\\x1b[0m'"],
  'enc-bell-in-name': ['refused', 'name', 'must match pattern'],
  'enc-tab-in-value': ['refused', 'site.grid', "cannot parse '200\\t\\x0cMW'"],
  'enc-zero-width-unit': ['refused', 'site.grid', "cannot parse '200 M\\u200bW'"],
  'enc-fullwidth-digits': ['refused', 'site.grid', 'cannot parse'],
  'enc-huge-key': ['refused', 'site.kkkk', 'YAML syntax'],
  'enc-huge-value': ['refused', 'site.grid', 'expression is 50003 characters long (at most 500)'],
  // Bombs
  'bomb-alias-laughs': ['refused', 'i[0]', "alias '*h' expands to 5,380,840 aliases"],
  'bomb-merge-keys': ['refused', 'x-m199.<<', 'too many expansions'],
  'bomb-deep-nesting': ['refused', 'site.grid[0]', 'nested too deeply'],
  'bomb-variants-5000': ['refused', 'variants', '5003 variants; expected at most 100 written variants'],
  'bomb-inputs-500': ['refused', 'inputs.x100', 'the scenario draws 500 uncertain inputs; expected at most 100'],
  'bomb-sweep-2500': ['refused', 'sweep.parameters', '2500 combinations'],
  'bomb-power-tower': ['refused', 'site.grid', "'10^10^10 MW' evaluates to Infinity"],
  'bomb-huge-literal': ['refused', 'site.grid', "'1e400 MW' evaluates to Infinity"],
  'bomb-factorial': ['refused', 'site.grid', "function 'factorial' is not allowed"],
  'bomb-long-expression': ['refused', 'site.grid', 'expression is 602 characters long'],
  'bomb-many-job-sizes': ['refused', 'variants.cloud.gpuCloud.training.gpus.probabilities', 'they sum to 2500'],
  // Sandbox escapes
  'sandbox-import': ['refused', 'site.grid', "function 'import' is not allowed"],
  'sandbox-constructor': ['refused', 'site.grid', 'cannot parse'],
  'sandbox-evaluate': ['refused', 'site.grid', "function 'evaluate' is not allowed"],
  'sandbox-create-unit': ['refused', 'site.grid', "function 'createUnit' is not allowed"],
  'sandbox-matrix': ['refused', 'site.grid', 'array expressions are not allowed'],
  'sandbox-object': ['refused', 'site.grid', 'accessor expressions are not allowed'],
  'sandbox-function-def': ['refused', 'site.grid', 'is more than one expression'],
  'sandbox-string-access': ['refused', 'site.grid', 'accessor expressions are not allowed'],
  'sandbox-proto-key': ['refused', '__proto__', "unknown key '__proto__'"],
  'sandbox-proto-variant': ['refused', 'variants.proto.__proto__', "unknown key '__proto__'"],
  'sandbox-constructor-input': ['refused', 'inputs.constructor', 'is already a unit, function or variable'],
  'sandbox-assign-input': ['refused', 'inputs.x', 'assignment expressions are not allowed'],
  // Endless files and paths: data files a scenario names
  'path-weather-dev-zero': ['refused', 'site.weather.csv', "'/dev/zero' is an absolute path"],
  'path-weather-etc-passwd': ['refused', 'site.weather.csv', "'/etc/passwd' is an absolute path"],
  'path-weather-dotdot': ['refused', 'site.weather.csv', "is outside the scenario's folder"],
  'path-weather-directory': ['refused', 'site.weather.csv', 'data: is a directory, not a regular file'],
  'path-weather-link-out': ['refused', 'site.weather.csv', "leads out of the scenario's folder (through a symbolic link)"],
  'path-weather-missing': ['refused', 'site.weather.csv', 'nowhere.csv: cannot read it: no such file (ENOENT)'],
  'path-weather-fifo': ['refused', 'site.weather.csv', 'fifo.csv: is a named pipe (FIFO), not a regular file'],
  'path-weather-nul-name': ['refused', 'site.weather.csv', 'the file name holds a NUL character'],
  'path-weather-latin1': ['refused', 'site.weather.csv', 'latin1.csv:2:6: is not UTF-8 text'],
  'path-weather-not-csv': ['refused', 'site.weather.csv', "not-a-csv.csv:1:1: header: has no time column ('hour' or 'time')"],
  'path-weather-empty-name': ['refused', 'site.weather.csv', 'the file name is empty'],
  'path-history-urandom': ['refused', 'market.btc.history', "'/dev/urandom' is an absolute path"],
  'path-history-utf16': ['refused', 'market.btc.history', 'utf16.csv:1:1: is UTF-16 text'],
  'path-history-self': ['refused', 'market.btc.history', "expected the header 'month_end,close_usd', got 'name: hostile'"],
};

/** Names made by the test here: git keeps no FIFO, and these would bloat or endanger the repository. */
const MADE: Record<string, Outcome> = {
  'made-oversized': ['refused', '', 'is 1,100,000 bytes, more than the 1 MiB allowed'],
  'made-fifo-scenario': ['refused', '', 'is a named pipe (FIFO), not a regular file'],
  'made-dev-zero-scenario': ['refused', '', 'is a character device, not a regular file'],
  'made-directory-scenario': ['refused', '', 'is a directory, not a regular file'],
  'made-link-in-weather': ['refused', 'site.weather.csv', "leads out of the scenario's folder"],
};

const DIR = 'scenarios/hostile';
const work = mkdtempSync(join(tmpdir(), 'campus-hostile-'));
const corpus = join(work, 'corpus');

function prepare(): string[] {
  cpSync(DIR, corpus, { recursive: true, verbatimSymlinks: true });
  // The link out of the folder, pointing where it points in the repository (a real file outside).
  rmSync(join(corpus, 'data', 'link-out.csv'));
  symlinkSync(resolve('README.md'), join(corpus, 'data', 'link-out.csv'));
  spawnSync('mkfifo', [join(corpus, 'data', 'fifo.csv')]);
  writeFileSync(join(corpus, 'made-oversized.yaml'), `# ${'x'.repeat(1_100_000 - 3)}\n`);
  spawnSync('mkfifo', [join(corpus, 'made-fifo-scenario.yaml')]);
  symlinkSync('/dev/zero', join(corpus, 'made-dev-zero-scenario.yaml'));
  mkdirSync(join(corpus, 'made-directory-scenario.yaml'));
  symlinkSync('/dev/zero', join(corpus, 'data', 'zero.csv'));
  writeFileSync(join(corpus, 'made-link-in-weather.yaml'), readFileSync(join(DIR, 'path-weather-missing.yaml'), 'utf8').replace('csv: nowhere.csv', 'csv: data/zero.csv'));
  return [...Object.keys(CORPUS), ...Object.keys(MADE)];
}

test.after(() => rmSync(work, { recursive: true, force: true }));

test('the corpus has at least 60 files, each listed with what it must give and saying so itself', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  assert.equal(files, Object.keys(CORPUS).sort());
  assert.ok(files.length >= 60, `${files.length} files`);
  for (const name of files) {
    const head = readFileSync(join(DIR, `${name}.yaml`)).toString('latin1').replace(/^\xef\xbb\xbf|^\xff\xfe|^\xfe\xff/, '').replace(/\0/g, '');
    assert.match(head, /^# Hostile: .+\r?\n# Expected: .+/, name);
  }
});

test('every hostile file through validate and study: refused in one safe line with nothing written, or run with its warnings', () => {
  const names = prepare();
  const jobs = names.flatMap((name) => {
    const file = join(corpus, `${name}.yaml`);
    return [
      { command: 'validate', args: { file } },
      { command: 'study', args: { file, replications: '2', workers: '1', quiet: true, out: join(work, 'out', name) } },
    ];
  });
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'sim/cli/command-runner.test-support.ts', JSON.stringify(jobs)], { encoding: 'utf8', timeout: 240_000, maxBuffer: 64 << 20 });
  const results = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.is(results.length, jobs.length, `the runner stopped (a hang?) after: ${r.stderr.trim().split('\n').at(-1)}`);
  for (const x of results) {
    const name = String(x.args.file).split('/').pop()!.replace(/\.yaml$/, '');
    const expected = CORPUS[name] ?? MADE[name];
    const what = `${x.command} ${name}: ${x.stderr}`;
    // Whatever the file holds: no control characters, no stack trace, short lines.
    assert.not.match(x.stderr, /[\x00-\x09\x0b-\x1f\x7f\u202e]/, `${what}: a control character reached the terminal`);
    assert.not.match(x.stderr, /\n\s+at |Error: /, `${what}: a stack trace`);
    for (const line of x.stderr.split('\n')) assert.ok(line.length <= 1100, `${what}: a line of ${line.length} characters`);
    const lines = x.stderr.trimEnd().split('\n').filter(Boolean);
    if (expected[0] === 'refused') {
      const [, keyPath, fragment] = expected;
      assert.is(x.code, 2, what);
      assert.is(lines.length, 1, what);
      assert.is(x.stdout, '', `${what}: nothing printed before the refusal`);
      const where = keyPath === '' ? '' : `:\\d+:\\d+: ${escapeRegExp(keyPath)}`;
      assert.match(lines[0], new RegExp(`^campus: ${escapeRegExp(x.args.file)}${where}`), what);
      assert.ok(lines[0].includes(fragment), `${what}: '${fragment}' not in it`);
      assert.not.ok(existsSync(join(work, 'out', name)) || existsSync(join(work, 'out', `${name}.partial`)), `${what}: nothing written`);
    } else {
      assert.is(x.code, 0, what);
      const warnings = lines.filter((l: string) => l.startsWith('campus: warning: '));
      assert.is(warnings.length, lines.length, `${what}: only warnings on stderr`);
      if (expected[0] === 'warns') {
        const [, keyPath, fragment] = expected;
        assert.ok(warnings.some((l: string) => l.includes(`: ${keyPath}: `) && l.includes(fragment)), `${what}: no warning at ${keyPath} saying '${fragment}'`);
      } else assert.is(warnings.length, 0, what);
      if (x.command === 'study') {
        const report = readFileSync(join(work, 'out', name, 'report.html'), 'utf8');
        assert.is(report.includes('Check these inputs'), expected[0] === 'warns', `${what}: the report shows the warnings`);
      }
    }
  }
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.run();
