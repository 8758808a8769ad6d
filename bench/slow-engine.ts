/**
 * Makes an engine deliberately slower, for checking that the gate catches it (check-gate.sh): in
 * the event loop of the given engine.ts, each event's pop from the heap is undone and done again,
 * so the queue work per event is done twice and the run is otherwise the same.
 * usage: node dist/bench/slow-engine.js <path of sim/core/engine.ts>
 */
import { readFileSync, writeFileSync } from 'node:fs';

const POP = `        const slot = this.heapSlot[0];
        const last = --this.size;
        if (last > 0) this.siftDown(0, this.heapTime[last], this.heapKey[last], this.heapSlot[last]);
`;
const POP_TWICE = `        const slot = this.heapSlot[0];
        const key = this.heapKey[0];
        const last = --this.size;
        if (last > 0) this.siftDown(0, this.heapTime[last], this.heapKey[last], this.heapSlot[last]);
        this.siftUp(this.size++, t, key, slot); // slowed on purpose: push the event back …
        const again = --this.size; // … and pop it again
        if (again > 0) this.siftDown(0, this.heapTime[again], this.heapKey[again], this.heapSlot[again]);
`;

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node dist/bench/slow-engine.js <path of sim/core/engine.ts>\n');
  process.exit(2);
}
const source = readFileSync(path, 'utf8');
if (source.split(POP).length !== 2) {
  process.stderr.write(`${path}: the event loop's pop is not written as this script expects (exactly once); update bench/slow-engine.ts\n`);
  process.exit(2);
}
writeFileSync(path, source.replace(POP, POP_TWICE));
process.stderr.write(`${path}: each event's heap pop now done twice\n`);
