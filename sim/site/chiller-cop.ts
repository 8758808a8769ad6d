/**
 * Chiller efficiency: the coefficient of performance (heat removed per unit of electricity) from the
 * fit in Lei & Masanet's data-centre PUE tool (Energy 2020):
 *   COP = 16.80 + 0.00884·t² − 8.53·L² + 9.89·L − 0.761·t + 0.0846·L·t
 * with t the temperature the chiller rejects heat to (°C) and L its part load (0–1).
 */

// The fitted quadratic turns back up beyond its vertex in t (≈ 38 °C at full load), which would
// make a hotter day cheaper to chill. Past the vertex we hold the COP at its minimum; below 10 %
// part load a chiller cycles on and off rather than running slower, so L is held at 0.1.
const MIN_PART_LOAD = 0.1;

/** Chiller COP at heat-sink temperature `sinkC` (°C) and part load `partLoad` (0–1). */
export function chillerCop(sinkC: number, partLoad: number): number {
  const l = partLoad < MIN_PART_LOAD ? MIN_PART_LOAD : partLoad > 1 ? 1 : partLoad;
  const vertexC = (0.761 - 0.0846 * l) / (2 * 0.00884);
  const t = sinkC > vertexC ? vertexC : sinkC;
  return 16.8 + 0.00884 * t * t - 8.53 * l * l + 9.89 * l - 0.761 * t + 0.0846 * l * t;
}
