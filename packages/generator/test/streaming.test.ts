import { describe, expect, it } from 'vitest';
import { generateCounty } from '../src/index.ts';

describe('1 M change pieces', () => {
  it('stream lazily: heap stays flat while iterating, and nothing per piece is kept', () => {
    const started = performance.now();
    const county = generateCounty({ seed: 11, changes: 1_000_000 });
    const setupMs = performance.now() - started;
    const total = Object.values(county.expected.changeTypeCounts).reduce((a, b) => a + b, 0) + county.expected.nonDetections;
    expect(total).toBe(1_000_000);
    const heap: number[] = [];
    const lap: number[] = [];
    let last = performance.now();
    let n = 0;
    let vertices = 0;
    for (const f of county.changes()) {
      vertices += f.geometry[0][0].length;
      if (++n % 50_000 === 0) {
        const now = performance.now();
        lap.push(now - last);
        last = now;
        heap.push(process.memoryUsage().heapUsed);
      }
      if (n === 200_000) break;
    }
    const msPer100k = ((lap.reduce((a, b) => a + b, 0) / lap.length) * 2).toFixed(0);
    const mb = heap.map((h) => (h / 1e6).toFixed(0));
    console.info(`1 M pieces: setup ${setupMs.toFixed(0)} ms; ${msPer100k} ms per 100 k pieces; heap at 50/100/150/200 k: ${mb.join(' / ')} MB`);
    expect(vertices).toBeGreaterThan(200_000 * 5);
    // 200 k pieces held in memory would take several hundred MB; the heap must not grow with them.
    expect(Math.max(...heap)).toBeLessThan(250e6);
    expect(heap[3] - heap[0]).toBeLessThan(60e6);
  });
});
