/** Every chart of a study, built from its summary and rows. */
import type { Row } from '../sim/study/replicate.js';
import type { Summary } from '../sim/study/summarize.js';
import type { Chart } from './chart.js';
import { profitDistributionChart } from './charts/profit-distribution.js';

export function studyCharts(summary: Summary, rows: readonly Row[], years: number): Chart[] {
  return [profitDistributionChart(summary, rows, years)];
}
