import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { studentTQuantile } from '../core/stats/student-t.js';
import type { RandomStream } from '../core/stream.js';
import { parseScenario } from '../scenario/load.js';
import { mergeStudies } from './merge.js';
import { replicate, rowsOf } from './replicate.js';
import { runStudy, StudyError } from './study.js';
import { SCENARIO, SCENARIO_TEXT } from './study-test-scenario.js';

const names = SCENARIO.variants.map((v) => v.name);

const scratch = () => mkdtempSync(join(tmpdir(), 'campus-study-'));
const same = (a: string, b: string, files: string[]) => {
  for (const f of files) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs between ${a} and ${b}`);
};
const OUTPUTS = ['summary.json', 'replications.csv', 'annual-cash-flows.csv', 'bands.csv'];

test('the same scenario and seed give byte-identical outputs; the manifest records the run', async () => {
  const a = scratch(), b = scratch();
  try {
    await runStudy(SCENARIO, { outDir: a, replications: 12, workers: 1 });
    await runStudy(SCENARIO, { outDir: b, replications: 12, workers: 1 });
    same(a, b, OUTPUTS);
    const csv = readFileSync(join(a, 'replications.csv'), 'utf8').trim().split('\n');
    assert.is(csv.length, 1 + 12 * names.length, 'a header and one row per replication × variant');
    // A metric that does not apply to a layout (GPU utilisation without a hall) is left out of its summary.
    const summary = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    const util = (v: string) => summary.variants.find((x: { name: string }) => x.name === v).metrics.gpuUtilisation;
    assert.is(util('small').n, 0);
    assert.is(util('small').mean, null);
    assert.is(util('hall').n, 12);
    assert.ok(util('hall').mean > 0 && util('hall').mean <= 1);
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    assert.is(manifest.scenario.sha256, SCENARIO.hash);
    assert.is(manifest.replications.done, 12);
    assert.is(manifest.partial, false);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('the main thread alone and two worker threads give byte-identical summary, CSV and bands', async () => {
  const a = scratch(), b = scratch(), c = scratch();
  try {
    const scenario = (await import('../scenario/load.js')).loadScenario('scenarios/capital-raise.yaml');
    await runStudy(scenario, { outDir: a, replications: 40, workers: 1 });
    await runStudy(scenario, { outDir: b, replications: 40, workers: 2, threadsOnly: true });
    await runStudy(scenario, { outDir: c, replications: 40, workers: 2 });
    same(a, b, OUTPUTS);
    same(a, c, OUTPUTS);
    const manifest = JSON.parse(readFileSync(join(b, 'manifest.json'), 'utf8'));
    assert.is(manifest.workers, 2);
  } finally {
    for (const d of [a, b, c]) rmSync(d, { recursive: true, force: true });
  }
});

test('variants of a replication share its world: revenue scales exactly with hashrate (common random numbers)', () => {
  const ratios = new Set<string>();
  for (let r = 0; r < 10; r++) {
    const [small, big] = rowsOf(replicate(SCENARIO, SCENARIO.variants, 5, r), names);
    ratios.add((big.metrics.miningRevenueUSD / small.metrics.miningRevenueUSD).toFixed(9));
  }
  const machines = (mw: number) => Math.floor(mw / 0.0035);
  assert.equal([...ratios], [(machines(175) / machines(70)).toFixed(9)]);
});

test('paired differences are far tighter than unpaired ones, and say how much', async () => {
  const dir = scratch();
  try {
    const { summary } = await runStudy(SCENARIO, { outDir: dir, replications: 60, workers: 1 });
    const d = summary!.variants[1].versusBaseline!.miningRevenueUSD;
    // Revenue is proportional to hashrate on a shared world (k = big/small machines): the paired
    // difference is (k − 1)·small, an unpaired one has spread √(k² + 1)·σ. So the paired interval is
    // √(k² + 1)/(k − 1) times tighter, up to the Welch vs n − 1 degrees of freedom of the t quantiles.
    const k = Math.floor(175 / 0.0035) / Math.floor(70 / 0.0035);
    const n = 60, welchDf = ((k * k + 1) ** 2 / (k ** 4 + 1)) * (n - 1);
    const expected = (Math.sqrt(k * k + 1) / (k - 1)) * (studentTQuantile(0.975, welchDf) / studentTQuantile(0.975, n - 1));
    assert.ok(Math.abs(d.tightening / expected - 1) < 1e-9, `tightening ${d.tightening} vs ${expected}`);
    assert.ok(d.halfWidth < d.unpairedHalfWidth);
    assert.is(d.probabilityBetter, 1, 'more machines earn more revenue on every path');
    const m = summary!.variants[0].metrics.miningProfitUSD;
    assert.ok(m.cvar5 <= m.quantiles.find((q) => q.p === 0.05)!.value, 'CVaR 5 % is at or below the 5 % quantile');
    for (const q of m.quantiles) assert.ok(q.lower <= q.value && q.value <= q.upper, `p${q.p} inside its interval`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('uncertain inputs: drawn per replication, written as input columns, and ranked by their rank correlation with NPV', async () => {
  const dir = scratch();
  try {
    const result = await runStudy(SCENARIO, { outDir: dir, replications: 40, workers: 1, variants: ['small', 'big'] });
    const csv = readFileSync(join(dir, 'replications.csv'), 'utf8').trim().split('\n');
    const column = csv[0].split(',').indexOf('input:site.powerPrice');
    assert.ok(column > 0 && csv[0].endsWith(',world:meanHashpriceUSDPerPHDay'), csv[0]);
    const prices = csv.slice(1).map((l) => Number(l.split(',')[column]));
    assert.ok(prices.every((p) => p >= 30 && p <= 50));
    assert.is(new Set(prices).size, 40, 'one draw per replication, shared by its variants');
    const sens = result.summary!.sensitivity!;
    assert.equal(sens.inputs, [{ id: 'site.powerPrice', text: 'uniform(30 USD/MWh, 50 USD/MWh)' }]);
    for (const v of sens.variants) {
      // Power is most of a miner's cost: dearer power, lower NPV, in every layout.
      const [c] = v.correlations;
      assert.ok(c.rho < 0 && c.upper < 0, `${v.name}: ρ ${c.rho} [${c.lower}, ${c.upper}]`);
    }
    // The flat power price is an uncertain input here, so the bigger fleet's break-even power price can be read off: Δ NPV falls as power gets dearer.
    const power = result.summary!.breakEvens!.variants.find((v) => v.name === 'big')!.powerPriceUSDPerMWh!;
    assert.ok(power.slopeUSDPerUnit < 0 && power.lower! < power.value && power.value < power.upper!, JSON.stringify(power));
    // The same in dollars: the tornado's bar is NPV over the 4 dearest draws less NPV over the 4
    // cheapest (a tenth of 40), as replications.csv has them. (Its sign needs more replications
    // than 40 against BTC's noise: tornado.test.ts pins the arithmetic.)
    const t = result.summary!.tornado!;
    const driver = t.drivers.find((d) => d.id === 'site.powerPrice')!;
    assert.ok(driver.kind === 'input' && driver.low >= 30 && driver.low < driver.high && driver.high <= 50);
    const cells = csv.slice(1).map((l) => l.split(','));
    const npvAt = csv[0].split(',').indexOf('npvUSD');
    const byPrice = [...new Set(prices)].sort((a, b) => a - b);
    for (const v of t.variants) {
      const bar = v.bars.find((b) => b.driver === 'site.powerPrice')!;
      const mean = (ps: number[]) => ps.reduce((acc, p) => acc + Number(cells.find((c) => c[1] === v.name && Number(c[column]) === p)![npvAt]), 0) / ps.length;
      assert.is(bar.nLow, 4);
      assert.ok(Math.abs(bar.swing - (mean(byPrice.slice(-4)) - mean(byPrice.slice(0, 4)))) < 1e-6 * Math.abs(bar.swing) + 1e-3, `${v.name}: swing ${bar.swing}`);
      assert.ok(bar.halfWidth > 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('when the campus counts toward the network, the bigger fleet earns a little less per machine', () => {
  const counted = parseScenario('c.yaml', SCENARIO_TEXT.replace('campusCounts: false', 'campusCounts: true'));
  for (let r = 0; r < 5; r++) {
    const [small, big] = rowsOf(replicate(counted, counted.variants, 5, r), names);
    const ratio = big.metrics.minedBTC / Math.floor(175 / 0.0035) / (small.metrics.minedBTC / Math.floor(70 / 0.0035));
    // 105 MW more of 57 TH/s machines is ~1.7 % of a 1050 EH/s network: difficulty follows it up.
    assert.ok(ratio < 1 && ratio > 0.97, `BTC per machine, big ÷ small = ${ratio}`);
  }
});

test('capex by hand: new MW × facility $/MW + new machines × TH/s × $/TH; NPV and the funding gap follow', () => {
  const text = SCENARIO_TEXT.replace('  capacity: 70 MW', '  capacity: 70 MW\n  existing: 35 MW')
    .replace('asic: { hashrate: 200 TH/s, power: 3500 W }', 'asic: { hashrate: 200 TH/s, power: 3500 W, price: 20 USD/TH }')
    .replace('variants:', 'finance: { discountRate: 0.1, miningFacility: 300000 USD/MW }\nvariants:');
  const s = parseScenario('capex.yaml', text);
  const [small] = rowsOf(replicate(s, s.variants, 5, 0), names);
  // 70 MW holds 20,000 machines, 35 MW already holds 10,000: 10,000 new machines and 35 MW.
  assert.ok(Math.abs(small.metrics.capexUSD - (35 * 300_000 + 10_000 * 200 * 20)) < 1e-3, `capex ${small.metrics.capexUSD}`);
  assert.ok(small.metrics.minCashUSD <= -small.metrics.capexUSD + 1e-6, 'the plan needs at least its capex up front');
  // Without capex and with no discounting, the NPV is just the profit.
  const plain = parseScenario('p.yaml', SCENARIO_TEXT.replace('variants:', 'finance: { discountRate: 0 }\nvariants:'));
  const [p] = rowsOf(replicate(plain, plain.variants, 5, 0), names);
  assert.ok(Math.abs(p.metrics.npvUSD - p.metrics.miningProfitUSD) < 1e-3 * Math.abs(p.metrics.miningProfitUSD), `${p.metrics.npvUSD} vs ${p.metrics.miningProfitUSD}`);
  assert.is(p.metrics.capexUSD, 0);
});

test('a campus run balances its books: profit = revenue − cost; energy drawn and curtailed add up to the fleet’s', () => {
  for (let r = 0; r < 5; r++) {
    const [small] = rowsOf(replicate(SCENARIO, SCENARIO.variants, 5, r), names);
    const m = small.metrics;
    assert.is(m.miningProfitUSD, m.miningRevenueUSD - m.powerCostUSD);
    const fleetMW = Math.floor(70 / 0.0035) * 0.0035;
    const total = m.energyMWh + m.curtailedEconomicMWh + m.curtailedOutageMWh;
    // Three calendar years from 1 January 2026, 2028 a leap year: 1,096 days.
    const hours = 1096 * 24;
    assert.ok(Math.abs(total - fleetMW * hours) < 1e-6, `${total} vs ${fleetMW * hours}`);
    assert.ok(Math.abs(m.powerCostUSD - m.energyMWh * small.inputs[0]) < 1e-3, 'flat price (this replication’s draw), no PPA: cost is energy × price');
  }
});

test('the precision rule stops at a check point, the same for any worker count', async () => {
  const { loadScenario } = await import('../scenario/load.js');
  // The second setting stops at 250 of 300, where one worker's and two workers' chunk tails would
  // cross the check point differently if chunks were not cut there.
  const settings = [
    { file: 'scenarios/capital-raise.yaml', replications: 400, precision: 0.15, metric: 'minedBTC' as const, variants: [] as string[] },
    { file: 'scenarios/halving-2028.yaml', replications: 300, precision: 0.125, metric: 'npvUSD' as const, variants: ['first'] },
  ];
  for (const setting of settings) {
    const a = scratch(), b = scratch();
    try {
      const scenario = loadScenario(setting.file);
      const variants = setting.variants.length > 0 ? [scenario.variants[0].name] : [];
      const request = { replications: setting.replications, precision: setting.precision, metric: setting.metric, variants };
      const one = await runStudy(scenario, { outDir: a, workers: 1, ...request });
      const two = await runStudy(scenario, { outDir: b, workers: 2, threadsOnly: true, ...request });
      assert.is(one.stopping.rule, 'precision');
      assert.is(one.replications % 50, 0);
      assert.ok(one.replications < setting.replications, 'the rule, not the cap, stopped it');
      assert.is(two.replications, one.replications);
      same(a, b, OUTPUTS);
      for (const v of one.summary!.variants) assert.ok(v.metrics[setting.metric].halfWidth <= setting.precision * Math.abs(v.metrics[setting.metric].mean));
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  }
});

test('shards merged give byte-for-byte the single-machine study', async () => {
  const whole = scratch(), parts = [scratch(), scratch(), scratch()], merged = scratch();
  try {
    await runStudy(SCENARIO, { outDir: whole, replications: 30, workers: 1 });
    for (let k = 0; k < 3; k++) {
      const r = await runStudy(SCENARIO, { outDir: parts[k], replications: 30, workers: 1, shard: `${k}/3` });
      assert.is(r.replications, 10);
    }
    await mergeStudies([parts[2], parts[0], parts[1]], merged);
    same(whole, merged, OUTPUTS);
  } finally {
    for (const d of [whole, ...parts, merged]) rmSync(d, { recursive: true, force: true });
  }
});

test('shards merged into the folder that holds them (the Slurm layout): the shards and other files are kept, the study swapped in', async () => {
  const out = scratch();
  try {
    for (let k = 0; k < 2; k++) await runStudy(SCENARIO, { outDir: join(out, 'shards', String(k)), replications: 10, workers: 1, shard: `${k}/2` });
    // A job log being written while the merge swaps the folder: it keeps its place and its content.
    mkdirSync(join(out, 'slurm', 'logs'), { recursive: true });
    const log = openSync(join(out, 'slurm', 'logs', 'merge.out'), 'a');
    writeSync(log, 'before\n');
    const shards = [join(out, 'shards', '0'), join(out, 'shards', '1')];
    await mergeStudies(shards, out);
    writeSync(log, 'after\n');
    closeSync(log);
    assert.is(readFileSync(join(out, 'slurm', 'logs', 'merge.out'), 'utf8'), 'before\nafter\n');
    assert.ok(existsSync(join(out, 'shards', '1', 'state', 'plan.json')), 'the shards are still there');
    assert.is(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).replications.done, 10);
    await mergeStudies(shards, out); // again, over the merged study: the same
    await assertRejects(() => mergeStudies(shards, shards[0]), /is one of the folders being merged/);
    await assertRejects(() => mergeStudies(shards, join(shards[1], 'merged')), /lies inside .*shards\/1, one of the folders being merged/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('merge refuses incomplete, duplicated and mismatched shard sets', async () => {
  const p0 = scratch(), p1 = scratch(), other = scratch(), out = join(scratch(), 'merged');
  try {
    await runStudy(SCENARIO, { outDir: p0, replications: 10, workers: 1, shard: '0/2' });
    await runStudy(SCENARIO, { outDir: p1, replications: 10, workers: 1, shard: '1/2' });
    await runStudy(SCENARIO, { outDir: other, replications: 10, seed: 6, workers: 1, shard: '1/2' });
    await assertRejects(() => mergeStudies([p0], out), /shard\(s\) 1\/2 missing/);
    await assertRejects(() => mergeStudies([p0, p0], out), /shard 0\/2 appears twice/);
    await assertRejects(() => mergeStudies([p0, other], out), /different study.*seed 6 vs 5/);
    assert.not.ok(existsSync(out), 'nothing written');
  } finally {
    for (const d of [p0, p1, other]) rmSync(d, { recursive: true, force: true });
  }
});

test('an interrupted study resumes to exactly the uninterrupted result', async () => {
  const whole = scratch(), cut = scratch();
  try {
    await runStudy(SCENARIO, { outDir: whole, replications: 30, workers: 1 });
    const abort = new AbortController();
    let seen = 0;
    const progress = { start() {}, update(done: number) { if ((seen = done) >= 10) abort.abort(); }, stop() {} };
    const partial = await runStudy(SCENARIO, { outDir: cut, replications: 30, workers: 1, signal: abort.signal, progress });
    assert.is(partial.stopping.rule, 'interrupted');
    assert.ok(partial.replications >= 10 && partial.replications < 30, `${partial.replications} done`);
    // What is done is written, marked partial, beside the folder; the folder itself is left as it was.
    assert.is(partial.outDir, `${cut}.partial`);
    assert.equal(readdirSync(cut), []);
    assert.is(JSON.parse(readFileSync(join(partial.outDir, 'manifest.json'), 'utf8')).partial, true);
    assert.is(JSON.parse(readFileSync(join(partial.outDir, 'summary.json'), 'utf8')).stopping.rule, 'interrupted');
    const resumed = await runStudy(SCENARIO, { outDir: cut, replications: 30, workers: 1, resume: true });
    assert.ok(resumed.complete);
    same(whole, cut, OUTPUTS);
    assert.not.ok(existsSync(partial.outDir), 'the partial folder is gone once the study is whole');
    assert.ok(seen > 0);
  } finally {
    rmSync(whole, { recursive: true, force: true });
    rmSync(cut, { recursive: true, force: true });
    rmSync(`${cut}.partial`, { recursive: true, force: true });
  }
});

test('a replication that throws loses only its chunk: the rest is kept and the failure reported', async () => {
  const dir = scratch();
  try {
    // A price model that fails in replication 7 alone.
    const real = SCENARIO.world.price.model;
    const flaky = {
      kind: 'flaky',
      path: (h: number, step: number, rng: RandomStream) => {
        if (rng.key.startsWith('5/7/')) throw new Error('price feed broke');
        return real.path(h, step, rng);
      },
    };
    // Without uncertain inputs: drawing them re-reads the file, which would bring the real model back.
    const broken = { ...SCENARIO, uncertain: [], world: { ...SCENARIO.world, price: { ...SCENARIO.world.price, model: flaky } } };
    const r = await runStudy(broken, { outDir: dir, replications: 10, workers: 1 });
    assert.is(r.stopping.rule, 'failed');
    assert.equal(r.failures.map((f) => [f.start, f.end, f.message]), [[7, 8, 'price feed broke']], 'ten replications on one worker run in chunks of one');
    assert.is(r.replications, 9, 'every other replication is kept');
    const manifest = JSON.parse(readFileSync(join(r.outDir, 'manifest.json'), 'utf8'));
    assert.is(manifest.partial, true);
    assert.is(manifest.failures[0].message, 'price feed broke');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.partial`, { recursive: true, force: true });
  }
});

