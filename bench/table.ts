/** The readable output: the figures as a table, and the gate's verdict per figure. */
import type { Figure } from './figure.js';
import { type Judgement, MARGIN } from './gate.js';
import { spread } from './measure.js';

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

/** The gate's verdict per figure: each side's median rate, the median pair ratio and its range. */
export function gateTable(judgements: readonly Judgement[]): string {
  const rows = judgements.map((j) => {
    if (j.verdict === 'new') return [j.name, '', '', '', 'new: the reference commit has no such benchmark'];
    const median = (xs: number[]) => compact(spread(xs).median);
    const percent = (x: number) => `${Math.abs(x * 100).toFixed(1)} %`;
    const slower = 1 - j.ratio!;
    const verdict =
      j.verdict === 'fail'
        ? `FAIL: ${percent(slower)} slower, ${j.below} of ${j.pairs.length} pairs below the floor (${j.floor.toFixed(2)})`
        : j.verdict === 'unclear'
          ? `unclear: ${percent(slower)} slower, but only ${j.below} of ${j.pairs.length} pairs below the floor — too noisy to prove`
          : j.accepted !== undefined && j.ratio! < 1 - MARGIN
          ? `ok, accepted down to ${j.floor.toFixed(2)}: ${j.accepted}`
          : 'ok';
    return [
      j.name,
      `${median(j.pairs.map((p) => p.reference))} ${j.unit}`,
      median(j.pairs.map((p) => p.change)),
      `${j.ratio!.toFixed(3)} (${j.low!.toFixed(2)}–${j.high!.toFixed(2)}, ${j.pairs.length})`,
      verdict,
    ];
  });
  return formatTable(['figure (rates per CPU second)', 'reference', 'change', 'change ÷ reference (range, pairs)', `verdict (margin ${(MARGIN * 100).toFixed(0)} %)`], rows);
}
