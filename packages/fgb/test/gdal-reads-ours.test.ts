// GDAL (ogrinfo) opens our files: feature count, SRS, fields with Chinese titles, and -spat through our index.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bbox, MultiPolygon } from '@landwatch/core';
import { type FgbColumn, FgbWriter } from '@landwatch/fgb';
import { crsFor, hasGdal } from './support/crs-wkt.ts';
import { intersects, seededRandom } from './support/random-layer.ts';
import { multiPolygon } from '@landwatch/core';

const GDAL = hasGdal();
if (!GDAL) console.warn('SKIPPED gdal-reads-ours: ogrinfo is not on the PATH (install gdal-bin to run these tests)');

const COLUMNS: FgbColumn[] = [
  { name: 'piece_id', type: 'string', title: '图斑标识码' },
  { name: 'area_m2', type: 'double', title: '面积（平方米）' },
  { name: 'survey_year', type: 'int', title: '调查年度' },
  { name: 'big', type: 'long', title: '长整数' },
  { name: 'pbf', type: 'bool', title: '永久基本农田' },
  { name: 'gxsj', type: 'datetime', title: '更新时间' },
];

/** Axis-aligned rectangles: for them a bbox test and GDAL's exact -spat geometry test agree. */
function rectangles(seed: number, n: number, extent: Bbox, size: number): Array<{ geometry: MultiPolygon; bbox: Bbox }> {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const minX = extent.minX + rand() * (extent.maxX - extent.minX);
    const minY = extent.minY + rand() * (extent.maxY - extent.minY);
    const maxX = minX + size * (0.2 + rand());
    const maxY = minY + size * (0.2 + rand());
    const geometry: MultiPolygon = multiPolygon([[[[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY], [minX, minY]]]]);
    return { geometry, bbox: { minX, minY, maxX, maxY } };
  });
}

function ogrinfo(args: string[]): string {
  return execFileSync('ogrinfo', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

const CASES = [
  { code: 4527 as const, extent: { minX: 39_500_000, minY: 2_900_000, maxX: 39_520_000, maxY: 2_920_000 }, size: 150 },
  { code: 4490 as const, extent: { minX: 111.5, minY: 26.0, maxX: 111.7, maxY: 26.2 }, size: 0.0015 },
];

describe.skipIf(!GDAL)('GDAL reads our files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fgb-gdal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`EPSG:${c.code}: count, SRS, fields, titles, and -spat counts through the index`, async () => {
      const n = 2500;
      const items = rectangles(c.code, n, c.extent, c.size);
      const writer = new FgbWriter({ name: `layer_${c.code}`, crs: crsFor(c.code), columns: COLUMNS, geometryType: 'MultiPolygon' });
      items.forEach((item, i) => writer.add(item.geometry, {
        piece_id: `P${i}`, area_m2: i * 1.25, survey_year: 2024, big: 2 ** 40 + i, pbf: i % 2 === 0, gxsj: '2024-10-01T08:00:00Z',
      }));
      const path = join(dir, `layer_${c.code}.fgb`);
      await writer.finishToFile(path);

      const summary = ogrinfo(['-ro', '-so', '-al', path]);
      expect(summary).toContain('using driver `FlatGeobuf\' successful');
      expect(summary).toContain(`Layer name: layer_${c.code}`);
      expect(summary).toContain('Geometry: Multi Polygon');
      expect(summary).toMatch(new RegExp(`Feature Count: ${n}\\b`));
      expect(summary).toContain(`ID["EPSG",${c.code}]`);
      for (const line of [
        'piece_id: String', 'area_m2: Real', 'survey_year: Integer', 'big: Integer64', 'pbf: Integer(Boolean)', 'gxsj: DateTime',
      ]) {
        expect(summary).toContain(line);
      }

      // Column titles: GDAL ≥ 3.7 has `ogrinfo -json` (alternativeName); 3.6 prints them as "alternative name=".
      let json: string | null = null;
      try {
        json = ogrinfo(['-ro', '-so', '-json', path]);
      } catch {
        json = null;
      }
      for (const col of COLUMNS) {
        if (json) expect(JSON.stringify(JSON.parse(json))).toContain(`"alternativeName":"${col.title}"`);
        else expect(summary).toMatch(new RegExp(`${col.name}: .*alternative name="${col.title}"`));
      }

      // -spat through our packed R-tree: GDAL's count equals the brute-force count.
      const rand = seededRandom(c.code + 1);
      const w = c.extent.maxX - c.extent.minX;
      for (let q = 0; q < 6; q++) {
        const minX = c.extent.minX + rand() * w * 0.8;
        const minY = c.extent.minY + rand() * w * 0.8;
        const box = { minX, minY, maxX: minX + w * (0.02 + 0.15 * rand()), maxY: minY + w * (0.02 + 0.15 * rand()) };
        const expected = items.filter((it) => intersects(it.bbox, box)).length;
        const out = ogrinfo(['-ro', '-so', '-al', '-spat', String(box.minX), String(box.minY), String(box.maxX), String(box.maxY), path]);
        expect(expected).toBeGreaterThan(0);
        expect(out).toMatch(new RegExp(`Feature Count: ${expected}\\b`));
      }
    });
  }
});
