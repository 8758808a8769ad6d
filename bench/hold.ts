/**
 * The classic hold model: N events pending; each fired event schedules one more at now + Exp(1).
 * It measures the queue and the dispatch alone — the same work as the bare-heap reference plus
 * what the engine adds (handler dispatch, pooled records, cancellable ids).
 */
import { Simulation } from '../sim/core/engine.js';
import { randomStream } from '../sim/core/stream.js';

/** Events per second for `ops` hold operations with `pending` events in the queue. */
export function holdEventsPerSecond(pending: number, ops: number): number {
  const sim = new Simulation(pending + 16);
  const rng = randomStream(1, 0, 'bench.hold');
  let left = ops;
  const hold = sim.on('hold', () => {
    if (--left > 0) sim.schedule(sim.now - Math.log(1 - rng.next()), hold);
    else sim.stop();
  });
  for (let i = 0; i < pending; i++) sim.schedule(-Math.log(1 - rng.next()), hold);
  const t0 = process.hrtime.bigint();
  sim.run();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return ops / s;
}
