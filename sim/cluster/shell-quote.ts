/**
 * Quoting for the scripts we hand to a shell (bash, under sbatch): a word in single quotes is taken
 * literally by every POSIX shell, whatever it holds — spaces, `$`, backquotes, globs, newlines — and a
 * single quote inside is written as `'\''` (close, escaped quote, reopen).
 */

/** `word` as one shell word, taken literally. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word; // nothing the shell would read specially
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A command line of literal words. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
