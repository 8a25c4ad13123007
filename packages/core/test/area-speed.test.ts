// The area micro-benchmark must keep running (it is not part of the timed benchmark suite otherwise). Speed is
// measured, never asserted: the figures are annotations (--reporter=verbose); only the checksum is checked, which
// also guards the timed loop against dead-code elimination.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Timing {
  cpuUs: number;
  wallUs: number;
  checksum: number;
}

describe('official area speed', () => {
  it('runs the 30-vertex parcel micro-benchmark and reports µs per parcel', ({ annotate }) => {
    const script = fileURLToPath(new URL('./fixtures/area/speed-bench.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    const result = JSON.parse(out) as Record<'gaussKrugerOfficial' | 'gaussKrugerUnrounded' | 'geographicOfficial', Timing>;
    for (const timing of Object.values(result)) {
      expect(timing.checksum).toBeGreaterThan(0);
      expect(timing.cpuUs).toBeGreaterThan(0);
    }
    const f = (t: Timing): string => `${t.cpuUs.toFixed(2)} / ${t.wallUs.toFixed(2)}`;
    void annotate(
      `µs per 30-vertex parcel (CPU / wall): Gauss-Krüger officialAreaM2 ${f(result.gaussKrugerOfficial)}, ` +
        `ellipsoidalAreaM2 ${f(result.gaussKrugerUnrounded)}, EPSG:4490 officialAreaM2 ${f(result.geographicOfficial)}`,
    );
  });
});
