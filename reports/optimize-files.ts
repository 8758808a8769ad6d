/** What `campus optimize` writes: optimize.json and the mean–CVaR chart of its candidates, each file whole or absent. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OptimizeResult } from '../sim/study/optimize.js';
import { writeFileAtomic } from '../sim/study/atomic-write.js';
import { selectionFrontierChart } from './charts/selection-frontier.js';
import { renderSvg } from './render.js';
import { chartFiles } from './report-files.js';

export async function optimizeFiles(out: string, result: OptimizeResult): Promise<string[]> {
  const chart = selectionFrontierChart(result);
  const files: Array<[string, string | Uint8Array]> = [
    ['optimize.json', JSON.stringify(result, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n'],
    ...chartFiles(chart, await renderSvg(chart.spec as never)),
  ];
  mkdirSync(join(out, 'charts'), { recursive: true });
  for (const [name, bytes] of files) writeFileAtomic(join(out, name), bytes);
  return files.map(([name]) => name);
}
