/**
 * The invariants `--check` asserts after every event of a campus run: power drawn within what is
 * available (the grid, less a leased hall's share, or backup during an outage), energy by use
 * summing to the energy drawn, and each load's own (a GPU hall's GPUs busy within those allowed and
 * up). Off by default: a run pays nothing for them unless asked.
 */
import type { Ledger } from './ledger.js';

/** What the checks read, filled in by the campus after each event. */
export interface CampusSnapshot {
  gridMW: number;
  gridAvailableMW: number;
  backupMW: number;
  backupAvailableMW: number;
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

export const emptySnapshot = (): CampusSnapshot => ({ gridMW: 0, gridAvailableMW: 0, backupMW: 0, backupAvailableMW: 0, useMW: 0, drawnMW: 0, useMWh: 0, drawnMWh: 0 });

/** Reads the campus's books at `nowH` into `s`, with the grid and backup power available now, and checks them (campusProblem). */
export function checkLedger(s: CampusSnapshot, ledger: Ledger, nowH: number, gridAvailableMW: number, backupAvailableMW: number): string | undefined {
  s.gridMW = ledger.gridMW.value;
  s.gridAvailableMW = gridAvailableMW;
  s.backupMW = ledger.backupMW.value;
  s.backupAvailableMW = backupAvailableMW;
  s.useMW = ledger.overheadMW.value;
  s.useMWh = ledger.overheadMW.integralAt(nowH);
  for (const a of ledger.loads) {
    s.useMW += a.itMW.value;
    s.useMWh += a.itMW.integralAt(nowH);
  }
  s.drawnMW = ledger.gridMW.value + ledger.backupMW.value;
  s.drawnMWh = ledger.drawnMWh(nowH);
  return campusProblem(s);
}

/** The first of the campus's own invariants `s` breaks, in words, or undefined when it keeps them all (each load checks its own). */
export function campusProblem(s: CampusSnapshot): string | undefined {
  if (!within(s.gridMW, s.gridAvailableMW)) return `power drawn from the grid ${s.gridMW} MW exceeds the ${s.gridAvailableMW} MW available`;
  if (!within(s.backupMW, s.backupAvailableMW)) return `power drawn from backup ${s.backupMW} MW exceeds the ${s.backupAvailableMW} MW available`;
  if (!near(s.useMW, s.drawnMW)) return `power by use (mining, GPU hall, overhead) ${s.useMW} MW differs from the ${s.drawnMW} MW drawn`;
  if (!near(s.useMWh, s.drawnMWh)) return `energy by use ${s.useMWh} MWh differs from the ${s.drawnMWh} MWh drawn`;
  return undefined;
}
