/**
 * "When did the rules act, and what was waiting worth?" — for adaptive layouts: the month each rule
 * first fired across the replications (never-fired shares in the legend), and each layout's value of
 * flexibility, its NPV less its fixed plan's on the same worlds, with the interval.
 */
import { DECISION_FIELDS } from '../../sim/campus/policies.js';
import { HOURS_PER_YEAR } from '../../sim/core/time.js';
import type { Row } from '../../sim/study/replicate.js';
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, PAGE_WIDTH, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';
import { intervalLayers } from './paired-difference.js';

export function decisionDatesChart(summary: Summary, rows: readonly Row[]): Chart | undefined {
  const policies = summary.policies;
  if (!policies || policies.length === 0 || !summary.start) return undefined;
  const startMs = Date.parse(`${summary.start}T00:00:00Z`);
  // One panel per layout and rule, titled with the share of worlds in which the rule fired at all.
  const values: Array<{ variant: string; panel: string; date: string }> = [];
  const panels: string[] = [];
  for (const p of policies) {
    p.rules.forEach((rule, i) => {
      const panel = `${p.variant}${p.rules.length > 1 ? ` · ${rule.name}` : ''}: fired in ${(100 * rule.firedShare).toFixed(0)} %`;
      panels.push(panel);
      for (const r of rows) {
        if (r.variant !== p.variant || !(r.decisions[i * DECISION_FIELDS + 1] > 0)) continue;
        const years = r.decisions[i * DECISION_FIELDS] / HOURS_PER_YEAR;
        values.push({ variant: p.variant, panel, date: new Date(startMs + years * HOURS_PER_YEAR * 3600e3).toISOString().slice(0, 10) });
      }
    });
  }
  if (values.length === 0) return undefined;
  const width = Math.min(PAGE_WIDTH - 200, 640);
  // From the first month any rule fired to the end of the last, so the last month's bar is drawn whole.
  const dates = values.map((v) => v.date).sort();
  const last = new Date(`${dates[dates.length - 1]}T00:00:00Z`);
  const domain = [`${dates[0].slice(0, 7)}-01`, new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1)).toISOString().slice(0, 10)];
  return {
    name: 'decision-dates',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle('When did the rules act?', 'Replications by the month each rule first fired; the rest never fired', width),
      config: CHART_CONFIG,
      data: { values },
      facet: { row: { field: 'panel', type: 'nominal', sort: panels, title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelLimit: width } } },
      // Each rule's own count scale: a rule that fires now and then is not flattened by one that fires at once.
      resolve: { scale: { y: 'independent' } },
      spec: {
        width,
        height: 70,
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth', title: 'First fired', scale: { type: 'utc', domain }, axis: { format: '%b %Y' } },
          y: { aggregate: 'count', type: 'quantitative', title: 'Replications' },
          color: { field: 'variant', type: 'nominal', scale: variantColorScale(summary.variants.map((v) => v.name)), legend: null },
          tooltip: [
            { field: 'panel', title: 'Layout' },
            { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', format: '%b %Y' },
            { aggregate: 'count', title: 'Replications' },
          ],
        },
      },
    },
  };
}

export function flexibilityChart(summary: Summary): Chart | undefined {
  const values = (summary.policies ?? [])
    .filter((p) => p.flexibility)
    .map((p) => ({ variant: p.variant, versus: p.versus!, delta: p.flexibility!.meanDifference / 1e6, lower: p.flexibility!.lower / 1e6, upper: p.flexibility!.upper / 1e6, better: p.flexibility!.probabilityBetter ?? 0 }));
  if (values.length === 0) return undefined;
  const sort = values.map((v) => v.variant);
  const plans = [...new Set(values.map((v) => v.versus))];
  const versus = plans.length === 1 ? plans[0] : 'its fixed plan (versus)';
  return {
    name: 'flexibility',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(`What is deciding later worth against ${versus}?`, `Value of flexibility: NPV less the fixed plan’s in each replication, same worlds · mean with its ${Math.round(summary.confidence * 100)} % interval`, 540),
      config: CHART_CONFIG,
      width: 420,
      height: Math.max(80, 40 * values.length),
      data: { values },
      layer: intervalLayers(sort, 'Value of flexibility (million USD)', summary.variants.map((v) => v.name), [
        { field: 'variant', title: 'Adaptive layout' },
        { field: 'versus', title: 'Fixed plan' },
        { field: 'delta', title: 'Value of flexibility (million USD)', format: ',.1f' },
        { field: 'lower', title: 'interval from (million USD)', format: ',.1f' },
        { field: 'upper', title: 'to (million USD)', format: ',.1f' },
        { field: 'better', title: 'P(adapting does better)', format: '.0%' },
      ], { labelLimit: 320 }),
    },
  };
}
