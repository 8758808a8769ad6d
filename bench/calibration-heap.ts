/**
 * campus-sim's own calibration loop, used as the reference when `../shared/bench-ref/hold-ref.mjs`
 * is not beside the checkout: the hold model (pop the earliest event, push one at now + Exp(1)) on
 * a bare binary heap of two typed arrays, no handlers, no records. It takes the same arguments and
 * prints the same JSON line as the shared script, so either can be run the same way.
 * usage: node dist/bench/calibration-heap.js [pending=1000] [ops=10000000]
 */
const pending = Number(process.argv[2]) || 1000;
const ops = Number(process.argv[3]) || 1e7;

const time = new Float64Array(pending + 1);
const order = new Float64Array(pending + 1); // insertion counter: ties fire first in, first out
let size = 0;
let inserted = 0;

function earlier(a: number, b: number): boolean {
  return time[a] < time[b] || (time[a] === time[b] && order[a] < order[b]);
}

function exchange(a: number, b: number): void {
  const t = time[a];
  time[a] = time[b];
  time[b] = t;
  const o = order[a];
  order[a] = order[b];
  order[b] = o;
}

function push(t: number): void {
  let i = size++;
  time[i] = t;
  order[i] = inserted++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!earlier(i, parent)) break;
    exchange(i, parent);
    i = parent;
  }
}

function pop(): number {
  const top = time[0];
  size--;
  time[0] = time[size];
  order[0] = order[size];
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    let first = i;
    if (left < size && earlier(left, first)) first = left;
    if (left + 1 < size && earlier(left + 1, first)) first = left + 1;
    if (first === i) return top;
    exchange(i, first);
    i = first;
  }
}

// xorshift32: a generator costs next to nothing, so the loop times the heap.
let state = 2463534242;
function uniform(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}
const exponential = (): number => -Math.log(1 - uniform());

for (let i = 0; i < pending; i++) push(exponential());
for (let k = 0; k < 1e6; k++) push(pop() + exponential()); // warm-up: let the JIT settle first
const t0 = process.hrtime.bigint();
for (let k = 0; k < ops; k++) push(pop() + exponential());
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ name: 'calibration-heap', pending, ops, opsPerSecond: Math.round(ops / s) }));
