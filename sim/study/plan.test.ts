import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chunksToRun } from './plan.js';

const sizes = (chunks: ReadonlyArray<{ start: number; end: number }>) => chunks.map((c) => c.end - c.start);

test('chunks cover every replication not done, once and in order, and shrink to one at the end', () => {
  const done = new Set([3, 4, 10, 250]);
  const chunks = chunksToRun({ start: 0, end: 500 }, done, 5, 2, 50);
  const covered = chunks.flatMap((c) => Array.from({ length: c.end - c.start }, (_, i) => c.start + i));
  assert.equal(covered, Array.from({ length: 500 }, (_, r) => r).filter((r) => !done.has(r)));
  assert.ok(chunks.every((c) => c.end - c.start >= 1 && c.end - c.start <= 5), 'no chunk is empty or over the size');
  // With 2 workers the last replications go one at a time (the last 15 here): no thread is left
  // holding a long chunk while the other waits.
  assert.equal(sizes(chunks.slice(-15)), Array(15).fill(1));
  assert.ok(chunks.filter((c) => c.end - c.start === 5).length >= 80, 'the bulk runs at full size');
});

test('no chunk straddles a check point, for any workers: a stopping rule keeps the same replications', () => {
  for (const workers of [1, 2, 3, 8]) {
    for (const [start, end] of [[0, 300], [0, 2000], [17, 1017]]) {
      for (const chunk of chunksToRun({ start, end }, new Set(), 50, workers, 50)) {
        const nextCheck = start + (Math.floor((chunk.start - start) / 50) + 1) * 50;
        assert.ok(chunk.end <= nextCheck, `${workers} workers: chunk ${chunk.start}–${chunk.end} crosses ${nextCheck}`);
      }
    }
  }
});

test('a shard or a resumed range is chunked within its bounds', () => {
  const chunks = chunksToRun({ start: 100, end: 130 }, new Set([100, 101]), 10, 1, 50);
  assert.is(chunks[0].start, 102);
  assert.is(chunks.at(-1)!.end, 130);
  assert.is(chunks.reduce((n, c) => n + c.end - c.start, 0), 28);
});

test.run();
