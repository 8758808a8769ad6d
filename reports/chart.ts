/** A chart of a study: a file name and a Vega-Lite v6 spec. Each chart is built by one small function. */
import type { TopLevelSpec } from 'vega-lite';
import type { TitleParams } from 'vega-lite/types_unstable/title.js';

export interface Chart {
  /** File stem under charts/: `<name>.vl.json`, `<name>.svg`. */
  readonly name: string;
  readonly spec: TopLevelSpec;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Every chart's look: the font the PNG renderer has on Debian, and common fallbacks. */
export const CHART_CONFIG = { font: 'DejaVu Sans, Helvetica, Arial, sans-serif' };

/** Width a chart may take in report.html (its column is 1,200 px less padding), px. */
export const PAGE_WIDTH = 1100;

/**
 * Columns of per-variant small multiples: as many as fit the page at `cellWidth` px each (plus the
 * first column's axis and the gaps), and no more than there are variants.
 */
export function facetColumns(variants: number, cellWidth: number, axisWidth = 90): number {
  const fit = Math.max(1, Math.floor((PAGE_WIDTH - axisWidth) / (cellWidth + 20)));
  return Math.max(1, Math.min(variants, fit));
}

/**
 * The date axis of a monthly series that names the year on every horizon: a tick each January on a
 * horizon of more than two years ("2027"), else each quarter or month ("Apr 2026"). UTC throughout,
 * so a reader's time zone cannot move a tick to the day before.
 */
export function dateAxis(months: number): object {
  const tick = months > 24 ? { interval: 'year', step: 1, format: '%Y' } : months > 9 ? { interval: 'month', step: 3, format: '%b %Y' } : { interval: 'month', step: 1, format: '%b %Y' };
  return {
    field: 'date',
    type: 'temporal',
    title: null,
    scale: { type: 'utc' },
    axis: { format: tick.format, tickCount: { interval: tick.interval, step: tick.step }, labelOverlap: true, labelFlush: true },
  };
}

/** Lines of at most `max` characters, broken at spaces (a longer word stands alone). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A chart's title and subtitle, wrapped to `widthPx` (the width of what the chart draws): a title
 * wider than its chart would widen the picture past the page. Headless, Vega has no font metrics
 * and reserves 0.8 em a character (vega-scenegraph's estimate): 13 px titles, 11 px subtitles.
 */
export function chartTitle(text: string, subtitle: string, widthPx: number): TitleParams<never> {
  return { text: wrap(text, Math.max(30, Math.floor(widthPx / 10.4))), subtitle: wrap(subtitle, Math.max(40, Math.floor(widthPx / 8.8))), anchor: 'start' };
}

/**
 * One small chart per variant, `columns` to a row, each with its own axes beside it (a wrapped facet
 * puts a column's axis under its last row, far from a panel above an empty cell). Scales are shared,
 * so panels compare; `panel(column)` builds a panel's layers and encodings, and should name axis
 * titles (and, where they repeat a shared domain, labels) only in the first column. Every panel reads
 * the chart's data, filtered to its variant.
 */
export function smallMultiples(variants: readonly string[], columns: number, panel: (variant: string, column: number) => object): object {
  return {
    columns,
    concat: variants.map((variant, i) => ({
      title: { text: variant, fontSize: 12, anchor: 'middle' },
      transform: [{ filter: { field: 'variant', equal: variant } }],
      ...panel(variant, i % columns),
    })),
    resolve: { scale: { x: 'shared', y: 'shared' } },
  };
}
