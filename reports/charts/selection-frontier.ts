/**
 * "Which layout does `campus optimize` choose?" — mean NPV against CVaR per candidate, the choice and
 * the rest of the frontier coloured, layouts found above a loss limit hollow, names placed so they
 * neither overlap nor leave the plot.
 */
import type { Candidate, OptimizeResult } from '../../sim/study/optimize.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';

const WIDTH = 520, HEIGHT = 360;
const ROLES = [
  ['chosen', '#e15759'],
  ['also on the frontier', '#4e79a7'],
  ['dominated', '#bab0ac'],
  ['above the loss limit', '#79706e'],
] as const;

export function selectionFrontierChart(r: OptimizeResult): Chart {
  const role = (c: Candidate) => (c.name === r.chosen ? 'chosen' : c.feasibility === 'infeasible' ? 'above the loss limit' : c.efficient ? 'also on the frontier' : 'dominated');
  const labels = placeLabels(r.candidates.map((c) => ({ name: c.name, x: c.cvar / 1e6, y: c.mean / 1e6 })), WIDTH, HEIGHT);
  const values = r.candidates.map((c, i) => ({
    variant: c.name,
    meanM: c.mean / 1e6,
    cvarM: c.cvar / 1e6,
    replications: c.replications,
    role: role(c),
    verdict: c.feasibility === undefined ? 'no limit' : c.feasibility === 'undecided' ? 'undecided' : `${c.feasibility} after ${c.feasibilityDecidedAfter} replications`,
    ...labels[i],
  }));
  // The choice drawn last, on top of any layout at the same point.
  values.sort((a, b) => Number(a.role === 'chosen') - Number(b.role === 'chosen'));
  // Only the roles present: a legend entry with no point beside it reads as a missing layout.
  const roles = ROLES.filter(([name]) => values.some((v) => v.role === name));
  const limit = r.lossLimit;
  const percent = (p: number) => `${(100 * p).toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
  const nb = (text: string) => text.replace(/ (%|M USD)/g, '\u00a0$1');
  const event = limit ? `${limit.event} ≤ ${percent(limit.maxProbability)}` : '';
  const within = limit ? ` of the layouts with ${event} (hollow: found above it)` : '';
  const verdict = nb(
    !r.guaranteed
      ? 'no guarantee: the budget ran out'
      : r.chosen === null
        ? `no layout has ${event}: all were found above it (hollow)`
        : `chosen with probability ≥ ${Math.round(r.confidence * 100)} % of being the best${within} when it leads by ${(r.indifference / 1e6).toLocaleString('en-US')} M USD or more`,
  );
  const tooltip = [
    { field: 'variant', title: 'Layout' },
    { field: 'meanM', title: 'Mean NPV (million USD)', format: ',.1f' },
    { field: 'cvarM', title: 'CVaR 5 % (million USD)', format: ',.1f' },
    { field: 'replications', title: 'Replications', format: ',d' },
    ...(limit ? [{ field: 'verdict', title: 'Loss limit' }] : []),
  ];
  // Ring and fill both by role (white inside for a layout above the limit): Vega-Lite merges them into one legend, whose hollow entry matches the hollow points.
  const byRole = (range: readonly (string | number)[]) => ({ field: 'role', type: 'nominal', title: 'Layout', legend: { orient: 'bottom', labelLimit: 220 }, scale: { domain: roles.map(([n]) => n), range } });
  const colors = roles.map(([, c]) => c);
  const points = {
    mark: { type: 'point', filled: true, size: 90, strokeWidth: 2, opacity: 1 },
    encoding: { stroke: byRole(colors), fill: byRole(roles.map(([n, c]) => (n === 'above the loss limit' ? '#ffffff' : c))), tooltip },
  };
  const names = (align: 'left' | 'right') => ({
    transform: [{ filter: `datum.label !== '' && datum.labelAlign === '${align}'` }],
    mark: { type: 'text', align, dx: align === 'left' ? 9 : -9, fontSize: 11, lineBreak: '\n', lineHeight: 13 },
    encoding: { y: { field: 'labelMeanM', type: 'quantitative' }, text: { field: 'label' } },
  });
  return {
    name: 'selection-frontier',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle('Which layout has the best mean NPV, and what is its downside?', `each candidate’s mean NPV against the mean of its worst 5 % (CVaR), over the replications the selection gave it · ${verdict}`, 620),
      config: CHART_CONFIG,
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      encoding: {
        x: { field: 'cvarM', type: 'quantitative', title: 'CVaR 5 % (million USD)', scale: { zero: false } },
        y: { field: 'meanM', type: 'quantitative', title: 'Mean NPV (million USD)', scale: { zero: false } },
      },
      // Names beside the points: a printed chart has no tooltips.
      layer: [points, names('left'), names('right')],
    } as never,
  };
}

export interface PlacedLabel {
  /** The text beside the point, a name a line ('' when a coinciding point's label carries this name too). */
  label: string;
  /** Where the text sits vertically, in the y field's unit (nudged off a neighbour's label). */
  labelMeanM: number;
  /** Left-aligned right of the point, or right-aligned left of it when it would leave the plot. */
  labelAlign: 'left' | 'right';
}

/**
 * Labels that do not overlap: points within a few pixels of each other share one label, a name a
 * line; a label goes right of its point unless it would run past the plot's right edge (then left,
 * or whichever side has more room); one that would overlap a label or a point already placed (top to
 * bottom) moves down or up a line at a time. Pixels are estimated from the data's extent and ~6.6 px a
 * character at 11 px — close to what the renderer draws, which is all a nudge needs.
 */
export function placeLabels(points: ReadonlyArray<{ name: string; x: number; y: number }>, width: number, height: number): PlacedLabel[] {
  const span = (v: number[]) => Math.max(...v) - Math.min(...v) || 1;
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const xPerPx = span(xs) / width, yPerPx = span(ys) / height;
  const px = (p: { x: number; y: number }) => ({ x: (p.x - Math.min(...xs)) / xPerPx, y: (Math.max(...ys) - p.y) / yPerPx });
  const placed: PlacedLabel[] = points.map((p) => ({ label: p.name, labelMeanM: p.y, labelAlign: 'left' }));
  // The points themselves are obstacles too: a label must not sit on a neighbour's marker.
  const boxes = points.map(px).map((p) => ({ x0: p.x - 5, x1: p.x + 5, y0: p.y - 5, y1: p.y + 5 }));
  const order = points.map((_, i) => i).sort((a, b) => points[b].y - points[a].y || a - b);
  const labelled = new Array<boolean>(points.length).fill(false);
  for (const i of order) {
    if (labelled[i]) continue;
    const at = px(points[i]);
    const together = order.filter((j) => !labelled[j] && Math.abs(px(points[j]).x - at.x) < SAME_PX && Math.abs(px(points[j]).y - at.y) < SAME_PX);
    for (const j of together) labelled[j] = true;
    const names = together.map((j) => points[j].name);
    const w = Math.max(...names.map((n) => n.length)) * CHAR_PX, h = names.length * LINE_PX;
    const roomRight = width - at.x - GAP_PX, roomLeft = at.x - GAP_PX;
    const align = w <= roomRight || roomRight >= roomLeft ? 'left' : 'right';
    const x0 = align === 'left' ? at.x + GAP_PX : at.x - GAP_PX - w, x1 = x0 + w;
    // Vega draws the first line at the label's y and the rest below it: centre the block on the point.
    const first = at.y - ((names.length - 1) * LINE_PX) / 2;
    const free = (y: number) => boxes.every((b) => b.x1 <= x0 || b.x0 >= x1 || b.y1 <= y - LINE_PX / 2 || b.y0 >= y - LINE_PX / 2 + h);
    const shift = [0, 1, -1, 2, -2, 3, -3].map((n) => n * LINE_PX).find((d) => free(first + d)) ?? 0;
    boxes.push({ x0, x1, y0: first + shift - LINE_PX / 2, y1: first + shift - LINE_PX / 2 + h });
    for (const j of together) placed[j] = { label: j === i ? names.join('\n') : '', labelMeanM: Math.max(...ys) - (first + shift) * yPerPx, labelAlign: align };
  }
  return placed;
}

const LINE_PX = 13, CHAR_PX = 6.6, GAP_PX = 9, SAME_PX = 4;
