/**
 * A layout's site as the scenario gives it, in canonical units: the grid connection, how its power is
 * priced and contracted, and backup for the HPC halls. Plain data; the scenario reader builds it.
 */
import type { BackupPowerSpec } from './backup-power.js';

export interface SiteConfig {
  readonly gridMW: number;
  /** The price of power bought beyond the PPA block; NaN when the site has a spot market instead. */
  readonly powerPriceUSDPerMWh: number;
  /** MW of fixed-price power paid for whether used or not (0: none). */
  readonly ppaBlockMW: number;
  readonly ppaPriceUSDPerMWh: number;
  /** May unused PPA power be sold back at spot? */
  readonly sellBack: boolean;
  /** UPS and generators that carry the HPC halls (not mining) through grid outages. */
  readonly backup?: BackupPowerSpec;
}
