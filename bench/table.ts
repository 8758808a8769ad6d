/** The readable output: the figures as a table, and the gate's verdict per figure. */
import type { Figure } from './figure.js';
import { type Comparison, MARGIN } from './gate.js';

/** Columns padded to their widest cell, under a header and a rule. */
export function formatTable(head: readonly string[], rows: readonly string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Three significant digits, with k or M for thousands and millions: 8.61M, 752k, 22.5. */
export function compact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${(x / 1e3).toPrecision(3)}k`;
  return x.toPrecision(3);
}

export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    if (f.unit === 'ratio') return [f.name, `${f.value.toFixed(2)} ×`, '', '', ''];
    // A slow rate reads better as the time one item takes.
    const each = f.value < 1e4 ? ` (${(1000 / f.value).toPrecision(3)} ms each)` : '';
    const normalised = f.normalised === undefined ? '' : `${compact(f.normalised)} (${compact(f.normalisedMin!)}–${compact(f.normalisedMax!)})`;
    const gate = f.normalised === undefined ? '' : f.gated ? 'yes' : 'no';
    return [f.name, `${compact(f.value)} ${f.unit}${each}`, `${compact(f.min)}–${compact(f.max)} (${f.runs})`, normalised, gate];
  });
  return formatTable(['benchmark', 'median', 'range (runs)', 'per M ref ops (range)', 'gated'], rows);
}

export function gateTable(comparisons: readonly Comparison[], margin = MARGIN): string {
  const rows = comparisons.map((c) => {
    // One decimal, so a figure that fails at the margin does not read as exactly the margin.
    const percent = (x: number) => `${Math.abs(x * 100).toFixed(1)} %`;
    const change = c.change === undefined ? '' : `${c.change >= 0 ? '+' : '−'}${percent(c.change)}`;
    const verdict =
      c.verdict === 'new'
        ? 'new: not in the baseline'
        : c.verdict === 'fail'
          ? `FAIL: the best of ${c.attempts.length} measurements is ${percent(c.change!)} below the baseline`
          : c.change! > margin
            ? 'ok, faster: --update-baseline to keep it'
            : 'ok';
    return [c.name, c.baseline === undefined ? '' : compact(c.baseline), c.attempts.map(compact).join(', '), change, verdict];
  });
  return formatTable(['figure (per M ref ops)', 'baseline', 'measured', 'change', `verdict (margin ${(margin * 100).toFixed(0)} %)`], rows);
}
