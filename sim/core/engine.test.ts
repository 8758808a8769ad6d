import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Simulation } from './engine.js';
import { SchedulingError } from './scheduling-error.js';
import { randomStream } from './stream.js';

/** A simulation whose single handler records (time, tag) of every event it fires. */
function recorder() {
  const sim = new Simulation(16);
  const fired: Array<[number, number]> = [];
  const kind = sim.on('record', (tag) => fired.push([sim.now, tag]));
  return { sim, fired, kind };
}

test('fires events in time order and moves the clock to each', () => {
  const { sim, fired, kind } = recorder();
  for (const [t, tag] of [[5, 1], [1, 2], [3, 3], [2, 4], [4, 5]]) sim.schedule(t, kind, tag);
  sim.run();
  assert.equal(fired, [[1, 2], [2, 4], [3, 3], [4, 5], [5, 1]]);
  assert.is(sim.now, 5);
});

test('events at the same time fire by priority, then in the order they were scheduled', () => {
  const { sim, fired, kind } = recorder();
  sim.schedule(1, kind, 1, 5);
  sim.schedule(1, kind, 2, 0);
  sim.schedule(1, kind, 3, 5);
  sim.schedule(1, kind, 4, -3);
  sim.schedule(1, kind, 5, 0);
  sim.run();
  assert.equal(fired.map(([, tag]) => tag), [4, 2, 5, 1, 3]);
});

test('rejects NaN, ±Infinity and past times with an error naming the event', () => {
  const { sim, kind } = recorder();
  const named = sim.on('price update', () => {});
  assert.throws(() => sim.schedule(NaN, named), (e: Error) => e instanceof SchedulingError && /'price update'.*NaN/.test(e.message));
  assert.throws(() => sim.schedule(Infinity, kind), /'record'.*Infinity/);
  assert.throws(() => sim.schedule(-Infinity, kind), /'record'/);
  sim.schedule(10, kind);
  sim.run();
  assert.throws(() => sim.schedule(9.5, named), /'price update'.*9\.5 h is before the clock \(10 h\)/);
  assert.throws(() => sim.after(-1, named), /'price update'.*delay -1/);
  assert.throws(() => sim.after(NaN, named), /'price update'/);
});

test('rejects priorities outside the range, fractional priorities and unknown kinds', () => {
  const { sim, kind } = recorder();
  assert.throws(() => sim.schedule(1, kind, 0, 5000), /priority 5000/);
  assert.throws(() => sim.schedule(1, kind, 0, 0.5), /priority 0.5/);
  assert.throws(() => sim.schedule(1, 7), /unknown kind 7/);
  assert.is(sim.pending, 0);
});

test('cancel removes a pending event and ignores ids of fired or cancelled events', () => {
  const { sim, fired, kind } = recorder();
  const a = sim.schedule(1, kind, 1);
  const b = sim.schedule(2, kind, 2);
  sim.schedule(3, kind, 3);
  assert.ok(sim.cancel(b));
  assert.not.ok(sim.cancel(b), 'a second cancel is a no-op');
  assert.is(sim.pending, 2);
  sim.run(1.5);
  assert.not.ok(sim.cancel(a), 'a fired event cannot be cancelled');
  // The freed slot is reused by the next event; the stale id must not cancel it.
  sim.schedule(4, kind, 4);
  assert.not.ok(sim.cancel(a));
  assert.not.ok(sim.cancel(b));
  sim.run();
  assert.equal(fired.map(([, tag]) => tag), [1, 3, 4]);
});

test('random cancellations, most of the queue, leave exactly the survivors in order (against a sorted reference)', () => {
  const rng = randomStream(7, 0, 'engine-test');
  const { sim, fired, kind } = recorder();
  const ids: number[] = [], times: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const t = Math.floor(rng.next() * 1000) / 10; // many ties on purpose
    times.push(t);
    ids.push(sim.schedule(t, kind, i));
  }
  const cancelled = new Set<number>();
  for (let i = 0; i < 4000; i++) { // ~2750 distinct: past half, so the heap is compacted on the way
    const k = Math.floor(rng.next() * ids.length);
    assert.is(sim.cancel(ids[k]), !cancelled.has(k));
    cancelled.add(k);
  }
  assert.is(sim.pending, ids.length - cancelled.size);
  sim.run();
  const expected = times
    .map((t, i) => [t, i] as [number, number])
    .filter(([, i]) => !cancelled.has(i))
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  assert.equal(fired, expected);
});

