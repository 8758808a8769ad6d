/**
 * "Which unknowns move NPV most, in dollars?" — per layout, a bar for each driver from the layout's
 * mean NPV out to its mean over the replications where the driver was in its bottom tenth, and out
 * to its mean where it was in its top tenth (summary.tornado). Drivers are the declared uncertain
 * inputs and what the world turned out to be (BTC's move, the network's growth, spot power, outage
 * hours), sorted by their largest swing. A second chart does the same for each layout's NPV less the
 * baseline's: which unknowns decide whether it beats the baseline.
 */
import { WORLD_DRIVERS } from '../../sim/campus/world-drivers.js';
import type { Summary } from '../../sim/study/summarize.js';
import type { TornadoBar } from '../../sim/study/tornado.js';
import { CHART_CONFIG, type Chart, chartTitle, facetColumns, smallMultiples, VEGA_LITE_SCHEMA } from '../chart.js';
import { formatValue, inputLabels } from '../words.js';

/** Drivers shown at most, the largest swings first. */
const MAX_DRIVERS = 10;
const LOW = '#4e79a7', HIGH = '#f28e2b';

/** A driver's name in plain words and how its tails read. */
export function driverWords(summary: Summary, id: string, inputUnits: ReadonlyMap<string, string | undefined>): { label: string; low: string; high: string } {
  const drivers = summary.tornado!.drivers;
  const d = drivers.find((x) => x.id === id)!;
  const world = WORLD_DRIVERS.find((w) => w.name === id);
  const unit = d.kind === 'world' ? world!.unit : inputUnits.get(id);
  const label = d.kind === 'world' ? world!.label : inputLabels(drivers.filter((x) => x.kind === 'input').map((x) => x.id)).get(id)!;
  return { label, low: formatValue(d.low, unit), high: formatValue(d.high, unit) };
}

export function tornadoCharts(summary: Summary, inputUnits: ReadonlyMap<string, string | undefined>): Chart[] {
  const t = summary.tornado;
  if (!t) return [];
  const tailPct = `${Math.round(t.tail * 100)} %`;
  const build = (name: string, title: string, subtitle: string, xTitle: string, entries: Array<{ variant: string; center: number; bars: TornadoBar[] }>): Chart | undefined => {
    const largest = new Map<string, number>();
    for (const e of entries) for (const b of e.bars) largest.set(b.driver, Math.max(largest.get(b.driver) ?? 0, Math.abs(b.swing)));
    const order = [...largest].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_DRIVERS).map(([id]) => id);
    if (order.length === 0) return undefined;
    const words = new Map(order.map((id) => [id, driverWords(summary, id, inputUnits)]));
    const values = entries.flatMap((e) =>
      e.bars
        .filter((b) => words.has(b.driver))
        .flatMap((b) => {
          const w = words.get(b.driver)!;
          // A swing whose interval holds zero is drawn pale: that driver's tails differ by no more than noise.
          const common = { variant: e.variant, driver: w.label, center: e.center / 1e6, swing: b.swing / 1e6, halfWidth: b.halfWidth / 1e6, lowTail: w.low, highTail: w.high, clear: Math.abs(b.swing) > b.halfWidth };
          return [
            { ...common, tail: `driver in its bottom ${tailPct}`, end: b.low / 1e6 },
            { ...common, tail: `driver in its top ${tailPct}`, end: b.high / 1e6 },
          ];
        }),
    );
    const labels = order.map((id) => words.get(id)!.label);
    const columns = facetColumns(entries.length, 220, 300);
    return {
      name,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        title: chartTitle(title, subtitle, columns * 240 + 300),
        config: CHART_CONFIG,
        data: { values },
        ...smallMultiples(entries.map((e) => e.variant), columns, (_, column) => ({
          width: 220,
          height: { step: 20 },
          layer: [
            {
              mark: { type: 'bar', height: { band: 0.7 } },
              encoding: {
                y: { field: 'driver', type: 'nominal', title: null, sort: labels, axis: column === 0 ? { labelLimit: 280 } : { labels: false, ticks: false } },
                x: { field: 'center', type: 'quantitative', title: xTitle, scale: { zero: false } },
                x2: { field: 'end' },
                opacity: { condition: { test: 'datum.clear', value: 1 }, value: 0.35 },
                color: { field: 'tail', type: 'nominal', title: null, scale: { domain: [`driver in its bottom ${tailPct}`, `driver in its top ${tailPct}`], range: [LOW, HIGH] }, legend: { orient: 'top', labelLimit: 300 } },
                tooltip: [
                  { field: 'variant', title: 'Layout' },
                  { field: 'driver', title: 'Driver' },
                  { field: 'tail', title: 'When' },
                  { field: 'end', title: 'Mean (million USD)', format: ',.1f' },
                  { field: 'center', title: 'Mean over all (million USD)', format: ',.1f' },
                  { field: 'swing', title: 'Swing, top − bottom (million USD)', format: '+,.1f' },
                  { field: 'halfWidth', title: '± (95 % interval, million USD)', format: ',.1f' },
                  { field: 'lowTail', title: `Driver’s mean, bottom ${tailPct}` },
                  { field: 'highTail', title: `Driver’s mean, top ${tailPct}` },
                ],
              },
            },
            { mark: { type: 'rule', color: '#333' }, encoding: { x: { aggregate: 'min', field: 'center', type: 'quantitative' } } },
          ],
        })),
      } as never,
    };
  };
  const charts: Array<Chart | undefined> = [
    build(
      'tornado',
      'Which unknowns move NPV most, in dollars?',
      `mean NPV where each driver fell in its bottom ${tailPct} (blue) or top ${tailPct} (orange) of replications, against the mean over all (line) · largest swings first · pale: a swing within its 95 % noise`,
      'Mean NPV (million USD)',
      t.variants.map((v) => ({ variant: v.name, center: summary.variants.find((s) => s.name === v.name)!.metrics.npvUSD.mean, bars: v.bars })),
    ),
    build(
      'tornado-vs-baseline',
      `Which unknowns decide whether a layout beats ${summary.baseline}?`,
      `mean NPV less ${summary.baseline}’s, on the same worlds, where each driver fell in its bottom ${tailPct} (blue) or top ${tailPct} (orange) · pale: a swing within its 95 % noise`,
      `Mean Δ NPV (million USD)`,
      t.variants.filter((v) => v.versusBaseline).map((v) => ({ variant: v.name, center: summary.variants.find((s) => s.name === v.name)!.versusBaseline!.npvUSD.meanDifference, bars: v.versusBaseline! })),
    ),
  ];
  return charts.filter((c): c is Chart => c !== undefined);
}
