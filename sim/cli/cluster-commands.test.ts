import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';

const campus = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'sim/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

function inTempDir(body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'campus-cluster-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A stand-in sbatch on PATH: logs its arguments, prints `--parsable` job ids 101, 102, … (or fails). */
function fakeSbatch(dir: string, behaviour: 'accept' | 'refuse'): { env: Record<string, string>; calls: () => string[] } {
  const log = join(dir, 'sbatch.log');
  const body = behaviour === 'accept'
    ? `echo "$*" >> '${log}'\necho "$((100 + $(wc -l < '${log}')));cluster0"\n`
    : `echo "sbatch: error: invalid partition specified: nope" >&2\nexit 1\n`;
  writeFileSync(join(dir, 'sbatch'), `#!/bin/sh\n${body}`);
  chmodSync(join(dir, 'sbatch'), 0o755);
  return { env: { PATH: `${dir}:${process.env.PATH}` }, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

test('campus slurm --submit submits the array, then the merge with afterok on the array job, and says how to re-run a shard', () => {
  inTempDir((dir) => {
    const sbatch = fakeSbatch(dir, 'accept');
    const out = join(dir, 'my study');
    const r = campus(['slurm', 'scenarios/capital-raise.yaml', '--shards', '4', '-n', '40', '--seed', '7', '--out', out, '--submit'], sbatch.env);
    assert.is(r.status, 0, r.stderr);
    const shardsScript = join(out, 'slurm', 'shards.sbatch'), mergeScript = join(out, 'slurm', 'merge.sbatch');
    assert.equal(sbatch.calls(), [`--parsable ${shardsScript}`, `--parsable --dependency=afterok:101 ${mergeScript}`]);
    assert.match(r.stdout, /array job 101 and the merge as job 102/);
    assert.match(r.stdout, /sbatch --parsable --array=K '[^']*\/my study\/slurm\/shards\.sbatch'/);
    assert.match(readFileSync(shardsScript, 'utf8'), /--shard "\$shard\/4" --replications 40 --seed 7/);
    assert.ok(existsSync(join(out, 'slurm', 'logs')), 'Slurm needs the log folder to exist');
  });
});

test('campus slurm without --submit writes the scripts and prints the submit line, submitting nothing', () => {
  inTempDir((dir) => {
    const sbatch = fakeSbatch(dir, 'accept');
    const r = campus(['slurm', 'scenarios/capital-raise.yaml', '--shards', '2', '-n', '10', '--out', join(dir, 'o')], sbatch.env);
    assert.is(r.status, 0, r.stderr);
    assert.equal(sbatch.calls(), []);
    assert.match(r.stdout, /jobid=\$\(sbatch --parsable \S+shards\.sbatch\) && sbatch --dependency=afterok:\$\{jobid%%;\*\} \S+merge\.sbatch/);
  });
});

test('campus slurm refuses bad input with one line and exit 2, writing nothing', () => {
  inTempDir((dir) => {
    const out = join(dir, 'o');
    const cases: Array<[string[], RegExp]> = [
      [['--shards', '0'], /--shards must be a whole number ≥ 1, got 0/],
      [['--shards', 'four'], /--shards must be a whole number, got 'four'/],
      [['--shards', '41', '-n', '40'], /--shards 41 is more than the 40 replications/],
      [['--shards', '4', '--time', 'soon'], /--time must be a Slurm time limit/],
      [['--shards', '4', '--cpus', '0'], /--cpus must be a whole number from 1 to 256, got 0/],
    ];
    for (const [flags, message] of cases) {
      const r = campus(['slurm', 'scenarios/capital-raise.yaml', '--out', out, ...flags]);
      assert.is(r.status, 2, flags.join(' '));
      assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.not.ok(existsSync(out), flags.join(' '));
    }
  });
});

test('when sbatch refuses, campus slurm passes on its reason with exit 2', () => {
  inTempDir((dir) => {
    const r = campus(['slurm', 'scenarios/capital-raise.yaml', '--shards', '2', '-n', '10', '--out', join(dir, 'o'), '--submit'], fakeSbatch(dir, 'refuse').env);
    assert.is(r.status, 2);
    assert.match(r.stderr, /sbatch refused \S+shards\.sbatch: sbatch: error: invalid partition specified: nope/);
    assert.not.match(r.stderr, /\n\s+at /);
  });
});

test('campus k8s prints a YAML stream for kubectl apply, and refuses --shards 0', () => {
  const r = campus(['k8s', 'scenarios/capital-raise.yaml', '--shards', '3', '-n', '30']);
  assert.is(r.status, 0, r.stderr);
  const docs = parseAllDocuments(r.stdout);
  assert.ok(Array.isArray(docs));
  assert.equal(docs.map((d) => d.toJS().kind), ['ConfigMap', 'PersistentVolumeClaim', 'Job', 'Job']);
  const bad = campus(['k8s', 'scenarios/capital-raise.yaml', '--shards', '0']);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--shards must be a whole number ≥ 1, got 0/);
  assert.is(bad.stdout, '');
});

test.run();
