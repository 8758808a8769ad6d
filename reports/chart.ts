/** A chart of a study: a file name and a Vega-Lite v6 spec. Each chart is built by one small function. */
import type { TopLevelSpec } from 'vega-lite';

export interface Chart {
  /** File stem under charts/: `<name>.vl.json`, `<name>.svg`. */
  readonly name: string;
  readonly spec: TopLevelSpec;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Every chart's look: the font the PNG renderer has on Debian, and common fallbacks. */
export const CHART_CONFIG = { font: 'DejaVu Sans, Helvetica, Arial, sans-serif' };

/** Per-variant small multiples wrap after this many, so six layouts still fit a page. */
export const FACET_COLUMNS = 3;
