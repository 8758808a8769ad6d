/**
 * Studies that survive being killed. Real `campus study` processes are stopped with SIGKILL,
 * SIGTERM, SIGINT and a double SIGINT at seeded-random moments — counted in chunks saved, so the
 * moment falls inside the run however loaded the machine is — and during the final write; then the
 * study is resumed and its summary, rows and bands must be byte-identical to an uninterrupted run.
 * Every kill leaves the target folder whole or absent, and the finished chunks in `.partial`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { shellQuote } from '../cluster/shell-quote.js';
import { randomStream } from '../core/stream.js';
import { loadScenario } from '../scenario/load.js';
import { OutputError } from '../study/output-error.js';
import { runStudy } from '../study/study.js';
import { readWholeStudy } from '../study/whole-study.js';

/** A small study whose replications take ~10 ms each: 60 chunks of one on two workers. */
export const FAULT_SCENARIO = `name: faults
horizon: { start: 2026-01-01, years: 2 }
study: { replications: 60, seed: 3, baseline: small }
inputs: { decline: 'uniform(0.05, 0.3)' }
market:
  btc: { model: gbm, price: 90000 USD, volatility: 'uniform(0.4, 0.6)' }
network: { hashrate: 1050 EH/s, difficulty: 148.26e12, height: 1000000 }
site: { grid: 200 MW, powerPrice: 45 USD/MWh }
mining: { asic: { hashrate: 200 TH/s, power: 3500 W }, capacity: 70 MW }
variants:
  small: {}
  big: { mining: { capacity: 150 MW } }
  hall:
    gpuCloud:
      it: 0.5 MW
      reserved: { share: 0.5, price: 2 USD/GPU/h }
      training: { jobsPerYear: 300, gpus: { values: [8, 16], probabilities: [0.5, 0.5] }, price: '2.5 * (1 - decline)^years USD/GPU/h' }
`;

const DATA = ['summary.json', 'replications.csv', 'bands.csv'];
const SEED = 20; // of the kill moments: change it to try others; failures print it

const root = mkdtempSync(join(tmpdir(), 'campus-faults-'));
const scenarioFile = join(root, 'faults.yaml');
writeFileSync(scenarioFile, FAULT_SCENARIO);
const reference = join(root, 'reference');

