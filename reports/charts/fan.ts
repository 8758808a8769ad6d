/** Fan charts of a monthly series: p5–p95 and p25–p75 bands around the median. */
import type { BandRow } from '../../sim/study/bands.js';
import { CHART_CONFIG, type Chart, chartTitle, dateAxis, facetColumns, smallMultiples, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

/** The shared world's `series` (one fan), e.g. the BTC price. */
export function worldFanChart(bands: readonly BandRow[], series: string, title: string, yTitle: string, scale = 1, subtitle = 'median, p25–p75 and p5–p95 by month, over all replications'): Chart | undefined {
  const values = bands.filter((b) => b.series === series && b.variant === '').map((b) => scaled(b, scale));
  if (values.length === 0) return undefined;
  return { name: `fan-${series}`, spec: fanSpec(values, title, subtitle, yTitle, '#4e79a7') };
}

/** Width of a world fan, px. */
const WORLD_WIDTH = 560;

/**
 * Hashprice with the network's marginal break-even beside it: the cash cost of the costliest machine
 * still running (median by month, dashed). Where hashprice sits on it, the network is at its margin.
 */
export function hashpriceFanChart(bands: readonly BandRow[]): Chart | undefined {
  const marginal = bands.filter((b) => b.series === 'marginalCostUSDPerPHDay' && b.variant === '').map((b) => ({ date: b.date, breakEven: b.p50 }));
  const title = 'Hashprice: what 1 PH/s earns a day, and the marginal machine’s break-even';
  const yTitle = 'USD per PH/s per day';
  if (marginal.length === 0) return worldFanChart(bands, 'hashpriceUSDPerPHDay', title, yTitle);
  const chart = worldFanChart(bands, 'hashpriceUSDPerPHDay', title, yTitle, 1, 'median, p25–p75 and p5–p95 by month · dashed: median break-even of the costliest machine running');
  if (!chart) return chart;
  const X = dateAxis(monthsOf(bands.filter((b) => b.series === 'hashpriceUSDPerPHDay' && b.variant === '')));
  const spec = chart.spec as { layer: object[] };
  spec.layer.push({
    data: { values: marginal },
    mark: { type: 'line', color: '#333', strokeDash: [6, 3], strokeWidth: 1.5 },
    encoding: { x: X, y: { field: 'breakEven', type: 'quantitative' }, tooltip: [{ field: 'date', type: 'temporal', timeUnit: 'utcyearmonth' as const, title: 'Month', format: '%b %Y' }, { field: 'breakEven', title: 'marginal break-even, median (USD per PH/s per day)', format: ',.4~r' }] },
  });
  return chart;
}

/** The BTC price fan, its subtitle saying where the median goes (a driftless model's median falls). */
export function priceFanChart(bands: readonly BandRow[]): Chart | undefined {
  const rows = bands.filter((b) => b.series === 'btcPriceUSD' && b.variant === '');
  if (rows.length < 2) return worldFanChart(bands, 'btcPriceUSD', 'BTC price paths', 'BTC price (thousand USD)', 1e3);
  const k = (x: number) => `$${Math.round(x / 1000).toLocaleString('en-US')}k`;
  const first = rows[0], last = rows[rows.length - 1];
  const month = new Date(`${last.date}T00:00:00Z`).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return worldFanChart(bands, 'btcPriceUSD', 'BTC price paths', 'BTC price (thousand USD)', 1e3, `median, p25–p75 and p5–p95 by month · the median goes from ${k(first.p50)} to ${k(last.p50)} by ${month}; the mean follows the model's drift`);
}

/** A variant series, one fan per variant side by side, e.g. cumulative cash. */
export function variantFanChart(bands: readonly BandRow[], series: string, variants: readonly string[], title: string, yTitle: string, scale = 1, ruleAt?: Record<string, number>): Chart | undefined {
  // A per-variant reference line rides on the band rows themselves, so each facet draws only its own.
  const values = bands.filter((b) => b.series === series && b.variant !== '').map((b) => ({ ...scaled(b, scale), ...(ruleAt ? { rule: ruleAt[b.variant] / scale } : {}) }));
  if (values.length === 0) return undefined;
  const X = dateAxis(monthsOf(values));
  const TOOLTIP = tooltip(yTitle);
  const shown = variants.filter((v) => values.some((x) => x.variant === v));
  const columns = facetColumns(shown.length, 260);
  const color = { field: 'variant', type: 'nominal' as const, scale: variantColorScale(variants), legend: null };
  // The axis title once a row, in the first column.
  const layers = (column: number): object[] => [
    { mark: { type: 'area', opacity: 0.2 }, encoding: { x: X, y: { field: 'p5', type: 'quantitative', title: column === 0 ? yTitle : null }, y2: { field: 'p95' }, color } },
    { mark: { type: 'area', opacity: 0.35 }, encoding: { x: X, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' }, color } },
    { mark: { type: 'line', strokeWidth: 2 }, encoding: { x: X, y: { field: 'p50', type: 'quantitative' }, color, tooltip: TOOLTIP } },
    ...(ruleAt
      ? [
          {
            mark: { type: 'rule', strokeDash: [6, 3], color: '#333' },
            encoding: { y: { aggregate: 'min', field: 'rule', type: 'quantitative' }, tooltip: [{ aggregate: 'min', field: 'rule', title: `Funding gap: mean lowest cash · ${yTitle}`, format: ',.1f' }] },
          },
        ]
      : []),
  ];
  return {
    name: `fan-${series}`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(title, ruleAt ? 'median, p25–p75 and p5–p95 by month · dashed: the funding gap (mean of the lowest cash)' : 'median, p25–p75 and p5–p95 by month', columns * 280 + 60),
      config: CHART_CONFIG,
      data: { values },
      ...smallMultiples(shown, columns, (_, column) => ({ width: 260, height: 220, layer: layers(column) })),
    } as never,
  };
}

/** Months the rows span (a GPU hall's series starts when the hall opens): what the date axis shows. */
const monthsOf = (rows: readonly BandRow[]): number => (rows.length === 0 ? 0 : Math.max(...rows.map((b) => b.month)) - Math.min(...rows.map((b) => b.month)) + 1);

const tooltip = (what: string) => [
  { field: 'date', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, title: 'Month', format: '%b %Y' },
  { field: 'p5', title: `p5 · ${what}`, format: ',.4~r' },
  { field: 'p50', title: `median · ${what}`, format: ',.4~r' },
  { field: 'p95', title: `p95 · ${what}`, format: ',.4~r' },
];

function scaled(b: BandRow, scale: number): BandRow {
  return { ...b, p5: b.p5 / scale, p25: b.p25 / scale, p50: b.p50 / scale, p75: b.p75 / scale, p95: b.p95 / scale };
}

function fanSpec(values: BandRow[], title: string, subtitle: string, yTitle: string, color: string): Chart['spec'] {
  const X = dateAxis(monthsOf(values));
  const TOOLTIP = tooltip(yTitle);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(title, subtitle, WORLD_WIDTH + 80),
    config: CHART_CONFIG,
    width: WORLD_WIDTH,
    height: 240,
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.2, color }, encoding: { x: X, y: { field: 'p5', type: 'quantitative', title: yTitle }, y2: { field: 'p95' } } },
      { mark: { type: 'area', opacity: 0.35, color }, encoding: { x: X, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } } },
      { mark: { type: 'line', color, strokeWidth: 2 }, encoding: { x: X, y: { field: 'p50', type: 'quantitative' }, tooltip: TOOLTIP } },
    ],
  };
}
