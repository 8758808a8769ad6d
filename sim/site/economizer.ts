/**
 * Economizer (free-cooling) logic after Lei & Masanet (Energy 2020): the outdoor sink cools the
 * returning coolant as far as ambient + approach. Free cooling carries the whole load while
 * ambient + approach ≤ supply temperature, part of it up to the return temperature (it pre-cools the
 * return stream, mechanical cooling does the rest), and none above.
 */

/**
 * Share of the heat left to mechanical cooling (0: all free, 1: none free) when the ambient
 * (dry or wet bulb, °C) plus the approach meets coolant supplied at `supplyC` and returning at `returnC`.
 */
export function mechanicalShare(ambientC: number, approachC: number, supplyC: number, returnC: number): number {
  const coolestC = ambientC + approachC;
  if (coolestC <= supplyC) return 0;
  if (coolestC >= returnC) return 1;
  // The coolant is cooled from returnC to coolestC for free, from coolestC to supplyC mechanically.
  return (coolestC - supplyC) / (returnC - supplyC);
}
