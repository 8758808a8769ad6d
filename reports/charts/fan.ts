/** Fan charts of a monthly series: p5–p95 and p25–p75 bands around the median. */
import type { BandRow } from '../../sim/study/bands.js';
import { CHART_CONFIG, type Chart, FACET_COLUMNS, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

/** The shared world's `series` (one fan), e.g. the BTC price. */
export function worldFanChart(bands: readonly BandRow[], series: string, title: string, yTitle: string, scale = 1): Chart | undefined {
  const values = bands.filter((b) => b.series === series && b.variant === '').map((b) => scaled(b, scale));
  if (values.length === 0) return undefined;
  return { name: `fan-${series}`, spec: fanSpec(values, title, yTitle, '#4e79a7') };
}

/**
 * Hashprice with the network's marginal break-even beside it: the cash cost of the costliest machine
 * still running (median by month, dashed). Where hashprice sits on it, the network is at its margin.
 */
export function hashpriceFanChart(bands: readonly BandRow[]): Chart | undefined {
  const chart = worldFanChart(bands, 'hashpriceUSDPerPHDay', 'Hashprice: what 1 PH/s earns a day, and the marginal machine’s break-even', 'Hashprice (USD per PH/s per day)');
  const marginal = bands.filter((b) => b.series === 'marginalCostUSDPerPHDay' && b.variant === '').map((b) => ({ date: b.date, breakEven: b.p50 }));
  if (!chart || marginal.length === 0) return chart;
  const spec = chart.spec as { title: { subtitle: string }; layer: object[] };
  spec.title.subtitle = 'median, p25–p75 and p5–p95 by month · dashed: median break-even of the costliest machine running';
  spec.layer.push({
    data: { values: marginal },
    mark: { type: 'line', color: '#333', strokeDash: [6, 3], strokeWidth: 1.5 },
    encoding: { x: X, y: { field: 'breakEven', type: 'quantitative' }, tooltip: [{ field: 'date', type: 'temporal', title: 'Month', format: '%b %Y' }, { field: 'breakEven', title: 'marginal break-even (median)', format: ',.3~s' }] },
  });
  return chart;
}

/** The BTC price fan, its subtitle saying where the median goes (a driftless model's median falls). */
export function priceFanChart(bands: readonly BandRow[]): Chart | undefined {
  const chart = worldFanChart(bands, 'btcPriceUSD', 'BTC price paths', 'BTC price (thousand USD)', 1e3);
  const rows = bands.filter((b) => b.series === 'btcPriceUSD' && b.variant === '');
  if (!chart || rows.length < 2) return chart;
  const k = (x: number) => `$${Math.round(x / 1000).toLocaleString('en-US')}k`;
  const first = rows[0], last = rows[rows.length - 1];
  (chart.spec as { title: { subtitle: string } }).title.subtitle = `median, p25–p75 and p5–p95 by month · the median goes from ${k(first.p50)} to ${k(last.p50)} by ${last.date.slice(0, 7)}; the mean follows the model's drift`;
  return chart;
}

/** A variant series, one fan per variant side by side, e.g. cumulative cash. */
export function variantFanChart(bands: readonly BandRow[], series: string, variants: readonly string[], title: string, yTitle: string, scale = 1, ruleAt?: Record<string, number>): Chart | undefined {
  // A per-variant reference line rides on the band rows themselves, so each facet draws only its own.
  const values = bands.filter((b) => b.series === series && b.variant !== '').map((b) => ({ ...scaled(b, scale), ...(ruleAt ? { rule: ruleAt[b.variant] / scale } : {}) }));
  if (values.length === 0) return undefined;
  const color = { field: 'variant', type: 'nominal' as const, scale: variantColorScale(variants), legend: null };
  const layers: object[] = [
    { mark: { type: 'area', opacity: 0.2 }, encoding: { x: X, y: { field: 'p5', type: 'quantitative', title: yTitle }, y2: { field: 'p95' }, color } },
    { mark: { type: 'area', opacity: 0.35 }, encoding: { x: X, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' }, color } },
    { mark: { type: 'line', strokeWidth: 2 }, encoding: { x: X, y: { field: 'p50', type: 'quantitative' }, color, tooltip: TOOLTIP } },
  ];
  if (ruleAt) {
    layers.push({
      mark: { type: 'rule', strokeDash: [6, 3], color: '#333' },
      encoding: { y: { aggregate: 'min', field: 'rule', type: 'quantitative' }, tooltip: [{ aggregate: 'min', field: 'rule', title: 'Funding gap: mean lowest cash', format: ',.1f' }] },
    });
  }
  return {
    name: `fan-${series}`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: title, subtitle: ruleAt ? 'median, p25–p75 and p5–p95 by month · dashed: the funding gap (mean of the lowest cash)' : 'median, p25–p75 and p5–p95 by month' },
      config: CHART_CONFIG,
      data: { values },
      facet: { field: 'variant', type: 'nominal', title: null, sort: [...variants] },
      columns: FACET_COLUMNS,
      spec: { width: 260, height: 220, layer: layers },
    } as never,
  };
}

const X = { field: 'date', type: 'temporal' as const, title: 'Month' };
const TOOLTIP = [
  { field: 'date', type: 'temporal' as const, title: 'Month', format: '%b %Y' },
  { field: 'p5', title: 'p5', format: ',.3~s' },
  { field: 'p50', title: 'median', format: ',.3~s' },
  { field: 'p95', title: 'p95', format: ',.3~s' },
];

function scaled(b: BandRow, scale: number): BandRow {
  return { ...b, p5: b.p5 / scale, p25: b.p25 / scale, p50: b.p50 / scale, p75: b.p75 / scale, p95: b.p95 / scale };
}

function fanSpec(values: BandRow[], title: string, yTitle: string, color: string): Chart['spec'] {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: 'median, p25–p75 and p5–p95 by month, over all replications' },
    config: CHART_CONFIG,
    width: 520,
    height: 240,
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.2, color }, encoding: { x: X, y: { field: 'p5', type: 'quantitative', title: yTitle }, y2: { field: 'p95' } } },
      { mark: { type: 'area', opacity: 0.35, color }, encoding: { x: X, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } } },
      { mark: { type: 'line', color, strokeWidth: 2 }, encoding: { x: X, y: { field: 'p50', type: 'quantitative' }, tooltip: TOOLTIP } },
    ],
  };
}
