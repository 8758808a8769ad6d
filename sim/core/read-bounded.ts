/**
 * Reads a file someone named — a scenario, a CSV it points at — within limits: regular files only
 * (a FIFO, a device such as /dev/zero or a terminal can block or never end, and a directory is not
 * a file), at most `maxBytes`, and as text only when it is UTF-8. Everything that can go wrong is a
 * FileReadError saying so in words, never a hang or a 2 GB string.
 *
 *   const text = readTextFile('weather.csv', 64 * MiB);
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export const MiB = 1 << 20;

/** Why a file could not be read: `problem` in words ("is a directory"); a position for bad text. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';

  constructor(
    readonly path: string,
    readonly problem: string,
    /** 1-based line and column of the first bad byte, for text that is not UTF-8. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${path}${line !== undefined ? `:${line}:${column}` : ''}: ${problem}`);
  }
}

/** What an open(2) or read(2) error means to someone who named the file. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
  ENXIO: 'is a socket or a device with nothing behind it, not a file',
  EMFILE: 'too many files open',
  EIO: 'input/output error',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for this process or file system',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  ENOTEMPTY: 'the folder is not empty',
  EXDEV: 'on another file system',
};

/** The reason of a file-system error in words, with its code: "no such file (ENOENT)". */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (!code) return (e as Error).message;
  return `${REASONS[code] ?? (e as Error).message.replace(/^[A-Z]+: /, '').replace(/,.*$/, '')} (${code})`;
}

/** The bytes of `path`, refusing anything but a regular file of at most `maxBytes`. */
export function readBoundedBytes(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw new FileReadError(path, `cannot read it: ${ioReason(e)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileReadError(path, `is ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new FileReadError(path, `is ${stat.size.toLocaleString('en-US')} bytes, more than the ${describeBytes(maxBytes)} allowed`);
    // A regular file can still grow while it is read, or report size 0 (/proc): read one byte past the cap to tell.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, Math.max(stat.size + 1 - total, 64 * 1024), MiB));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new FileReadError(path, `is more than the ${describeBytes(maxBytes)} allowed (it grew while being read, or never ends)`);
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw new FileReadError(path, `cannot read it: ${ioReason(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** The text of `path` (UTF-8, a byte-order mark dropped), within `maxBytes`. */
export function readTextFile(path: string, maxBytes: number): string {
  return decodeText(readBoundedBytes(path, maxBytes), path);
}

/**
 * UTF-8 bytes as text. UTF-16 (by its byte-order mark), a NUL byte (a binary file) or bytes that are
 * not UTF-8 are refused at the line and column of the first bad byte.
 */
export function decodeText(bytes: Uint8Array, path: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new FileReadError(path, 'is UTF-16 text; save it as UTF-8', 1, 1);
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const nul = body.indexOf(0);
  if (nul >= 0) throw new FileReadError(path, 'holds a NUL byte: it is a binary file, not text', ...position(body, nul));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new FileReadError(path, 'is not UTF-8 text (save it as UTF-8)', ...position(body, firstInvalidUtf8(body)));
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const x = b[i];
    const n = x < 0x80 ? 1 : x >= 0xc2 && x < 0xe0 ? 2 : x >= 0xe0 && x < 0xf0 ? 3 : x >= 0xf0 && x < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF (RFC 3629, section 4).
    if ((x === 0xe0 && b[i + 1] < 0xa0) || (x === 0xed && b[i + 1] >= 0xa0) || (x === 0xf0 && b[i + 1] < 0x90) || (x === 0xf4 && b[i + 1] >= 0x90)) return i;
    i += n;
  }
  return b.length;
}

/** 1-based line and column (in characters of the valid text before it) of byte `offset`. */
function position(b: Uint8Array, offset: number): [number, number] {
  const before = Buffer.from(b.subarray(0, offset)).toString('utf8');
  const lines = before.split('\n');
  return [lines.length, [...lines[lines.length - 1]].length + 1];
}

function kindOf(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** "1 MiB", "64 MiB", or bytes when not a whole number of MiB. */
export function describeBytes(n: number): string {
  return n % MiB === 0 ? `${n / MiB} MiB` : `${n.toLocaleString('en-US')} bytes`;
}
