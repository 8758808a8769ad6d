import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../scenario/load.js';
import { OutputError } from './output-error.js';
import { runStudy } from './study.js';
import { StudyFolder } from './study-folder.js';
import { readWholeStudy } from './whole-study.js';

const SCENARIO = parseScenario(
  'folder-test.yaml',
  `name: folder-test
horizon: { start: 2026-01-01, years: 1 }
study: { replications: 4, seed: 5 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.6 } }
network: { hashrate: 1050 EH/s, difficulty: 148.26e12, height: 1000000 }
site: { grid: 200 MW, powerPrice: 40 USD/MWh }
mining: { asic: { hashrate: 200 TH/s, power: 3500 W }, capacity: 70 MW }
variants: { small: {}, big: { mining: { capacity: 150 MW } } }
`,
);

const scratch = () => mkdtempSync(join(tmpdir(), 'campus-folder-'));

test('a run killed mid-swap is put right by the next: the old folder back, carried files returned, temporary folders gone', () => {
  const parent = scratch();
  try {
    const dir = join(parent, 'x');
    // Killed after the old folder was moved aside and a note carried into the new one, before the new one went in.
    const old = join(parent, '.x.old-99-2');
    mkdirSync(join(old, 'state'), { recursive: true });
    writeFileSync(join(old, 'summary.json'), 'old whole study');
    const temp = join(parent, '.x.tmp-99-1');
    mkdirSync(temp);
    writeFileSync(join(temp, 'summary.json'), 'new study');
    writeFileSync(join(temp, 'notes.txt'), 'mine');
    writeFileSync(join(temp, '.campus-swap.json'), JSON.stringify({ target: dir, carried: ['notes.txt'], old }));
    // And a temporary folder of another run, killed while it was still being written.
    mkdirSync(join(parent, '.x.tmp-98-1'));
    const folder = StudyFolder.open(dir, 'study');
    folder.release();
    assert.is(readFileSync(join(dir, 'summary.json'), 'utf8'), 'old whole study');
    assert.is(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
    assert.equal(readdirSync(parent).sort(), ['x']);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a lock left by a process that is gone is taken over: here by its process id, from another host by its age', () => {
  const parent = scratch();
  try {
    const dir = join(parent, 'x'), lock = join(parent, '.x.lock');
    const owner = (pid: number, host: string) => JSON.stringify({ pid, host, since: '2026-01-01T00:00:00Z', command: 'study' });
    // A process id no process has (above Linux's pid_max of 2^22).
    writeFileSync(lock, owner(5_000_000, hostname()));
    StudyFolder.open(dir, 'study').release();
    assert.not.ok(existsSync(lock), 'taken over and released');
    // Another host's lock, touched a moment ago: refused; untouched for an hour: taken over.
    writeFileSync(lock, owner(1, 'another-node'));
    assert.throws(() => StudyFolder.open(dir, 'study'), /x: in use by another campus study \(process 1 on another-node/);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, hourAgo, hourAgo);
    StudyFolder.open(dir, 'study').release();
    // A live process here (this one): refused.
    writeFileSync(lock, owner(process.pid, hostname()));
    assert.throws(() => StudyFolder.open(dir, 'study'), /in use by another campus study \(process \d+, since/);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('an --out that is a file, a folder of other things, or a link is refused before anything is written', () => {
  const parent = scratch();
  try {
    writeFileSync(join(parent, 'file'), '');
    mkdirSync(join(parent, 'mine'));
    writeFileSync(join(parent, 'mine', 'thesis.tex'), '');
    const refuse = (out: string, message: RegExp) => {
      try {
        StudyFolder.open(out, 'study').release();
      } catch (e) {
        assert.instance(e, OutputError);
        assert.is((e as OutputError).exitCode, 2);
        assert.match((e as Error).message, message);
        return;
      }
      assert.unreachable(`${out} accepted`);
    };
    refuse(join(parent, 'file'), /file: is a file, not a folder/);
    refuse(join(parent, 'file', 'sub'), /file is a file, not a folder/);
    refuse(join(parent, 'mine'), /holds other files \(thesis\.tex\) and no study/);
    assert.equal(readdirSync(parent).sort(), ['file', 'mine']);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('campus report reads only a whole folder: an unfinished study, a shard, or a mixture of two runs is refused', async () => {
  const a = scratch(), b = scratch(), shard = join(scratch(), 's');
  try {
    await runStudy(SCENARIO, { outDir: a, workers: 1 });
    await runStudy(SCENARIO, { outDir: b, workers: 1, seed: 6 });
    await runStudy(SCENARIO, { outDir: shard, workers: 1, shard: '0/2' });
    assert.is(readWholeStudy(a).summary.seed, 5);
    assert.throws(() => readWholeStudy(shard), /is shard 0\/2 of a study: merge the shards first/);
    // Another run's rows, then its summary too, beside this run's state.
    copyFileSync(join(b, 'replications.csv'), join(a, 'replications.csv'));
    assert.throws(() => readWholeStudy(a), /is not consistent: replications\.csv is not what its saved state gives/);
    copyFileSync(join(b, 'summary.json'), join(a, 'summary.json'));
    assert.throws(() => readWholeStudy(a), /mixes two studies: summary\.json's seed is 6 but state\/plan\.json says 5/);
    rmSync(join(a, 'manifest.json'));
    copyFileSync(join(a, 'state', 'plan.json'), join(b, 'state', 'plan.json'));
    assert.throws(() => readWholeStudy(b), /belongs to another study/);
    assert.ok(existsSync(join(b, 'summary.json')));
  } finally {
    for (const d of [a, b, join(shard, '..')]) rmSync(d, { recursive: true, force: true });
  }
});

test.run();
