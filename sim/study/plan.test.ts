import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chunksToRun } from './plan.js';

test('chunks cover every replication not done, once and in order, and shrink to one at the end', () => {
  const done = new Set([3, 4, 10, 250]);
  const chunks = chunksToRun({ start: 0, end: 500 }, done, 5, 2);
  const covered = chunks.flatMap((c) => Array.from({ length: c.end - c.start }, (_, i) => c.start + i));
  assert.equal(covered, Array.from({ length: 500 }, (_, r) => r).filter((r) => !done.has(r)));
  assert.ok(chunks.every((c) => c.end - c.start >= 1 && c.end - c.start <= 5), 'no chunk is empty or over the size');
  // With 2 workers the last 16 replications go one at a time: no thread is left holding a long chunk.
  assert.equal(chunks.slice(-16).map((c) => c.end - c.start), Array(16).fill(1));
  assert.is(chunks.filter((c) => c.end - c.start === 5).length >= 80, true, 'the bulk runs at full size');
});

test('a shard or a resumed range is chunked within its bounds', () => {
  const chunks = chunksToRun({ start: 100, end: 130 }, new Set([100, 101]), 10, 1);
  assert.is(chunks[0].start, 102);
  assert.is(chunks.at(-1)!.end, 130);
  assert.is(chunks.reduce((n, c) => n + c.end - c.start, 0), 28);
});

test.run();
