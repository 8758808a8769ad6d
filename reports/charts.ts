/** Every chart of a study, built from its summary, rows and bands; each answers one question. */
import type { Row } from '../sim/study/replicate.js';
import type { Summary } from '../sim/study/summarize.js';
import type { Chart } from './chart.js';
import type { ChartContext } from './chart-context.js';
import { convergenceChart } from './charts/convergence.js';
import { decisionDatesChart, flexibilityChart } from './charts/decisions.js';
import { energyChart } from './charts/energy.js';
import { hashpriceFanChart, priceFanChart, variantFanChart, worldFanChart } from './charts/fan.js';
import { gpuQueueChart } from './charts/gpu-queue.js';
import { npvDistributionChart } from './charts/npv-distribution.js';
import { pairedDifferenceChart } from './charts/paired-difference.js';
import { revenueMixChart } from './charts/revenue-mix.js';
import { riskReturnChart } from './charts/risk-return.js';
import { sCurveChart } from './charts/s-curve.js';
import { tornadoCharts } from './charts/tornado.js';
import { waterfallChart } from './charts/waterfall.js';

export type { ChartContext };

export function studyCharts(summary: Summary, rows: readonly Row[], ctx: ChartContext): Chart[] {
  const variants = summary.variants.map((v) => v.name);
  const fundingGap = Object.fromEntries(summary.variants.map((v) => [v.name, v.metrics.minCashUSD.mean]));
  const charts: Array<Chart | undefined> = [
    npvDistributionChart(summary, rows, ctx.discountRatePerYear),
    pairedDifferenceChart(summary),
    sCurveChart(summary, rows, ctx.targetUSD ?? 0),
    waterfallChart(summary),
    ...tornadoCharts(summary, ctx.inputUnits ?? new Map()),
    riskReturnChart(summary),
    decisionDatesChart(summary, rows),
    flexibilityChart(summary),
    variantFanChart(ctx.bands, 'cumulativeCashUSD', variants, 'How deep does cumulative cash (after capex) go, and when does it recover?', 'Cash (million USD)', 1e6, fundingGap),
    revenueMixChart(summary),
    variantFanChart(ctx.bands, 'gpuUtilisation', variants, 'How busy are the GPUs?', 'GPU utilisation (%)', 0.01),
    gpuQueueChart(summary),
    priceFanChart(ctx.bands),
    hashpriceFanChart(ctx.bands),
    worldFanChart(ctx.bands, 'networkHashrateEHs', 'Network hashrate', 'Network hashrate (EH/s)'),
    worldFanChart(ctx.bands, 'difficultyT', 'Difficulty', 'Difficulty (T)'),
    energyChart(summary),
    convergenceChart(summary, rows),
  ];
  return charts.filter((c): c is Chart => c !== undefined);
}
