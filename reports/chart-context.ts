/** What chart builders read besides the summary and the rows. */
import type { BandRow } from '../sim/study/bands.js';

export interface ChartContext {
  /** The baseline layout's discount rate, for axis titles. */
  discountRatePerYear: number;
  /** Monthly bands of every series. */
  bands: readonly BandRow[];
  /** NPV whose probability of being exceeded the S-curves give, USD. */
  targetUSD?: number;
  /** Each uncertain input's canonical unit (undefined: a plain number), by id. */
  inputUnits?: ReadonlyMap<string, string | undefined>;
}
