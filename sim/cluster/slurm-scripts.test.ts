import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planClusterStudy } from './cluster-study.js';
import { shellCommand } from './shell-quote.js';
import { type SlurmOptions, slurmScripts } from './slurm-scripts.js';

const study = planClusterStudy({ file: 'scenarios/capital-raise.yaml', shards: 4, replications: 40, seed: 7 });

/**
 * Runs a generated script under bash with a stand-in for node that prints the arguments it was
 * given, NUL-separated: what the real node would have received, after the shell's quoting.
 */
function withFakeNode(body: (dir: string, options: SlurmOptions, run: (script: string, env?: Record<string, string>) => { argv: string[]; status: number | null; stderr: string }) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'campus slurm '));
  try {
    const node = join(dir, "bin dir/fake node");
    mkdirSync(join(dir, 'bin dir'));
    writeFileSync(node, '#!/bin/sh\nprintf \'%s\\0\' "$@"\n');
    chmodSync(node, 0o755);
    // Everything a path may hold that a shell would otherwise read: spaces, quotes, $, backquotes, globs.
    const outDir = join(dir, "it's a $HOME `x` * 100% study");
    const options: SlurmOptions = { outDir, launcher: { node, entry: join(dir, 'campus sim/dist/main.js') } };
    const run = (script: string, env: Record<string, string> = {}) => {
      const file = join(dir, 'script.sbatch');
      writeFileSync(file, script);
      const r = spawnSync('bash', [file], { encoding: 'utf8', env: { PATH: process.env.PATH!, ...env } });
      return { argv: r.stdout.split('\0').slice(0, -1), status: r.status, stderr: r.stderr };
    };
    body(dir, options, run);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the shards script is an array 0…N−1 whose task K runs campus study --shard K/N into shards/K, paths intact', () => {
  withFakeNode((_, options, run) => {
    const { shards } = slurmScripts(study, options);
    assert.match(shards, /^#SBATCH --array=0-3$/m);
    const { argv, status, stderr } = run(shards, { SLURM_ARRAY_TASK_ID: '2' });
    assert.is(status, 0, stderr);
    assert.equal(argv, [
      options.launcher.entry, 'study', study.scenarioFile,
      '--shard', '2/4', '--replications', '40', '--seed', '7', '--workers', '1',
      '--out', join(options.outDir, 'shards', '2'),
    ]);
  });
});

test('run outside an array task, the shards script stops with a message instead of running shard ""', () => {
  withFakeNode((_, options, run) => {
    const r = run(slurmScripts(study, options).shards);
    assert.is.not(r.status, 0);
    assert.equal(r.argv, []);
    assert.match(r.stderr, /submit this script with sbatch/);
  });
});

test('the merge script merges the shard folders that exist into the study folder, so merge can name the missing one', () => {
  withFakeNode((_, options, run) => {
    const { merge } = slurmScripts(study, options);
    const none = run(merge);
    assert.is(none.status, 2);
    assert.match(none.stderr, /no shard of this study has written its folder/);
    for (const k of [0, 1, 3]) {
      mkdirSync(join(options.outDir, 'shards', String(k), 'state'), { recursive: true });
      writeFileSync(join(options.outDir, 'shards', String(k), 'state', 'plan.json'), '{}');
    }
    const { argv, status, stderr } = run(merge);
    assert.is(status, 0, stderr);
    const shard = (k: number) => join(options.outDir, 'shards', String(k));
    assert.equal(argv, [options.launcher.entry, 'merge', shard(0), shard(1), shard(3), '--out', options.outDir]);
  });
});

test('#SBATCH lines: logs in the study folder (quoted, a literal % doubled), partition and time only when given', () => {
  const launcher = { node: '/usr/bin/node', entry: '/opt/campus/dist/sim/cli/main.js' };
  const plain = slurmScripts(study, { outDir: '/scratch/my study 50%', launcher });
  assert.match(plain.shards, /^#SBATCH --output="\/scratch\/my study 50%%\/slurm\/logs\/shard-%a\.%A\.out"$/m);
  assert.match(plain.merge, /^#SBATCH --output="\/scratch\/my study 50%%\/slurm\/logs\/merge\.%j\.out"$/m);
  assert.not.match(plain.shards + plain.merge, /--partition|--time/);
  assert.match(plain.shards, /^#SBATCH --cpus-per-task=1$/m);
  const placed = slurmScripts(study, { outDir: '/scratch/s', partition: 'batch,long', time: '1-12:00:00', launcher });
  for (const script of [placed.shards, placed.merge]) {
    assert.match(script, /^#SBATCH --partition=batch,long$/m);
    assert.match(script, /^#SBATCH --time=1-12:00:00$/m);
    // sbatch reads #SBATCH lines only before the first command
    const firstCommand = script.split('\n').findIndex((l) => l !== '' && !l.startsWith('#'));
    assert.ok(script.split('\n').slice(firstCommand).every((l) => !l.startsWith('#SBATCH')));
  }
});

test('options sbatch would misread are refused before anything is written', () => {
  const launcher = { node: '/usr/bin/node', entry: '/e.js' };
  const refused: Array<[Partial<SlurmOptions>, RegExp]> = [
    [{ time: '2 hours' }, /--time must be a Slurm time limit/],
    [{ time: '1:00\n#SBATCH --mem=1' }, /--time must be a Slurm time limit/],
    [{ partition: 'a b' }, /--partition must be a partition name/],
    [{ outDir: '/scratch/"quoted"' }, /double quote, backslash or newline/],
  ];
  for (const [o, message] of refused) {
    assert.throws(() => slurmScripts(study, { outDir: '/scratch/s', launcher, ...o }), message);
  }
});

test('a one-shard study is the array 0-0', () => {
  const one = planClusterStudy({ file: 'scenarios/capital-raise.yaml', shards: 1, replications: 4, seed: 1 });
  assert.match(slurmScripts(one, { outDir: '/s', launcher: { node: '/n', entry: '/e' } }).shards, /^#SBATCH --array=0-0$/m);
});

test('--shards must be a whole number from 1 to the replications', () => {
  assert.throws(() => planClusterStudy({ file: 'scenarios/capital-raise.yaml', shards: 0, replications: 40 }), /--shards must be a whole number ≥ 1, got 0/);
  assert.throws(() => planClusterStudy({ file: 'scenarios/capital-raise.yaml', shards: 41, replications: 40 }), /--shards 41 is more than the 40 replications/);
  assert.throws(() => planClusterStudy({ file: 'scenarios/capital-raise.yaml', shards: 2, replications: 1 }), /--replications must be an integer from 2 to 1,000,000/);
});

test('shell quoting keeps any word one literal word', () => {
  const words = ['plain', '', 'two words', "it's", '$HOME', '`id`', '*', 'a\nb', '~', '--x=1'];
  const r = spawnSync('bash', ['-c', `printf '%s\\0' ${shellCommand(words)}`], { encoding: 'utf8' });
  assert.equal(r.stdout.split('\0').slice(0, -1), words);
});

test.run();
