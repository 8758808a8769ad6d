/**
 * "Where does the money come from, year by year?" — per layout, the mean cash in of each income
 * segment (mining, lease rent, GPU cloud, power sold back, demand response) in each year of the
 * horizon, stacked. Means add up: a stack's height is the mean total. (Stacked medians would not,
 * and a segment's median jumping when another starts misleads.) Each layout has its own small chart
 * and legend, listing only the segments it has; a segment keeps its colour in all of them.
 */
import { NPV_SEGMENTS } from '../../sim/finance/segments.js';
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, facetColumns, VEGA_LITE_SCHEMA } from '../chart.js';
import { segmentColor } from '../palette.js';
import { periodLabel } from '../words.js';

export function revenueMixChart(summary: Summary): Chart | undefined {
  const annual = summary.annualCashFlows;
  if (!annual) return undefined;
  const years = annual.periods.filter((p) => p.from !== undefined);
  const income = NPV_SEGMENTS.filter((s) => s.side === 'in');
  const labels = years.map(periodLabel);
  const views = annual.variants.flatMap((v) => {
    const values = income.flatMap((s) => years.map((_, p) => ({ year: labels[p], segment: s.label, musd: v.bySegment[s.metric][p] / 1e6 })));
    // Only what this layout earns from: a segment it never has is not in its legend.
    const has = income.filter((s) => years.some((_, p) => Math.abs(v.bySegment[s.metric][p]) > 0.5));
    if (has.length === 0) return [];
    return [
      {
        title: { text: v.name, fontSize: 12 },
        width: 200,
        height: 160,
        data: { values: values.filter((x) => has.some((s) => s.label === x.segment)) },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'year', type: 'ordinal', title: null, sort: labels, axis: { labelAngle: 0 } },
          y: { field: 'musd', type: 'quantitative', stack: true, title: 'Million USD' },
          color: {
            field: 'segment',
            type: 'nominal',
            title: null,
            scale: { domain: has.map((s) => s.label), range: has.map((s) => segmentColor(s.metric)) },
            legend: { orient: 'bottom', direction: 'vertical', labelLimit: 200 },
          },
          order: { field: 'segment', sort: 'ascending' },
          tooltip: [{ field: 'year', title: 'Year' }, { field: 'segment', title: 'Segment' }, { field: 'musd', title: 'Mean cash in (million USD)', format: ',.1f' }],
        },
      },
    ];
  });
  if (views.length === 0) return undefined;
  const start = years[0]?.from ?? '';
  const last = years[years.length - 1];
  const partLast = last !== undefined && Date.parse(last.to!) - Date.parse(last.from!) < 360 * 86_400_000;
  const columns = facetColumns(views.length, 270, 0);
  return {
    name: 'revenue-mix',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(
        'Where does the money come from, year by year?',
        `mean cash in by segment in each year of the horizon${partLast ? ' (the last is part of a year)' : ''}, over all replications; means add up, so a bar is the mean total${start && !start.endsWith('-01-01') ? ` · years from ${start}` : ''}`,
        columns * 290,
      ),
      config: CHART_CONFIG,
      columns,
      concat: views,
      resolve: { scale: { color: 'independent', y: 'shared' }, legend: { color: 'independent' } },
    } as never,
  };
}
