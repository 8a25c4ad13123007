// Seeded throughput benchmark of @landwatch/fgb: write, sequential read and bbox queries on realistic polygons
// (≈ 30 vertices, DLTBGXGC-like attributes), with flatgeobuf's own GeoJSON deserializer on the same file for comparison.
// Run: cd /work/main && npx tsx packages/fgb/bench/throughput.ts [features]
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multiPolygon, type Bbox, type MultiPolygon } from '@landwatch/core';
import { type FgbColumn, FgbWriter, openFileByteSource, readFeatures, readHeader } from '@landwatch/fgb';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { handWrittenCrs } from '../test/support/crs-wkt.ts';
import { seededRandom, starPolygon } from '../test/support/random-layer.ts';

const N = Number(process.argv[2] ?? 100_000);
const EXTENT: Bbox = { minX: 39_500_000, minY: 2_900_000, maxX: 39_560_000, maxY: 2_960_000 };
const COLUMNS: FgbColumn[] = [
  { name: 'BSM', type: 'string', title: '标识码' },
  { name: 'BGQDLBM', type: 'string', title: '变更前地类编码' },
  { name: 'BGHDLBM', type: 'string', title: '变更后地类编码' },
  { name: 'BGHZLDWDM', type: 'string', title: '变更后坐落单位代码' },
  { name: 'BGHZLDWMC', type: 'string', title: '变更后坐落单位名称' },
  { name: 'TBBGMJ', type: 'double', title: '图斑变更面积' },
  { name: 'SJNF', type: 'int', title: '数据年份' },
  { name: 'GXSJ', type: 'datetime', title: '更新时间' },
];

function makeFeatures(): Array<{ geometry: MultiPolygon; properties: Record<string, unknown> }> {
  const rand = seededRandom(1);
  const side = Math.sqrt(N);
  const cell = (EXTENT.maxX - EXTENT.minX) / side;
  return Array.from({ length: N }, (_, i) => {
    // Random order over a grid, pieces of about a cell: like a county's change layer before sorting.
    const cx = EXTENT.minX + (rand() * side) * cell;
    const cy = EXTENT.minY + (rand() * side) * cell;
    const geometry: MultiPolygon = multiPolygon([starPolygon(rand, cx, cy, cell * 0.4, 26 + Math.floor(rand() * 9), rand() < 0.1)]);
    return {
      geometry,
      properties: {
        BSM: `4311022024${String(i).padStart(8, '0')}`, BGQDLBM: '0101', BGHDLBM: rand() < 0.5 ? '0702' : '0201',
        BGHZLDWDM: `4311021010010000000`, BGHZLDWMC: '朝阳街道某某村', TBBGMJ: rand() * 5000, SJNF: 2024, GXSJ: '2024-10-01',
      },
    };
  });
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')} features/s`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fgb-bench-'));
  try {
    const features = makeFeatures();
    let vertices = 0;
    for (const f of features) vertices += f.geometry.xy.length / 2;
    console.log(`${N} polygons, ${(vertices / N).toFixed(1)} vertices each on average`);

    for (const spill of [false, true]) {
      const writer = new FgbWriter({ name: 'dltbgxgc', crs: handWrittenCrs(4527), columns: COLUMNS, geometryType: 'MultiPolygon', ...(spill ? { spillDir: dir } : {}) });
      const t0 = performance.now();
      for (const f of features) writer.add(f.geometry, f.properties);
      const t1 = performance.now();
      await writer.finishToFile(join(dir, 'bench.fgb'));
      const t2 = performance.now();
      console.log(`write${spill ? ' (spill)' : ''}: add ${rate(N, t1 - t0)}, finishToFile ${(t2 - t1).toFixed(0)} ms, total ${rate(N, t2 - t0)}`);
    }

    const src = await openFileByteSource(join(dir, 'bench.fgb'));
    const header = await readHeader(src);
    console.log(`file ${(src.size / 1e6).toFixed(1)} MB, index ${(header.indexSize / 1e6).toFixed(2)} MB`);
    let check = 0;
    for (let round = 0; round < 2; round++) {
      const t0 = performance.now();
      let n = 0;
      for await (const f of readFeatures(src, header)) {
        n++;
        check += f.geometry!.ringEnds[0];
      }
      console.log(`sequential read (file source, 4 MiB chunks), round ${round + 1}: ${rate(n, performance.now() - t0)}`);
    }

    const bytes = new Uint8Array(await readFile(join(dir, 'bench.fgb')));
    const t3 = performance.now();
    let m = 0;
    for await (const f of deserialize(bytes)) {
      m++;
      check += (f.geometry as { coordinates: unknown[] }).coordinates.length;
    }
    console.log(`flatgeobuf GeoJSON deserialize of the same bytes: ${rate(m, performance.now() - t3)}`);

    const rand = seededRandom(9);
    const cell = (EXTENT.maxX - EXTENT.minX) / Math.sqrt(N);
    for (const [label, size, queries] of [['≈ 10 pieces', cell * 3, 2000], ['≈ 1 % of the area', (EXTENT.maxX - EXTENT.minX) * 0.1, 100]] as const) {
      let hits = 0;
      const t0 = performance.now();
      for (let q = 0; q < queries; q++) {
        const minX = EXTENT.minX + rand() * (EXTENT.maxX - EXTENT.minX - size);
        const minY = EXTENT.minY + rand() * (EXTENT.maxY - EXTENT.minY - size);
        for await (const f of readFeatures(src, header, { bbox: { minX, minY, maxX: minX + size, maxY: minY + size } })) {
          hits++;
          check += f.featureIndex;
        }
      }
      const ms = (performance.now() - t0) / queries;
      console.log(`bbox query ${label} (file source): ${ms.toFixed(3)} ms/query, ${(hits / queries).toFixed(1)} features/query`);
    }
    await src.close();
    console.log(`checksum ${check}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
