/**
 * The campus's situation at the current event, as its loads read it: the clock, the hour and day of
 * the horizon, the grid (up, derated, which outage), backup, the spot price, the bitcoin market and
 * the demand-response calls. The campus's event handlers keep it current; loads only read it.
 */
import type { Simulation } from '../core/engine.js';
import { blockSubsidyBTC } from '../network/subsidy.js';
import type { SiteConfig } from '../site/config.js';
import { type PowerContract, marginalPriceUSDPerMWh } from '../site/dispatch.js';
import type { BackupPlan } from './backup-plan.js';
import type { VariantNetwork } from './variant-network.js';
import type { World } from './world.js';

export class SiteState {
  /** The hour of the horizon the site's hourly inputs are read at (0 when there are none), and the day. */
  hour = 0;
  day = 0;
  gridUp = true;
  /** In a partial grid derate (the world's derateLostShare of the connection gone). */
  derated = false;
  /** The grid outage under way, or the last one. */
  outageIndex = -1;
  /** Is backup carrying the halls through the outage under way? */
  backupUp = false;
  spotUSDPerMWh: number;
  readonly contract: PowerContract;
  /** The bitcoin market now: BTC price, fee share of the reward, difficulty, block subsidy. */
  priceUSD: number;
  feeShare: number;
  difficulty: number;
  subsidyBTC: number;
  /** Facility power the campus's other billed loads draw now, for a load deciding whether its next MWh pays. */
  othersDrawMW: (self: object) => number = () => 0;

  private readonly gridMW: number;
  private readonly derateLostShare: number;
  /** Per hour, the demand-response bits of the programs that call (undefined: none). */
  private readonly drFlags: Uint8Array | undefined;

  /** The site at the start of the horizon. */
  constructor(
    private readonly sim: Simulation,
    site: SiteConfig,
    world: World,
    network: VariantNetwork,
    startHeight: number,
    private readonly backup: BackupPlan,
  ) {
    this.contract = site;
    this.gridMW = site.gridMW;
    this.derateLostShare = world.derateLostShare;
    this.drFlags = world.demandResponse?.flags;
    this.priceUSD = world.priceUSD[0];
    this.feeShare = world.feeShare[0];
    this.difficulty = network.epochDifficulty[0];
    this.subsidyBTC = blockSubsidyBTC(startHeight);
    this.spotUSDPerMWh = world.spotUSDPerMWh ? world.spotUSDPerMWh[0] : site.powerPriceUSDPerMWh;
  }

  get nowH(): number {
    return this.sim.now;
  }

  /** The grid connection available now, MW: less a derate's lost share. */
  connectionMW(): number {
    return this.gridMW * (this.derated ? 1 - this.derateLostShare : 1);
  }

  /**
   * Facility power the loads may share now, MW: the connection; in an outage, what backup holds for
   * the owned halls after a leased hall's share (backup-plan.ts), or nothing once it is spent.
   */
  supplyMW(): number {
    if (this.gridUp) return this.connectionMW();
    return this.backupUp ? this.backup.hallCapacityMW(this.outageIndex) : 0;
  }

  /**
   * Grid outage `i`, ending at `endH`, starts or ends now. Returns the hour backup runs out when that
   * comes before the outage's end (NaN otherwise): the campus schedules it.
   */
  outageEdge(starts: boolean, i: number, endH: number): number {
    const untilH = this.backup.untilH[i];
    this.gridUp = !starts;
    this.outageIndex = i;
    this.backupUp = starts && untilH > this.sim.now;
    return this.backupUp && untilH < endH ? untilH : NaN;
  }

  /** The demand-response bits calling in hour `h` (0: none). */
  drCall(h: number): number {
    return this.drFlags !== undefined ? this.drFlags[h] : 0;
  }

  /** What one more MWh costs if `self` draws `ownMW` beside what the other billed loads draw now. */
  marginalPriceUSDPerMWh(self: object, ownMW: number): number {
    // With sell-back the marginal MWh costs spot whatever is drawn: the others' draw need not be summed.
    if (this.contract.sellBack) return this.spotUSDPerMWh;
    return marginalPriceUSDPerMWh(ownMW + this.othersDrawMW(self), this.contract, this.spotUSDPerMWh);
  }
}
