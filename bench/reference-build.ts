/**
 * The reference commit the gate measures the change against, built into a folder of its own.
 *
 * By default the reference is the commit before the one being checked: HEAD's first parent — on a
 * merge, the branch it was merged into — or HEAD itself when tracked files have uncommitted changes
 * (then the working tree is the change). `--against REF` names another.
 *
 * The build: `git archive REF` unpacked into out/bench/reference-<hash>/, its packages (a link to
 * this checkout's node_modules when the lock files are identical, else `npm ci`), and its own
 * `npm run build`. A finished build is marked and reused by later runs (a commit never changes).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFile, packageRoot } from '../sim/package-files.js';

/** The gate cannot run: no reference to compare with (a shallow clone, not a git checkout…). */
export class GateSkipped extends Error {
  override name = 'GateSkipped';
}

/** A reference named by the user that git does not know, or a build that failed. */
export class ReferenceError extends Error {
  override name = 'ReferenceError';
}

export interface ReferenceCommit {
  /** The full hash. */
  hash: string;
  /** What was asked for and why it is this commit, for the output. */
  why: string;
}

const git = (args: string[]) => execFileSync('git', args, { cwd: packageRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const tryGit = (args: string[]): string | undefined => {
  try {
    return git(args);
  } catch {
    return undefined;
  }
};
const commitOf = (rev: string) => tryGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);

/** Whether tracked files differ from HEAD. */
export function workingTreeChanged(): boolean {
  return git(['status', '--porcelain', '--untracked-files=no']) !== '';
}

/** The commit to compare with: `against` when given, else the default described above. */
export function resolveReference(against?: string): ReferenceCommit {
  if (tryGit(['rev-parse', '--git-dir']) === undefined) throw new GateSkipped('this is not a git checkout, so there is no earlier commit to compare with');
  if (against !== undefined) {
    const hash = commitOf(against);
    if (!hash) throw new ReferenceError(`--against ${against}: git knows no such commit here`);
    return { hash, why: `${against}, as asked (--against)` };
  }
  if (workingTreeChanged()) return { hash: commitOf('HEAD')!, why: 'HEAD: the working tree has uncommitted changes, and they are the change' };
  let parent = commitOf('HEAD^1');
  if (!parent && tryGit(['rev-parse', '--is-shallow-repository']) === 'true') {
    // A shallow clone stops at HEAD: fetch the one commit before it when a remote is reachable.
    tryGit(['fetch', '--quiet', '--deepen=1']);
    parent = commitOf('HEAD^1');
    if (!parent) throw new GateSkipped('this clone is shallow and its parent commit could not be fetched (git fetch --deepen=1 failed)');
  }
  if (!parent) throw new GateSkipped('HEAD is the first commit: there is no earlier commit to compare with');
  return { hash: parent, why: "HEAD's first parent: the commit before the one being checked" };
}

/** Whether `ancestor` is `descendant` or one of its ancestors; false when git does not know either. */
export function isAncestor(ancestor: string, descendant: string): boolean {
  return tryGit(['merge-base', '--is-ancestor', ancestor, descendant]) !== undefined;
}

/** The folder with the reference's build (dist/bench/child.js inside), building it when needed. */
export function buildReference(ref: ReferenceCommit, say: (line: string) => void): string {
  const root = packageFile(join('out', 'bench', `reference-${ref.hash.slice(0, 12)}`));
  const marker = join(root, '.built');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === ref.hash) return root;
  const t0 = performance.now();
  const building = `${root}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    execFileSync('tar', ['-x', '-C', building], { input: execFileSync('git', ['archive', '--format=tar', ref.hash], { cwd: packageRoot, maxBuffer: 1 << 30 }) });
    const sameLock = git(['show', `${ref.hash}:package-lock.json`]) === readFileSync(packageFile('package-lock.json'), 'utf8').trim();
    if (sameLock) symlinkSync(packageFile('node_modules'), join(building, 'node_modules'), 'dir');
    else {
      say(`  its package-lock.json differs from this checkout's: npm ci in ${building}`);
      run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], building);
    }
    run('npm', ['run', 'build', '--silent'], building);
    writeFileSync(join(building, '.built'), `${ref.hash}\n`);
    rmSync(root, { recursive: true, force: true });
    renameSync(building, root);
  } catch (e) {
    rmSync(building, { recursive: true, force: true });
    throw new ReferenceError(`could not build ${ref.hash.slice(0, 12)}: ${(e as Error).message.split('\n')[0]}`);
  }
  say(`  built ${ref.hash.slice(0, 12)} in ${root} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return root;
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}
