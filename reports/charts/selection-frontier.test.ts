import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { OptimizeResult } from '../../sim/study/optimize.js';
import { placeLabels, selectionFrontierChart } from './selection-frontier.js';

const W = 520, H = 360;

test('coinciding points share one label; close ones are nudged apart; one near the right edge goes left of its point', () => {
  const points = [
    { name: 'a', x: 0, y: 100 },
    { name: 'b', x: 0, y: 100 }, // the same point as a
    { name: 'c', x: 1, y: 99.5 }, // a pixel or two from a: its label would sit on a's
    { name: 'long-layout-name', x: 100, y: 0 },
  ];
  const placed = placeLabels(points, W, H);
  assert.is(placed[0].label, 'a\nb');
  assert.is(placed[1].label, '');
  assert.is(placed[2].label, 'c');
  const yPerPx = 100 / H;
  assert.ok(Math.abs(placed[2].labelMeanM - placed[0].labelMeanM) / yPerPx >= 13, 'a line apart');
  assert.is(placed[3].labelAlign, 'right');
  assert.is(placed[0].labelAlign, 'left');
});

const candidate = (name: string, mean: number, cvar: number, extra: object = {}) => ({ name, replications: 20, mean, cvar, probabilityOfLoss: 0, efficient: false, ...extra });

test('the legend lists only the roles drawn, and a layout above the loss limit is hollow', () => {
  const base = { scenario: 's', seed: 1, metric: 'npvUSD', procedure: '', indifference: 10e6, confidence: 0.95, firstStage: 20, guaranteed: true, guarantee: '', totalReplications: 60, equalAllocationReplications: 100 } as const;
  const plain = selectionFrontierChart({ ...base, chosen: 'a', candidates: [candidate('a', 2e8, 1e8, { efficient: true }), candidate('b', 1e8, 0)] } as OptimizeResult);
  const spec = plain.spec as unknown as { layer: Array<{ encoding: { stroke?: { scale: { domain: string[] } }; fill?: { scale: { range: string[] } } } }>; title: { subtitle: string[] } };
  assert.equal(spec.layer[0].encoding.stroke!.scale.domain, ['chosen', 'dominated']);
  const limited = selectionFrontierChart({
    ...base,
    lossLimit: { below: 0, maxProbability: 0.1, tolerance: 0.02, procedure: '', event: 'P(NPV < 0)' },
    chosen: 'b',
    candidates: [candidate('a', 2e8, 1e8, { feasibility: 'infeasible', feasibilityDecidedAfter: 300 }), candidate('b', 1e8, 0, { efficient: true, feasibility: 'feasible', feasibilityDecidedAfter: 299 })],
  } as OptimizeResult);
  const l = limited.spec as unknown as typeof spec;
  assert.equal(l.layer[0].encoding.stroke!.scale.domain, ['chosen', 'above the loss limit']);
  assert.equal(l.layer[0].encoding.fill!.scale.range, ['#e15759', '#ffffff']);
  assert.match(l.title.subtitle.join(' '), /P\(NPV < 0\) ≤ 10/);
});

test.run();
