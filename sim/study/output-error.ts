/**
 * A study folder that cannot be written, read or used: the path and the reason in words, and the
 * exit code — 2 when the request itself is wrong (an --out that is a file), 1 when the machine is
 * (a full disk, a folder in use by another study).
 */
import { ioReason } from '../core/read-bounded.js';

export class OutputError extends Error {
  override readonly name = 'OutputError';

  constructor(
    readonly path: string,
    readonly problem: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** Runs a file-system step, turning its failure into an OutputError naming `path` and what was being done. */
export function fsStep<T>(path: string, doing: string, step: () => T, exitCode: 1 | 2 = 1): T {
  try {
    return step();
  } catch (e) {
    const error = asOutputError(e, path, doing);
    throw error === e ? e : new OutputError(error.path, error.problem, exitCode);
  }
}

/** A file-system failure while doing something to `path`, as an OutputError; anything else passes through unchanged. */
export function asOutputError(e: unknown, path: string, doing: string): OutputError {
  if (e instanceof OutputError) return e;
  if (!(e as NodeJS.ErrnoException).code) throw e;
  return new OutputError((e as NodeJS.ErrnoException).path ?? path, `cannot ${doing}: ${ioReason(e)}`);
}