/** The CLI in a process of its own (no npx or tsx wrapper between us and it: signals reach it). */
function campus(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Resolves once `ready()` holds (polled every 5 ms), or when the process has ended. */
async function when(ready: () => boolean, child: ChildProcess): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    if (ready()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

const chunksSaved = (out: string): number => {
  try {
    return readdirSync(join(`${out}.partial`, 'state', 'chunks')).filter((n) => n.endsWith('.chunk')).length;
  } catch {
    return 0;
  }
};
const finalWriteStarted = (out: string) => () => readdirSync(root).some((n) => n.startsWith(`.${out.split('/').pop()}.tmp-`));

const same = (a: string, b: string, note: string) => {
  for (const f of DATA) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs from an uninterrupted run (${note})`);
};

test.before(async () => {
  await runStudy(loadScenario(scenarioFile), { outDir: reference, workers: 1 });
});

test.after(() => rmSync(root, { recursive: true, force: true }));

test('killed at random moments (SIGKILL, SIGTERM, SIGINT, Ctrl-C twice, SIGKILL in the final write), every study resumes to the same bytes', async () => {
  const rng = randomStream(SEED, 0, 'fault-moments');
  const cases: Array<{ name: string; signals: NodeJS.Signals[]; at: 'chunks' | 'final' }> = [
    { name: 'sigkill', signals: ['SIGKILL'], at: 'chunks' },
    { name: 'sigterm', signals: ['SIGTERM'], at: 'chunks' },
    { name: 'sigint', signals: ['SIGINT'], at: 'chunks' },
    { name: 'sigint-twice', signals: ['SIGINT', 'SIGINT'], at: 'chunks' },
    { name: 'sigkill-final', signals: ['SIGKILL'], at: 'final' },
  ];
  const runs = cases.map(async ({ name, signals, at }) => {
    const out = join(root, name);
    // Seeded moment: after 1–30 of the 60 chunks are saved, then 0–20 ms more.
    const afterChunks = 1 + Math.floor(rng.next() * 30), extraMs = Math.floor(rng.next() * 20);
    const note = `${name}, seed ${SEED}: after ${afterChunks} chunks + ${extraMs} ms`;
    const { child, done } = campus(['study', scenarioFile, '--out', out, '--workers', '2', '--quiet']);
    const caught = await when(at === 'final' ? finalWriteStarted(out) : () => chunksSaved(out) >= afterChunks, child);
    await new Promise((r) => setTimeout(r, at === 'final' ? 0 : extraMs));
    for (const [i, s] of signals.entries()) {
      if (i > 0) await new Promise((r) => setTimeout(r, 30));
      child.kill(s);
    }
    const r = await done;
    const interrupted = caught && r.code !== 0;
    if (interrupted) {
      // Whole or absent: a folder at `out` is never left half-written.
      if (existsSync(out)) readWholeStudy(out);
      if (signals[0] !== 'SIGKILL') {
        assert.is(r.code, signals[0] === 'SIGTERM' ? 143 : 130, `${note}: ${r.stderr}`);
        assert.not.match(r.stderr, /\n\s+at /, `${note}: no stack trace`);
      }
      assert.ok(existsSync(join(`${out}.partial`, 'state', 'plan.json')), `${note}: the finished chunks are kept`);
      if (signals.length === 1 && signals[0] !== 'SIGKILL') {
        const manifest = JSON.parse(readFileSync(join(`${out}.partial`, 'manifest.json'), 'utf8'));
        assert.is(manifest.partial, true, note);
      }
      const resumed = await runStudy(loadScenario(scenarioFile), { outDir: out, resume: true, workers: 2 });
      assert.ok(resumed.complete, note);
    }
    same(reference, out, note);
    assert.not.ok(existsSync(`${out}.partial`), `${note}: nothing left behind once whole`);
    return interrupted;
  });
  const interrupted = await Promise.all(runs);
  // The moments are counted in saved chunks, so on any machine the signals land while the study runs.
  assert.ok(interrupted.filter(Boolean).length >= 4, `interrupted: ${cases.map((c, i) => `${c.name} ${interrupted[i]}`).join(', ')}`);
});

test('a second study into a folder in use is refused; the first carries on', async () => {
  const out = join(root, 'busy');
  const scenario = loadScenario(scenarioFile);
  let second: unknown;
  const first = runStudy(scenario, {
    outDir: out,
    workers: 1,
    onPlanned: () => {
      // The first holds the folder from before its first replication to after its swap.
      second = runStudy(scenario, { outDir: out, workers: 1 }).catch((e: unknown) => e);
    },
  });
  assert.ok((await first).complete);
  const refused = await second;
  assert.instance(refused, OutputError);
  assert.match((refused as Error).message, /busy: in use by another campus study \(process \d+, since .*\); wait for it to end/);
  same(reference, out, 'the first study');
});

/** Can this machine mount a tmpfs for us (as root, or in a user namespace)? */
function tmpfsAvailable(): boolean {
  const probe = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', root], { encoding: 'utf8' });
  return probe.status === 0;
}

test('a full disk: found before the first replication when it is already full, a one-line error when it fills during the run, and the saved chunks resume to the same bytes', async () => {
  const logs = join(root, 'disk');
  mkdirSync(logs);
  if (tmpfsAvailable()) {
    // Small tmpfs mounts in a mount namespace of our own: 1 MB (full before the start), 24 MB
    // (filled by another file during the run) and a read-only one. One process runs the three
    // studies with the CLI's own handler (command-runner), while the shell fills the second disk.
    const [small, big, ro] = ['small', 'big', 'ro'].map((m) => join(logs, m));
    const jobs = [small, big, ro].map((m) => ({ command: 'study', args: { file: scenarioFile, out: join(m, 'study'), workers: '1', quiet: true } }));
    const script = `
      mkdir -p ${[small, big, ro].map(shellQuote).join(' ')}
      mount -t tmpfs -o size=1m tmpfs ${shellQuote(small)} && mount -t tmpfs -o size=24m tmpfs ${shellQuote(big)} && mount -t tmpfs -o ro,size=1m tmpfs ${shellQuote(ro)} || exit 99
      ${shellQuote(process.execPath)} --import tsx sim/cli/command-runner.test-support.ts ${shellQuote(JSON.stringify(jobs))} > ${shellQuote(join(logs, 'results'))} 2>/dev/null &
      P=$!
      until ls ${shellQuote(join(big, 'study.partial/state/chunks'))} 2>/dev/null | grep -q chunk; do kill -0 $P 2>/dev/null || break; sleep 0.01; done
      dd if=/dev/zero of=${shellQuote(join(big, 'filler'))} bs=64k 2>/dev/null
      wait $P
      ls -A ${shellQuote(small)} > ${shellQuote(join(logs, 'small-left'))}
      cp -r ${shellQuote(join(big, 'study.partial'))} ${shellQuote(join(logs, 'study.partial'))}
    `;
    const r = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const [full, filled, readOnly] = readFileSync(join(logs, 'results'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // Full before the start: refused before any replication, nothing left behind.
    assert.is(full.code, 1, full.stderr);
    assert.match(full.stderr, /^campus: .*small: only [\d.]+ MB free on its disk; this study needs about [\d.]+ MB/);
    assert.is(full.stdout, '', 'no replication ran');
    assert.is(readFileSync(join(logs, 'small-left'), 'utf8'), '');
    // Filled during the run: one line naming the path and the reason, and what was saved.
    assert.is(filled.code, 1, filled.stderr);
    const lines = filled.stderr.trim().split('\n');
    assert.is(lines.length, 1, filled.stderr);
    assert.match(lines[0], /^campus: .*big\/.*: cannot .*: no space left on the disk \(ENOSPC\)/);
    assert.not.match(filled.stderr, /\n\s+at /);
    // Read-only: a bad --out, exit 2, before any work.
    assert.is(readOnly.code, 2, readOnly.stderr);
    assert.match(readOnly.stderr, /read-only file system \(EROFS\)/);
  } else {
    // No tmpfs here: a file-size limit (RLIMIT_FSIZE) makes the final write fail the same way (EFBIG).
    const r = spawnSync('prlimit', [`--fsize=${100 * 1024}`, process.execPath, '--import', 'tsx', 'sim/cli/main.ts', 'study', scenarioFile, '--out', join(logs, 'study'), '--workers', '1', '--quiet'], { encoding: 'utf8' });
    assert.is(r.status, 1, r.stderr);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /file too large .* \(EFBIG\)/);
    assert.not.ok(existsSync(join(logs, 'study')), 'no half-written folder');
  }
  // Room made again: the chunks saved before the disk filled continue to the same bytes.
  const resumed = await runStudy(loadScenario(scenarioFile), { outDir: join(logs, 'study'), resume: true, workers: 1 });
  assert.ok(resumed.complete);
  same(reference, join(logs, 'study'), 'resumed after a full disk');
});

test.run();
