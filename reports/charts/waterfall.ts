/**
 * "Why does a layout win or lose against the baseline?" — per layout, a waterfall of its mean NPV
 * less the baseline's, segment by segment (mining, lease rent, GPU cloud, power, opex, capex,
 * residual and terminal value): each bar starts where the one before ended, and the last bar, the
 * total, is the mean Δ NPV. The segments' NPVs add up to NPV in every replication, so the bars add up
 * to the total (to rounding); segments that differ in no layout are left out.
 */
import { NPV_SEGMENTS } from '../../sim/finance/segments.js';
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, facetColumns, smallMultiples, VEGA_LITE_SCHEMA } from '../chart.js';

export const TOTAL = 'Δ NPV';

export interface WaterfallStep {
  variant: string;
  step: string;
  /** Where the bar starts and ends, USD. */
  from: number;
  to: number;
  /** This step's amount (the total's: the mean Δ NPV), USD. */
  amount: number;
}

/** Each non-baseline layout's steps, segment by segment, then the total; segments that are zero in every layout are left out. */
export function waterfallSteps(summary: Summary): WaterfallStep[] {
  const others = summary.variants.filter((v) => v.versusBaseline);
  const shown = NPV_SEGMENTS.filter((s) => others.some((v) => Math.abs(v.versusBaseline![s.metric].meanDifference) >= 0.5));
  return others.flatMap((v) => {
    let at = 0;
    const steps: WaterfallStep[] = shown.map((s) => {
      const amount = v.versusBaseline![s.metric].meanDifference;
      const step = { variant: v.name, step: s.label, from: at, to: at + amount, amount };
      at += amount;
      return step;
    });
    const total = v.versusBaseline!.npvUSD.meanDifference;
    steps.push({ variant: v.name, step: TOTAL, from: 0, to: total, amount: total });
    return steps;
  });
}

export function waterfallChart(summary: Summary): Chart | undefined {
  const steps = waterfallSteps(summary);
  if (steps.length === 0) return undefined;
  const variants = [...new Set(steps.map((s) => s.variant))];
  const order = [...new Set(steps.map((s) => s.step))];
  const columns = facetColumns(variants.length, 240, 120);
  const values = steps.map((s) => ({
    ...s,
    fromM: s.from / 1e6,
    toM: s.to / 1e6,
    amountM: s.amount / 1e6,
    kind: s.step === TOTAL ? 'total' : s.amount >= 0 ? 'adds' : 'takes away',
  }));
  return {
    name: 'why-it-wins',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(
        `Why does each layout win or lose against ${summary.baseline}?`,
        `mean NPV less ${summary.baseline}’s on the same worlds, by segment; each bar starts where the last ended, and they add up to the total`,
        columns * 260 + 120,
      ),
      config: CHART_CONFIG,
      data: { values },
      ...smallMultiples(variants, columns, (_, column) => ({
        width: 240,
        height: { step: 20 },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.75 } },
            encoding: {
              y: { field: 'step', type: 'nominal', title: null, sort: order, axis: column === 0 ? { labelLimit: 140 } : { labels: false, ticks: false } },
              x: { field: 'fromM', type: 'quantitative', title: 'Δ NPV (million USD)' },
              x2: { field: 'toM' },
              color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['adds', 'takes away', 'total'], range: ['#59a14f', '#e15759', '#4e79a7'] }, legend: { orient: 'top' } },
              tooltip: [
                { field: 'variant', title: 'Layout' },
                { field: 'step', title: 'Segment' },
                { field: 'amountM', title: 'Δ NPV (million USD)', format: '+,.1f' },
                { field: 'toM', title: 'Running total (million USD)', format: '+,.1f' },
              ],
            },
          },
          { mark: { type: 'rule', color: '#333' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        ],
      })),
    } as never,
  };
}
