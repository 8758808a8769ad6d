/**
 * Backup power for the HPC halls: UPS batteries bridge the seconds until the generators start, and
 * the generators carry up to `capacityMW` for as long as their fuel lasts. Mining gets none of it —
 * it is shed for the whole outage. If the generators fail to start, the UPS carries the load for its
 * ride-through minutes and then the halls go dark too.
 *
 * The campus asks, at each grid outage, until when backup carries the HPC load (`backupCoverageH`,
 * worked out once per replication), and while it does, how much (`backupCarriedMW`).
 */
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from '../market/check.js';

export interface BackupPowerSpec {
  /** Facility power (HPC IT plus its cooling) the generators can supply, MW. */
  capacityMW: number;
  /** Fuel on site, in hours of running at any load up to capacity; tanks are refilled between outages. */
  fuelHours: number;
  /** UPS ride-through, minutes: all the backup there is when the generators fail to start. */
  upsMinutes: number;
  /** Chance the generators fail to start at an outage (0: they always start). */
  startFailureProbability: number;
}

export function checkBackupPower(s: BackupPowerSpec): void {
  requireModelParameter(finite(s.capacityMW) && s.capacityMW >= 0, 'backup', 'capacityMW', s.capacityMW, 'a capacity ≥ 0 MW');
  requireModelParameter(finite(s.fuelHours) && s.fuelHours >= 0, 'backup', 'fuelHours', s.fuelHours, 'a run time ≥ 0 h');
  requireModelParameter(finite(s.upsMinutes) && s.upsMinutes >= 0, 'backup', 'upsMinutes', s.upsMinutes, 'a ride-through ≥ 0 minutes');
  requireModelParameter(finite(s.startFailureProbability) && s.startFailureProbability >= 0 && s.startFailureProbability <= 1, 'backup', 'startFailureProbability', s.startFailureProbability, 'a probability in [0, 1]');
}

/**
 * For each outage [start, end): the hour until which backup carries the HPC load — the outage's
 * end, or earlier when the fuel (or, if the generators fail to start, the UPS) runs out. Draws one
 * uniform per outage from `rng` whatever the failure probability, so layouts with different backup
 * meet the same luck; `rng` may be left out when the generators always start.
 */
export function backupCoverageH(s: BackupPowerSpec, outagesH: ReadonlyArray<readonly [number, number]>, rng?: RandomStream): Float64Array {
  checkBackupPower(s);
  requireModelParameter(rng !== undefined || s.startFailureProbability === 0, 'backup', 'startFailureProbability', s.startFailureProbability, '0 when no random stream is given');
  return backupCoverageFromDraws(s, outagesH, rng ? startDraws(outagesH.length, rng) : undefined);
}

/** The uniforms `backupCoverageH` draws, one per outage: a replication's shared luck at the generators. */
export function startDraws(outages: number, rng: RandomStream): Float64Array {
  const out = new Float64Array(outages);
  for (let i = 0; i < outages; i++) out[i] = rng.next();
  return out;
}

/**
 * As `backupCoverageH`, from uniforms already drawn (`startDraws`): outage i's generators start
 * when draws[i] ≥ the failure probability. Lets every layout of a replication share the draws.
 */
export function backupCoverageFromDraws(s: BackupPowerSpec, outagesH: ReadonlyArray<readonly [number, number]>, draws?: Float64Array): Float64Array {
  checkBackupPower(s);
  requireModelParameter(draws !== undefined ? draws.length >= outagesH.length : s.startFailureProbability === 0, 'backup', 'startFailureProbability', s.startFailureProbability, '0 when no start draws are given (one per outage)');
  const out = new Float64Array(outagesH.length);
  for (let i = 0; i < outagesH.length; i++) {
    const [start, end] = outagesH[i];
    const started = draws ? draws[i] >= s.startFailureProbability : true;
    const runH = s.capacityMW === 0 ? 0 : started ? s.fuelHours : s.upsMinutes / 60;
    out[i] = Math.min(end, start + runH);
  }
  return out;
}

/** HPC facility load (MW) backup carries while it runs, given what the HPC halls would draw. */
export function backupCarriedMW(s: BackupPowerSpec, hpcDemandMW: number): number {
  return hpcDemandMW < s.capacityMW ? hpcDemandMW : s.capacityMW;
}
