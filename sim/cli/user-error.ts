/**
 * What a user sees when a command cannot do what was asked: one line, `campus: …`, never a stack
 * trace. A mistake in the request (a bad scenario file, a bad flag, an --out that is a file) exits
 * 2; a machine that cannot do it (a full disk, a folder in use) exits 1. Anything else is a bug and
 * keeps its stack trace.
 */
import { oneLine } from '../core/echo.js';
import { FileReadError, ioReason } from '../core/read-bounded.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import { OutputError } from '../study/output-error.js';
import { StudyError } from '../study/study-error.js';

export const EXIT_USER_ERROR = 2;
export const EXIT_IO_ERROR = 1;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The one-line message and exit code for an error the user should see, or undefined for a bug. */
export function userFacing(e: unknown): { message: string; exitCode: number } | undefined {
  if (e instanceof ScenarioError || e instanceof StudyError || e instanceof UsageError) return { message: e.message, exitCode: EXIT_USER_ERROR };
  if (e instanceof OutputError) return { message: e.message, exitCode: e.exitCode };
  if (e instanceof FileReadError) return { message: e.message, exitCode: EXIT_USER_ERROR };
  // A file-system call that failed where no code expected it: still the path and the reason.
  const io = e as NodeJS.ErrnoException;
  if (io && typeof io.code === 'string' && typeof io.syscall === 'string') {
    return { message: `${io.path ? `${io.path}: ` : ''}cannot ${io.syscall}: ${ioReason(io)}`, exitCode: EXIT_IO_ERROR };
  }
  return undefined;
}

export function isUserError(e: unknown): e is Error {
  return userFacing(e) !== undefined;
}

/** Writes a message as one safe line (control characters escaped, long text cut) on stderr. */
export function tell(message: string): void {
  process.stderr.write(`campus: ${oneLine(message)}\n`);
}

/** Runs a command body, turning user errors into one line and their exit code. */
export async function reportErrors(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const facing = userFacing(e);
    if (!facing) throw e;
    tell(facing.message);
    process.exitCode = facing.exitCode;
  }
}
