/**
 * One colour per variant, the same in every chart: the colour scale's domain is the variant list in
 * scenario order, so a variant keeps its colour whichever subset a chart shows.
 */
// Tableau 10, a categorical palette designed for distinguishable marks.
const TABLEAU10 = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function variantColorScale(variants: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...variants], range: variants.map((_, i) => TABLEAU10[i % TABLEAU10.length]) };
}