test('bad requests fail before anything is written', async () => {
  const dir = join(scratch(), 'out');
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ variants: ['smal'] }, /unknown variant 'smal'; the scenario has small, big/],
    [{ workers: 0 }, /--workers must be an integer from 1 to 256/],
    [{ shard: '3/2' }, /--shard must be K\/N with 0 ≤ K < N/],
    [{ shard: 'x' }, /--shard must be K\/N/],
    [{ precision: 2 }, /--precision must be a relative half-width in \(0, 1\)/],
    [{ precision: 0.1, shard: '0/2' }, /cannot be combined with --shard/],
    [{ metric: 'npv' }, /unknown metric 'npv'/],
  ];
  for (const [request, message] of cases) {
    await assertRejects(() => runStudy(SCENARIO, { outDir: dir, replications: 4, ...request }), message);
  }
  await assertRejects(() => runStudy(SCENARIO, { outDir: dir, replications: 4, resume: true }), /not a study folder this tool can continue/);
  assert.not.ok(existsSync(dir));
});

test('a finished study leaves no temporary files behind', async () => {
  const dir = scratch();
  try {
    await runStudy(SCENARIO, { outDir: dir, replications: 2, workers: 1 });
    const all = [...readdirSync(dir), ...readdirSync(join(dir, 'state')), ...readdirSync(join(dir, '..'))];
    assert.equal(all.filter((f) => /\.tmp|\.old-|\.lock$|\.partial$/.test(f)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function assertRejects(fn: () => Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await fn();
  } catch (e) {
    assert.instance(e, StudyError);
    assert.match((e as Error).message, message);
    return;
  }
  assert.unreachable(`expected a StudyError matching ${message}`);
}

test.run();
