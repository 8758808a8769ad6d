/** What chart builders read besides the summary and the rows. */
import type { BandRow } from '../sim/study/bands.js';

export interface ChartContext {
  /** The baseline layout's discount rate, for axis titles. */
  discountRatePerYear: number;
  /** Monthly bands of every series. */
  bands: readonly BandRow[];
}
