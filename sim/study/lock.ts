/**
 * One study or merge at a time per output folder: a lock file beside it, created exclusively and
 * holding the owner's process id and host. A lock whose process is gone (killed, the machine
 * rebooted) is taken over; one held by a live process, or by another host, is refused with the
 * file to remove if that owner is in fact gone.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { OutputError } from './output-error.js';
import { ioReason } from '../core/read-bounded.js';

interface Owner {
  pid: number;
  host: string;
  since: string;
  command: string;
}

export class FolderLock {
  private released = false;
  private readonly onExit = (): void => this.release();

  private constructor(readonly file: string) {
    // An exit in the middle (a second Ctrl-C) still frees the folder.
    process.on('exit', this.onExit);
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
        if (owner && (owner.host !== hostname() || alive(owner.pid))) {
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
    process.off('exit', this.onExit);
    rmSync(this.file, { force: true });
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
