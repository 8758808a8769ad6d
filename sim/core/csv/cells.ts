/** Reading CSV text a line at a time: cells with the column each starts at, for messages that point at them. */

export interface Cell {
  readonly text: string;
  /** 1-based character column where the cell starts. */
  readonly column: number;
}

/** Comma-separated cells, trimmed and unquoted, with the column each starts at. */
export function splitCells(line: string): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  for (;;) {
    const comma = line.indexOf(',', from);
    const piece = comma < 0 ? line.slice(from) : line.slice(from, comma);
    const lead = piece.length - piece.trimStart().length;
    let text = piece.trim();
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).trim();
    cells.push({ text, column: from + lead + 1 });
    if (comma < 0) return cells;
    from = comma + 1;
  }
}

/** Whether a line carries data: not blank and not a `#` comment. */
export const isDataLine = (line: string): boolean => {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
};
