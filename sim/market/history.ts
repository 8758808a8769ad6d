/**
 * Month-end closes from a CSV (`month_end,close_usd`, `#` comments allowed) and the monthly log
 * returns of a window of them — the raw material of the historical-bootstrap price model.
 */
import { FileReadError, MiB, readTextFile } from '../core/read-bounded.js';

export interface MonthlyCloses {
  /** YYYY-MM of each close, ascending. */
  months: string[];
  closesUSD: Float64Array;
  /** 1-based line of each close in its file. */
  lines: number[];
}

/** Parses month-end closes; throws a RangeError naming the file and line of the first bad row. */
export function parseMonthlyCloses(text: string, file: string): MonthlyCloses {
  const months: string[] = [];
  const closes: number[] = [];
  const rowLines: number[] = [];
  const lines = text.split(/\r?\n/);
  let header = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (!header) {
      if (!/^month_end\s*,\s*close_usd$/.test(line)) throw new RangeError(`${file}:${i + 1}: expected the header 'month_end,close_usd', got '${line}'`);
      header = true;
      return;
    }
    const m = /^(\d{4}-\d{2})(-\d{2})?\s*,\s*([0-9.eE+-]+)$/.exec(line);
    const close = m ? Number(m[3]) : NaN;
    if (!m || !(close > 0)) throw new RangeError(`${file}:${i + 1}: expected 'YYYY-MM-DD,<close > 0>', got '${line}'`);
    if (months.length && m[1] <= months[months.length - 1]) throw new RangeError(`${file}:${i + 1}: month ${m[1]} is not after ${months[months.length - 1]}`);
    months.push(m[1]);
    closes.push(close);
    rowLines.push(i + 1);
  });
  if (closes.length < 2) throw new RangeError(`${file}: needs at least two monthly closes, found ${closes.length}`);
  return { months, closesUSD: Float64Array.from(closes), lines: rowLines };
}

export function readMonthlyCloses(file: string): MonthlyCloses {
  let text: string;
  try {
    // Bounded: a history named by a scenario could be /dev/zero or a FIFO.
    text = readTextFile(file, 4 * MiB);
  } catch (e) {
    throw new RangeError(e instanceof FileReadError ? e.message : `${file}: ${(e as Error).message}`);
  }
  return parseMonthlyCloses(text, file);
}

/**
 * Log returns ln(Cₖ/Cₖ₋₁) of the months from `from` to `to` (YYYY-MM, inclusive; the return of month
 * k needs the close of month k−1). Throws when the window holds fewer than two returns.
 */
export function monthlyLogReturns(h: MonthlyCloses, from?: string, to?: string): Float64Array {
  const out: number[] = [];
  for (let k = 1; k < h.months.length; k++) {
    if (from && h.months[k] < from) continue;
    if (to && h.months[k] > to) continue;
    out.push(Math.log(h.closesUSD[k] / h.closesUSD[k - 1]));
  }
  if (out.length < 2) {
    throw new RangeError(`bootstrap: the window ${from ?? h.months[0]} … ${to ?? h.months[h.months.length - 1]} holds ${out.length} monthly returns; needs at least 2`);
  }
  return Float64Array.from(out);
}
