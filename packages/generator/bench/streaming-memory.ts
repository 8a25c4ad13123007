// The generator streams: iterating 200 k of a 1 M-piece county keeps the heap flat (nothing per piece is kept).
// Heap sizes depend on the garbage collector's timing, so this is measured here and not asserted in a test.
// Run: node --import tsx packages/generator/bench/streaming-memory.ts   (or `npm run bench:memory`)
import { generateCounty } from '../src/index.ts';

const started = performance.now();
const county = generateCounty({ seed: 11, changes: 1_000_000 });
const setupMs = performance.now() - started;
const heap: number[] = [];
const lap: number[] = [];
let last = performance.now();
let n = 0;
for (const _ of county.changes()) {
  if (++n % 50_000 === 0) {
    const now = performance.now();
    lap.push(now - last);
    last = now;
    heap.push(process.memoryUsage().heapUsed);
  }
  if (n === 200_000) break;
}
const msPer100k = (lap.reduce((a, b) => a + b, 0) / lap.length) * 2;
const flat = Math.max(...heap) < 250e6 && heap[3] - heap[0] < 60e6;
process.stdout.write(
  `generator, 1 M pieces: setup ${setupMs.toFixed(0)} ms; ${msPer100k.toFixed(0)} ms per 100 k pieces; heap at 50/100/150/200 k: ` +
    `${heap.map((h) => (h / 1e6).toFixed(0)).join(' / ')} MB (flat: peak < 250 MB and growth < 60 MB: ${flat ? 'yes' : 'NO'})\n`,
);
