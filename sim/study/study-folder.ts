/**
 * An output folder that is whole or absent. A study, a merge or a redraw writes its files into a
 * fresh temporary folder beside the target and swaps it in at the end, so `out/x` is always either
 * the previous whole result or the new whole result — never a mixture of two runs, never half a
 * chart set — and at worst, for an instant, absent.
 *
 *   out/.x.lock          who is writing out/x (one study or merge at a time)
 *   out/x.partial/       an unfinished study: its checkpoints, and what it had when it stopped
 *   out/.x.tmp-<pid>-<n> being written; swapped in when whole
 *   out/.x.old-<pid>-<n> the previous result, removed once the new one is in place
 *
 * Entries of the target the study does not write (a `shards/` folder of a Slurm layout, `run/`,
 * a note) are carried over into the new folder before the swap. A run that dies mid-swap is put
 * right by the next one to take the lock (`recover`).
 */
import { existsSync, linkSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FolderLock } from './lock.js';
import { ioReason } from '../core/read-bounded.js';
import { fsStep, OutputError } from './output-error.js';

/** What a study, a merge or a redraw writes in its folder; anything else in it is carried over. */
export const OWN_ENTRIES: ReadonlySet<string> = new Set(['summary.json', 'replications.csv', 'annual-cash-flows.csv', 'bands.csv', 'manifest.json', 'report.html', 'results.xlsx', 'charts', 'state']);
/** What the tool's other commands put in a study's folder: a folder holding only these may be written into. */
const TOOL_ENTRIES: ReadonlySet<string> = new Set(['run', 'slurm', 'shards']);
/** Written into a temporary folder when its swap begins: the target and the entries carried over. */
const SWAP_RECORD = '.campus-swap.json';

interface SwapRecord {
  target: string;
  carried: string[];
  old: string | null;
}

export class StudyFolder {
  /** The folder's path, absolute. */
  readonly dir: string;
  /** Where an unfinished study keeps its checkpoints. */
  readonly partial: string;
  private readonly parent: string;
  private readonly base: string;
  private readonly lock: FolderLock;
  private staged = 0;

  private constructor(dir: string, lock: FolderLock) {
    this.dir = dir;
    this.parent = dirname(dir);
    this.base = basename(dir);
    this.partial = `${dir}.partial`;
    this.lock = lock;
  }

  /**
   * Checks `outDir` can hold a study, before any work: its parent is (or can be made) a folder we
   * can write, it is a folder or absent, it holds nothing but a study's files, and the disk has
   * `needBytes` free. Then locks it and puts right what a killed run left.
   */
  static open(outDir: string, command: string, needBytes = 0): StudyFolder {
    const dir = resolve(outDir);
    if (basename(dir) === '' || dir === dirname(dir)) throw new OutputError(outDir, 'is the root of the file system', 2);
    const parent = dirname(dir);
    const file = fileOnPath(parent);
    if (file) throw new OutputError(outDir, `${file} is a file, not a folder`, 2);
    fsStep(parent, 'create the folder', () => mkdirSync(parent, { recursive: true }), 2);
    const stat = lstatOrUndefined(dir);
    if (stat?.isSymbolicLink()) throw new OutputError(outDir, 'is a symbolic link; name the folder it points to', 2);
    if (stat && !stat.isDirectory()) throw new OutputError(outDir, 'is a file, not a folder', 2);
    if (stat) {
      const entries = fsStep(dir, 'list it', () => readdirSync(dir));
      const foreign = entries.filter((e) => !OWN_ENTRIES.has(e) && !TOOL_ENTRIES.has(e));
      if (foreign.length > 0 && !isStudyFolder(dir)) {
        throw new OutputError(outDir, `holds other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}) and no study; a study is written into a new or empty folder, or over one it wrote`, 2);
      }
    }
    const lock = FolderLock.take(join(parent, `.${basename(dir)}.lock`), outDir, command);
    const folder = new StudyFolder(dir, lock);
    try {
      folder.recover();
      folder.checkSpace(needBytes);
    } catch (e) {
      lock.release();
      throw e;
    }
    return folder;
  }

  /** Opens `outDir` (see `open`), runs `body` with it, and releases it whatever happens. */
  static async with<T>(outDir: string, command: string, body: (folder: StudyFolder) => Promise<T>, needBytes = 0): Promise<T> {
    const folder = StudyFolder.open(outDir, command, needBytes);
    try {
      return await body(folder);
    } finally {
      folder.release();
    }
  }

  /**
   * Makes a new folder at `target` (this.dir or this.partial): `fill` writes it into a fresh
   * temporary folder, which is then swapped in. If `fill` or the swap fails, nothing of it is left.
   */
  async replace<T>(target: string, fill: (temp: string) => Promise<T>): Promise<T> {
    const temp = this.stage();
    try {
      const result = await fill(temp);
      this.commit(temp, target);
      return result;
    } finally {
      rmSync(temp, { recursive: true, force: true }); // gone already when swapped in
    }
  }