test('run(until) fires only events before until and leaves the clock at until', () => {
  const { sim, fired, kind } = recorder();
  sim.schedule(1, kind, 1);
  sim.schedule(2, kind, 2);
  sim.schedule(3, kind, 3);
  assert.is(sim.run(2), 1);
  assert.is(sim.now, 2);
  assert.is(sim.pending, 2, 'the event at exactly until waits for the next run');
  assert.is(sim.peek(), 2);
  sim.run(10);
  assert.equal(fired.map(([, tag]) => tag), [1, 2, 3]);
  assert.is(sim.now, 10);
  assert.throws(() => sim.run(5), /before the clock/);
});

test('stop ends the run after the current event and keeps its time', () => {
  const sim = new Simulation();
  let count = 0;
  const tick = sim.on('tick', () => {
    count++;
    if (count === 3) sim.stop();
    sim.after(1, tick);
  });
  sim.schedule(0, tick);
  sim.run(100);
  assert.is(count, 3);
  assert.is(sim.now, 2);
  assert.is(sim.pending, 1);
  sim.run(5);
  assert.is(count, 5, 'a later run continues where stop left off (ticks at 3 and 4)');
});

test('continueAt runs a component\'s next event inline only while it comes before everything pending and the run\'s end', () => {
  // A component with its own stream of events every 1 h from t = 0.5, beside queued events at 2.2
  // and 4: the trace must be the one the queue alone would give, with the after-event hook seeing
  // every event, inline or not.
  const sim = new Simulation();
  const trace: string[] = [];
  let next = 0.5, inline = 0;
  const own = sim.on('own', () => {
    for (;;) {
      trace.push(`own@${sim.now}`);
      next += 1;
      if (!sim.continueAt(next, own)) break;
      inline++;
    }
    sim.schedule(next, own);
  });
  const other = sim.on('other', () => trace.push(`other@${sim.now}`));
  let hooked = 0;
  sim.afterEvent = () => hooked++;
  sim.schedule(0.5, own);
  sim.schedule(2.2, other);
  sim.schedule(4, other);
  assert.is(sim.run(5.5), 7);
  assert.equal(trace, ['own@0.5', 'own@1.5', 'other@2.2', 'own@2.5', 'own@3.5', 'other@4', 'own@4.5']);
  assert.is(inline, 2, '1.5 and 3.5 ran inline; 2.5 waited behind 2.2, 4.5 behind 4, and 5.5 is the end of the run');
  assert.is(sim.eventsProcessed, 7);
  assert.is(hooked, 7);
  assert.is(sim.now, 5.5);
  assert.not.ok(sim.continueAt(6, own), 'outside a run nothing goes inline');
});

test('an after-event hook that stops the run stops inline steps too, and a handler that throws ends the run for them', () => {
  const sim = new Simulation();
  let next = 0.5, handled = 0;
  const own = sim.on('own', () => {
    for (;;) {
      handled++;
      next += 1;
      if (!sim.continueAt(next, own)) break;
    }
    sim.schedule(next, own);
  });
  sim.afterEvent = () => sim.stop();
  sim.schedule(0.5, own);
  sim.run(10);
  assert.is(handled, 1, 'stopped after the first event, as a queued event would be');
  assert.is(sim.now, 0.5);
  const failing = new Simulation();
  const boom = failing.on('boom', () => {
    throw new Error('boom');
  });
  failing.schedule(1, boom);
  assert.throws(() => failing.run(10), /boom/);
  assert.not.ok(failing.continueAt(2, boom), 'the run is over');
});

test('counts events fired and pending, and grows past its initial capacity without losing order', () => {
  const { sim, fired, kind } = recorder();
  const rng = randomStream(3, 0, 'grow');
  const n = 100_000;
  for (let i = 0; i < n; i++) sim.schedule(rng.next() * 1e6, kind, i);
  assert.is(sim.pending, n);
  sim.run();
  assert.is(sim.eventsProcessed, n);
  assert.is(sim.pending, 0);
  for (let i = 1; i < n; i++) if (fired[i][0] < fired[i - 1][0]) assert.unreachable(`out of order at ${i}`);
});

test('identical inputs give identical traces', () => {
  const trace = () => {
    const sim = new Simulation();
    const rng = randomStream(11, 4, 'trace');
    const out: number[] = [];
    const hop = sim.on('hop', (d) => {
      out.push(sim.now, d);
      if (out.length < 20_000) sim.after(Math.floor(rng.next() * 3), hop, d + 1, Math.floor(rng.next() * 3));
    });
    for (let i = 0; i < 10; i++) sim.schedule(0, hop, i * 1000);
    sim.run();
    return out;
  };
  assert.equal(trace(), trace());
});

test.run();
