/**
 * Mistakes a user can make (a bad scenario file, a bad flag) print one clear message and exit 2;
 * anything else is a bug and keeps its stack trace.
 */
import { ScenarioError } from '../scenario/scenario-error.js';
import { StudyError } from '../study/study-error.js';

export const EXIT_USER_ERROR = 2;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function isUserError(e: unknown): e is Error {
  return e instanceof ScenarioError || e instanceof StudyError || e instanceof UsageError;
}

/** Runs a command body, turning user errors into a message and exit code 2. */
export async function reportErrors(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`campus: ${e.message}\n`);
      process.exitCode = EXIT_USER_ERROR;
      return;
    }
    throw e;
  }
}
