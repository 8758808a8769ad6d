/**
 * One study or merge at a time per output folder: a lock file beside it, created exclusively and
 * holding the owner's process id and host, its time touched every HEARTBEAT_MS while held. A lock
 * is taken over when its owner is gone: on this host, when its process no longer runs; from
 * another host (a cluster node whose job was killed, so a requeued one can go on), when it has not
 * been touched for STALE_MS. Otherwise it is refused, naming the file to remove if that is wrong.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { ioReason } from '../core/read-bounded.js';
import { OutputError } from './output-error.js';

interface Owner {
  pid: number;
  host: string;
  since: string;
  command: string;
}

/** How often a held lock is touched, and how long untouched before it counts as abandoned. */
const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;

export class FolderLock {
  private released = false;
  private readonly onExit = (): void => this.release();
  private readonly beat: NodeJS.Timeout;

  private constructor(readonly file: string) {
    // An exit in the middle (a second Ctrl-C) still frees the folder.
    process.on('exit', this.onExit);
    this.beat = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        // removed under us: the next taker will see no lock, which is what it would have made of a stale one
      }
    }, HEARTBEAT_MS).unref();
  }

  /** Takes the lock at `file` for `command`, or throws an OutputError naming who holds it. */
  static take(file: string, folder: string, command: string): FolderLock {
    for (let attempt = 0; attempt < 2; attempt++) {
      let fd: number;
      try {
        fd = openSync(file, 'wx');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(folder, `cannot lock it (${file}): ${ioReason(e)}`, 2);
        const owner = readOwner(file);
        // Here a process id says it all; another host's process we can only judge by its heartbeat.
        const held = owner && (owner.host === hostname() ? alive(owner.pid) : Date.now() - mtimeMs(file) < STALE_MS);
        if (owner && held) {
          const where = owner.host === hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
          throw new OutputError(folder, `in use by another campus ${owner.command} (${where}, since ${owner.since}); wait for it to end, or remove ${file} if it is no longer running`);
        }
        // Its owner is gone (or the file is unreadable half-written junk): take it over.
        rmSync(file, { force: true });
        continue;
      }
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), command } satisfies Owner) + '\n');
      } finally {
        closeSync(fd);
      }
      return new FolderLock(file);
    }
    throw new OutputError(folder, `cannot lock it: ${file} keeps coming back`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    clearInterval(this.beat);
    process.off('exit', this.onExit);
    rmSync(this.file, { force: true });
  }
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return Number.isSafeInteger(owner.pid) && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Is a process with this id running here? (EPERM: it runs, as someone else.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
