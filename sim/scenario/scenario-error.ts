/**
 * A mistake in a scenario file: where it is (file, line, column, key path), what is wrong and what
 * was expected. The CLI prints the message alone — no stack trace — and exits with code 2.
 */
import { echo, oneLine } from '../core/echo.js';

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** Dotted path of the offending key, e.g. `variants.balanced.site.grid`. */
    readonly keyPath: string,
    readonly problem: string,
    readonly expected?: string,
  ) {
    // Line 0 means the file itself (it could not be read): no position or key to point at.
    const where = line > 0 ? `${file}:${line}:${column}: ${keyPath ? echo(keyPath, 200) : '(top level)'}` : file;
    // One line, always: a multi-line expression or a library's message quoted in it is folded, and
    // anything a hostile file could put in it (escape sequences, megabytes of text) is defused.
    super(oneLine(`${where}: ${problem}${expected ? `; expected ${expected}` : ''}`));
  }
}
