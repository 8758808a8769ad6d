/** Flag parsing shared by the commands; range checks stay with the code that knows the range. */
import { UsageError } from './user-error.js';

/** A whole-number flag, or undefined when not given. */
export function wholeNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}
