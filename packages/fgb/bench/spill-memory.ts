// Memory held by the spilling FlatGeobuf writer: 200 k features added, heap + array-buffer growth measured with
// forced GCs. Per feature it should keep only bbox, location and length (4 doubles + 2 numbers, arrays grown by
// doubling: ≤ 100 B) plus a 4 MiB write buffer — far below the encoded size.
// Run: node --expose-gc --import tsx packages/fgb/bench/spill-memory.ts   (or `npm run bench:memory`)
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multiPolygon, type MultiPolygon } from '@landwatch/core';
import { FgbWriter } from '@landwatch/fgb';
import { handWrittenCrs } from '../test/support/crs-wkt.ts';
import { seededRandom } from '../test/support/random-layer.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function usedBytes(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const N = 200_000;
const dir = mkdtempSync(join(tmpdir(), 'fgb-spill-'));
try {
  const rand = seededRandom(3);
  const before = usedBytes();
  const writer = new FgbWriter({
    name: 'spill', crs: handWrittenCrs(4527), geometryType: 'Polygon', spillDir: dir,
    columns: [{ name: 'id', type: 'int' }, { name: 'code', type: 'string', title: '地类编码' }],
  });
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const x = 39_500_000 + rand() * 50_000;
    const y = 2_900_000 + rand() * 50_000;
    const g: MultiPolygon = multiPolygon([[[[x, y], [x + 30, y], [x + 30, y + 20], [x, y + 20], [x, y]]]]);
    writer.add(g, { id: i, code: '0101' });
  }
  const addMs = performance.now() - t0;
  const encodedBytes = statSync(join(dir, readdirSync(dir)[0])).size;
  const growth = usedBytes() - before;
  const t1 = performance.now();
  await writer.finishToFile(join(dir, 'spill.fgb'));
  const finishMs = performance.now() - t1;
  const bound = N * 100 + 8 * 1024 * 1024;
  process.stdout.write(
    `spill writer: ${N} features, encoded ${(encodedBytes / 1e6).toFixed(1)} MB; heap+arrayBuffers growth after add ` +
      `${(growth / 1e6).toFixed(1)} MB (${(growth / N).toFixed(0)} B/feature; expected < ${(bound / 1e6).toFixed(1)} MB and < half the encoded size: ` +
      `${growth < bound && growth < encodedBytes / 2 ? 'yes' : 'NO'}); add ${addMs.toFixed(0)} ms, finish ${finishMs.toFixed(0)} ms\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
