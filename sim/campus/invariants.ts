/**
 * The invariants `--check` asserts after every event of a campus run: power drawn within what is
 * available (the grid, less a leased hall's share, or backup during an outage), GPUs busy within
 * GPUs allowed and up, and energy by use summing to the energy drawn. Off by default: a run pays
 * nothing for them unless asked.
 */

/** What the checks read, filled in by the campus after each event. */
export interface CampusSnapshot {
  gridMW: number;
  gridAvailableMW: number;
  backupMW: number;
  backupAvailableMW: number;
  /** GPUs busy, allowed to run (power and cooling), and on nodes that are up; 0 without a hall. */
  gpusBusy: number;
  gpusAllowed: number;
  gpusUp: number;
  /** Rates, MW: each use, and the total drawn. */
  useMW: number;
  drawnMW: number;
  /** Energies up to now, MWh: by use and drawn. */
  useMWh: number;
  drawnMWh: number;
}

/** A broken invariant: names the event after which it was found, and the time. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';

  constructor(
    readonly event: string,
    readonly timeH: number,
    readonly problem: string,
  ) {
    super(`--check: after event '${event}' at t = ${timeH} h: ${problem}`);
  }
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const within = (x: number, limit: number): boolean => x <= limit + 1e-9 * Math.max(1, Math.abs(limit));

/** The first invariant `s` breaks, in words, or undefined when it keeps them all. */
export function campusProblem(s: CampusSnapshot): string | undefined {
  if (!within(s.gridMW, s.gridAvailableMW)) return `power drawn from the grid ${s.gridMW} MW exceeds the ${s.gridAvailableMW} MW available`;
  if (!within(s.backupMW, s.backupAvailableMW)) return `power drawn from backup ${s.backupMW} MW exceeds the ${s.backupAvailableMW} MW available`;
  if (!(s.gpusBusy <= s.gpusAllowed)) return `${s.gpusBusy} GPUs busy, more than the ${s.gpusAllowed} allowed to run`;
  if (!(s.gpusAllowed <= s.gpusUp)) return `${s.gpusAllowed} GPUs allowed to run, more than the ${s.gpusUp} up`;
  if (!near(s.useMW, s.drawnMW)) return `power by use (mining, GPU hall, overhead) ${s.useMW} MW differs from the ${s.drawnMW} MW drawn`;
  if (!near(s.useMWh, s.drawnMWh)) return `energy by use ${s.useMWh} MWh differs from the ${s.drawnMWh} MWh drawn`;
  return undefined;
}
