/**
 * One colour per variant, the same in every chart: the colour scale's domain is the variant list in
 * scenario order, so a variant keeps its colour whichever subset a chart shows.
 */
// Tableau 10, a categorical palette designed for distinguishable marks.
const TABLEAU10 = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function variantColorScale(variants: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...variants], range: variants.map((_, i) => TABLEAU10[i % TABLEAU10.length]) };
}

/** One colour per NPV segment, the same in every chart that shows segments (a segment not listed takes a neutral grey). */
export const segmentColor = (metric: string): string => SEGMENT_COLORS[metric] ?? '#8c8c8c';

const SEGMENT_COLORS: Readonly<Record<string, string>> = {
  npvMiningUSD: '#f28e2b',
  npvLeaseUSD: '#4e79a7',
  npvGpuCloudUSD: '#59a14f',
  npvPowerBoughtUSD: '#e15759',
  npvPowerSoldUSD: '#b07aa1',
  npvDemandResponseUSD: '#edc948',
  npvOpexUSD: '#9c755f',
  npvCapexUSD: '#bab0ac',
  npvResidualUSD: '#76b7b2',
  npvTerminalUSD: '#ff9da7',
};
