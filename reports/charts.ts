/** Every chart of a study, built from its summary and rows. */
import type { Row } from '../sim/study/replicate.js';
import type { Summary } from '../sim/study/summarize.js';
import type { Chart } from './chart.js';
import { npvDistributionChart } from './charts/npv-distribution.js';

export interface ChartContext {
  /** The baseline layout's discount rate, for axis titles. */
  discountRatePerYear: number;
}

export function studyCharts(summary: Summary, rows: readonly Row[], ctx: ChartContext): Chart[] {
  return [npvDistributionChart(summary, rows, ctx.discountRatePerYear)];
}
