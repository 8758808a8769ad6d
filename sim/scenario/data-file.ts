/**
 * Data files a scenario names (a weather CSV, a price history): found relative to the scenario
 * file, kept inside its folder, read within a size limit, and blamed on the key that names them.
 *
 * Inside the folder: a scenario is meant to be safe to load from someone else, and one that could
 * name `/etc/shadow` or `../../.ssh/id_rsa` as its weather would have this tool read the file and
 * quote its first cell back in a message. Links are followed before the check, so a link pointing
 * out of the folder is refused as well.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { echo } from '../core/echo.js';
import { FileReadError, ioReason, MiB, readTextFile } from '../core/read-bounded.js';
import type { ScenarioReader } from './reader.js';
import { ScenarioError } from './scenario-error.js';
import type { KeyPath } from './source.js';

/** The largest data file a scenario may name: an hourly weather CSV of a 50-year horizon is ~20 MB. */
export const MAX_DATA_FILE_BYTES = 64 * MiB;
/** A price history: month-end closes since 2010 are ~5 kB; daily closes for a century would be ~1 MB. */
export const MAX_HISTORY_BYTES = 4 * MiB;

export interface DataFile {
  /** Absolute path. */
  readonly file: string;
  /** The path as messages show it: relative to the working folder when that is shorter. */
  readonly shown: string;
  readonly text: string;
}

/**
 * Reads a data file named outside a scenario (a command's flag, a caller's path), bounded like every
 * file a user names — it could be /dev/zero, a FIFO or a folder — or throws a ScenarioError naming it.
 */
export function readNamedDataFile(file: string, maxBytes: number): string {
  try {
    return readTextFile(file, maxBytes);
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    throw new ScenarioError(file, e.line ?? 0, e.column ?? 0, '', e.problem);
  }
}

/** Reads the file named at `at` (a string key), or fails at that key saying why. */
export function readDataFile(r: ScenarioReader, at: KeyPath, maxBytes = MAX_DATA_FILE_BYTES): DataFile {
  const name = r.string(at);
  const expected = "a file in the scenario's folder or below it, named relative to the scenario";
  if (name.trim() === '') r.fail(at, 'the file name is empty', expected);
  if (name.includes('\0')) r.fail(at, 'the file name holds a NUL character', expected);
  if (isAbsolute(name)) r.fail(at, `'${echo(name)}' is an absolute path`, expected);
  const folder = dirname(resolve(r.src.file));
  const file = resolve(folder, name);
  if (escapes(folder, file)) r.fail(at, `'${echo(name)}' is outside the scenario's folder`, expected);
  const shown = display(file);
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    r.fail(at, new FileReadError(shown, `cannot read it: ${ioReason(e)}`).message, expected);
  }
  if (escapes(safeRealpath(folder), real)) r.fail(at, `'${echo(name)}' leads out of the scenario's folder (through a symbolic link)`, expected);
  try {
    return { file, shown, text: readTextFile(real, maxBytes) };
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    r.fail(at, new FileReadError(shown, e.problem, e.line, e.column).message);
  }
}

/**
 * Runs `parse` on a data file's text, turning a ScenarioError it throws about the file (at a line
 * and column of the CSV) into one at the scenario's key, with the file's own position inside it:
 * `scenario.yaml:40:5: site.weather.csv: weather.csv:3:1: hour: gap: hour 1 missing; expected …`.
 */
export function parseDataFile<T>(r: ScenarioReader, at: KeyPath, data: DataFile, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ScenarioError && e.file === data.file) r.fail(at, e.message.replace(data.file, data.shown));
    throw e;
  }
}

const escapes = (folder: string, file: string) => {
  const rel = relative(folder, file);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
};

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && rel.length < file.length ? rel : file;
}
