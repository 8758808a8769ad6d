/** What `campus optimize` writes: optimize.json and the frontier chart (Vega-Lite, SVG), each file whole or absent. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { selectionFrontierChart } from '../../reports/charts/selection-frontier.js';
import { renderSvg } from '../../reports/render.js';
import type { OptimizeResult } from '../study/optimize.js';
import { writeFileAtomic } from '../study/atomic-write.js';

export async function optimizeFiles(out: string, result: OptimizeResult): Promise<string[]> {
  const chart = selectionFrontierChart(result);
  const svg = await renderSvg(chart.spec as never);
  mkdirSync(join(out, 'charts'), { recursive: true });
  writeFileAtomic(join(out, 'optimize.json'), JSON.stringify(result, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  writeFileAtomic(join(out, 'charts', `${chart.name}.vl.json`), JSON.stringify(chart.spec, null, 2) + '\n');
  writeFileAtomic(join(out, 'charts', `${chart.name}.svg`), svg);
  return ['optimize.json', `charts/${chart.name}.vl.json`, `charts/${chart.name}.svg`];
}
