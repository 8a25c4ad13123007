import { describe, expect, it } from 'vitest';
import { generateCounty } from '../src/index.ts';

describe('1 M change pieces', () => {
  // how flat the heap stays is measured by packages/generator/bench/streaming-memory.ts (`npm run bench:memory`)
  it('stream lazily: the counts add up and 200 k pieces come out one by one', () => {
    const county = generateCounty({ seed: 11, changes: 1_000_000 });
    const total = Object.values(county.expected.changeTypeCounts).reduce((a, b) => a + b, 0) + county.expected.nonDetections;
    expect(total).toBe(1_000_000);
    let n = 0;
    let vertices = 0;
    for (const f of county.changes()) {
      vertices += f.geometry.ringEnds[0];
      if (++n === 200_000) break;
    }
    expect(n).toBe(200_000);
    expect(vertices).toBeGreaterThan(200_000 * 5);
  });
});
