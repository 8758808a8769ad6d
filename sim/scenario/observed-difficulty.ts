/**
 * Observed difficulty from a CSV, in either of two layouts (`#` comments and blank lines skipped):
 *
 *   date,height,difficulty                                   one row per observation; height may be empty
 *   first_height,last_height,bits,difficulty,approx_start_utc one row per retarget epoch (the shipped history)
 *
 * Rows must be in order of date, each difficulty a number > 0. Every mistake is a ScenarioError naming
 * file, line, column and the CSV column, which the CLI prints as one line (so the reader lives with
 * the scenario's, not in network/).
 */
import { type Cell, isDataLine, splitCells } from '../core/csv/cells.js';
import { MiB } from '../core/read-bounded.js';
import { RETARGET_INTERVAL_BLOCKS } from '../network/retarget.js';
import { parseIsoTimeMs } from '../site/calendar.js';
import { readNamedDataFile } from './data-file.js';
import { ScenarioError } from './scenario-error.js';

export const MS_PER_DAY = 86_400_000;

export interface ObservedDifficultyRow {
  /** 1-based line of the file. */
  readonly line: number;
  /** Days since 1970-01-01 (UTC); a date alone is its midnight. */
  readonly unixDay: number;
  readonly date: string;
  /** Height of the block the difficulty applies to; NaN when the file leaves it empty. */
  readonly height: number;
  readonly difficulty: number;
}

export interface ObservedDifficulty {
  readonly file: string;
  readonly rows: readonly ObservedDifficultyRow[];
}

const LAYOUTS = {
  dated: ['date', 'height', 'difficulty'],
  epochs: ['first_height', 'last_height', 'bits', 'difficulty', 'approx_start_utc'],
} as const;
const EXPECTED_HEADER = `the header '${LAYOUTS.dated.join(',')}' (or '${LAYOUTS.epochs.join(',')}')`;

export function readObservedDifficulty(file: string): ObservedDifficulty {
  return parseObservedDifficulty(readNamedDataFile(file, 16 * MiB), file);
}

export function parseObservedDifficulty(text: string, file: string): ObservedDifficulty {
  const rows: ObservedDifficultyRow[] = [];
  let columns: readonly string[] | undefined;
  const lines = text.split(/\r?\n/);
  let lastLine = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!isDataLine(lines[i])) continue;
    const lineNo = (lastLine = i + 1);
    const cells = splitCells(lines[i]);
    const fail = (cell: Cell, column: string, problem: string, expected?: string): never => {
      throw new ScenarioError(file, lineNo, cell.column, column, problem, expected);
    };
    if (!columns) {
      const names = cells.map((c) => c.text.toLowerCase()).join(',');
      columns = Object.values(LAYOUTS).find((l) => l.join(',') === names);
      if (!columns) fail(cells[0], 'header', `'${lines[i].trim()}' is not a header this reader knows`, EXPECTED_HEADER);
      continue;
    }
    if (cells.length !== columns.length) {
      fail(cells[Math.min(cells.length, columns.length) - 1], 'row', `has ${cells.length} cells, the header ${columns.length}`, 'one cell per column');
    }
    const cell = (name: string) => cells[columns!.indexOf(name)];
    const dateName = columns === LAYOUTS.dated ? 'date' : 'approx_start_utc';
    const heightName = columns === LAYOUTS.dated ? 'height' : 'first_height';
    const dateCell = cell(dateName);
    const ms = parseIsoTimeMs(dateCell.text);
    if (Number.isNaN(ms)) fail(dateCell, dateName, `'${dateCell.text}' is not a date`, 'YYYY-MM-DD (UTC)');
    const heightCell = cell(heightName);
    const height = heightCell.text === '' ? NaN : Number(heightCell.text);
    const mayBeEmpty = columns === LAYOUTS.dated && heightCell.text === '';
    if (!mayBeEmpty && !(Number.isInteger(height) && height >= 0)) fail(heightCell, heightName, `'${heightCell.text}' is not a block height`, 'a whole number ≥ 0');
    const difficultyCell = cell('difficulty');
    const difficulty = difficultyCell.text === '' ? NaN : Number(difficultyCell.text);
    if (!(Number.isFinite(difficulty) && difficulty > 0)) fail(difficultyCell, 'difficulty', `'${difficultyCell.text}' is not a difficulty`, 'a number > 0');
    const before = rows[rows.length - 1];
    if (before && !(ms / MS_PER_DAY > before.unixDay)) {
      fail(dateCell, dateName, `${dateCell.text} is not after ${before.date} on line ${before.line}`, 'rows in order of date');
    }
    if (before && height < before.height) fail(heightCell, heightName, `height ${height} is below ${before.height} on line ${before.line}`, 'heights that do not fall');
    rows.push({ line: lineNo, unixDay: ms / MS_PER_DAY, date: dateCell.text, height, difficulty });
  }
  if (!columns) throw new ScenarioError(file, Math.max(1, lastLine), 1, 'header', 'the file has no header', EXPECTED_HEADER);
  if (rows.length === 0) throw new ScenarioError(file, lastLine, 1, 'row', 'the file has no data rows', 'one row per observed difficulty');
  return { file, rows };
}

/**
 * Whether consecutive rows are consecutive retargets (heights 2016 apart where both are known): then
 * each difficulty tells the hashrate of the epoch before it.
 */
export function consecutiveEpochs(rows: readonly ObservedDifficultyRow[]): ObservedDifficultyRow | undefined {
  for (let k = 1; k < rows.length; k++) {
    const gap = rows[k].height - rows[k - 1].height;
    if (!Number.isNaN(gap) && gap !== RETARGET_INTERVAL_BLOCKS) return rows[k];
  }
  return undefined;
}