  /** A fresh, empty temporary folder beside the target, on the same file system (so the swap is a rename). */
  private stage(): string {
    const temp = join(this.parent, `.${this.base}.tmp-${process.pid}-${++this.staged}`);
    fsStep(temp, 'create a temporary folder', () => mkdirSync(temp));
    return temp;
  }

  /**
   * Makes `temp` the folder at `target` (this.dir or this.partial): entries of the old folder that
   * the study does not write move over first, then the old folder is renamed away, the new one
   * renamed in, and the old one removed.
   */
  private commit(temp: string, target: string): void {
    const old = existsSync(target) ? join(this.parent, `.${basename(target)}.old-${process.pid}-${++this.staged}`) : null;
    const carried = old ? fsStep(target, 'list it', () => readdirSync(target)).filter((e) => !OWN_ENTRIES.has(e)) : [];
    const record: SwapRecord = { target, carried, old };
    fsStep(temp, 'start the swap', () => writeFileSync(join(temp, SWAP_RECORD), JSON.stringify(record)));
    for (const entry of carried) fsStep(join(target, entry), 'move it into the new folder', () => renameSync(join(target, entry), join(temp, entry)));
    if (old) fsStep(target, 'move it aside', () => renameSync(target, old));
    fsStep(target, 'put the new folder in place', () => renameSync(temp, target));
    rmSync(join(target, SWAP_RECORD), { force: true });
    if (old) rmSync(old, { recursive: true, force: true });
  }

  /** Removes the unfinished study's folder (its work is in the whole folder now, or abandoned). */
  removePartial(): void {
    rmSync(this.partial, { recursive: true, force: true });
  }

  release(): void {
    this.lock.release();
  }

  /**
   * Puts right what a run killed mid-write left, under the lock: a temporary folder not yet being
   * swapped is removed; one caught mid-swap gets its carried entries moved back, the old folder
   * returned to its place if the new one never arrived, and is then removed.
   */
  private recover(): void {
    const prefix = `.${this.base}.`;
    const leftovers = readdirSync(this.parent).filter((e) => e.startsWith(prefix) && /\.(tmp|old)-\d+-\d+$/.test(e));
    for (const name of leftovers.filter((e) => /\.tmp-/.test(e))) {
      const temp = join(this.parent, name);
      const record = readRecord(join(temp, SWAP_RECORD));
      if (record) {
        if (!existsSync(record.target) && record.old && existsSync(record.old)) renameSync(record.old, record.target);
        for (const entry of record.carried) {
          if (existsSync(join(temp, entry)) && !existsSync(join(record.target, entry))) renameSync(join(temp, entry), join(record.target, entry));
        }
      }
      rmSync(temp, { recursive: true, force: true });
    }
    for (const target of [this.dir, this.partial]) {
      // Swapped in, but killed before the record and the old folder were cleared away.
      const record = readRecord(join(target, SWAP_RECORD));
      if (record?.old && existsSync(target)) rmSync(record.old, { recursive: true, force: true });
      rmSync(join(target, SWAP_RECORD), { force: true });
    }
    for (const name of leftovers.filter((e) => /\.old-/.test(e))) {
      const old = join(this.parent, name);
      if (!existsSync(old)) continue;
      // An old folder whose successor never arrived goes back to its place.
      const target = name.startsWith(`.${basename(this.partial)}.old-`) ? this.partial : this.dir;
      if (!existsSync(target)) renameSync(old, target);
      else rmSync(old, { recursive: true, force: true });
    }
  }

  private checkSpace(needBytes: number): void {
    if (needBytes <= 0) return;
    let free: number;
    try {
      const s = statfsSync(this.parent);
      free = s.bavail * s.bsize;
    } catch {
      return; // a file system that cannot say: find out when writing
    }
    if (free < needBytes) {
      throw new OutputError(this.parent, `only ${mb(free)} free on its disk; this study needs about ${mb(needBytes)} for its checkpoints and results`);
    }
  }
}

/** Hard-links (or, across devices, copies) `from` to `to`: files in a study folder are replaced, never changed in place, so a link is a copy. */
export function linkOrCopy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Does `dir` hold a study this tool wrote (its state, or a manifest)? */
export function isStudyFolder(dir: string): boolean {
  return existsSync(join(dir, 'state', 'plan.json')) || existsSync(join(dir, 'manifest.json'));
}

function readRecord(file: string): SwapRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SwapRecord;
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OutputError(path, `cannot look at it: ${ioReason(e)}`, 2);
  }
}

/** The first part of `path` that exists and is not a folder, if any (mkdir -p would fail on it). */
function fileOnPath(path: string): string | undefined {
  for (let p = path; ; p = dirname(p)) {
    const stat = lstatOrUndefined(p);
    if (stat) return stat.isDirectory() || stat.isSymbolicLink() ? undefined : p;
    if (dirname(p) === p) return undefined;
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
