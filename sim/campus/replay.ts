/**
 * World replay: a campus reads the world's series at their own times — price steps, fee days,
 * difficulty epochs, halvings, site hours, month ends — and its intervals — grid outages, derates,
 * a hall's failures — as events. Each is one event kind that schedules its own next step, so a
 * series never has more than one event pending, however long it is.
 */
import type { Simulation } from '../core/engine.js';

/** Steps `first` … `count − 1` of a series, step k at `atH(k)`: `apply(k)`, then step k + 1 is scheduled. */
export function replaySteps(sim: Simulation, name: string, count: number, atH: (k: number) => number, priority: number, apply: (k: number) => void, first = 1): void {
  const kind = sim.on(name, (k) => {
    apply(k);
    if (k + 1 < count) sim.schedule(atH(k + 1), kind, k + 1, priority);
  });
  if (first < count) sim.schedule(atH(first), kind, first, priority);
}

/**
 * Half-open intervals [start, end), in order, as edges: `apply(true, i)` when interval i starts and
 * `apply(false, i)` when it ends. The first edge may be moved later (`firstAtH`: a hall's failure
 * that began before the hall opened counts from the opening).
 */
export function replayIntervals(
  sim: Simulation,
  name: string,
  intervalsH: ReadonlyArray<readonly [number, number]>,
  priority: number,
  apply: (starts: boolean, i: number) => void,
  firstAtH = intervalsH.length > 0 ? intervalsH[0][0] : 0,
): void {
  // Edge 2i starts interval i, edge 2i + 1 ends it.
  const kind = sim.on(name, (edge) => {
    const i = edge >> 1;
    const starts = (edge & 1) === 0;
    apply(starts, i);
    if (starts) sim.schedule(intervalsH[i][1], kind, edge + 1, priority);
    else if (i + 1 < intervalsH.length) sim.schedule(intervalsH[i + 1][0], kind, edge + 1, priority);
  });
  if (intervalsH.length > 0) sim.schedule(firstAtH, kind, 0, priority);
}
