// A result layer made through a file (features spilled to disk, finished to a path) has the same bytes as the one
// made in memory: finalize picks the file way for large layers only, and a county's files must not depend on that.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crsFromEpsg, multiPolygon, OVERLAP_COLUMNS, type MultiPolygon } from '@landwatch/core';
import { resultLayerBytes, writeResultLayer } from '../src/county-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-layer-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function square(i: number): MultiPolygon {
  const x = 37_500_000 + (i % 100) * 50;
  const y = 2_900_000 + Math.floor(i / 100) * 50;
  return multiPolygon([[[[x, y], [x + 40, y], [x + 40, y + 40], [x, y + 40], [x, y]]]]);
}

describe('writeResultLayer', () => {
  it('writes the bytes resultLayerBytes makes, and leaves no other file behind', async () => {
    const crs = crsFromEpsg(4525);
    const items = Array.from({ length: 3000 }, (_, i) => ({
      row: { alert_id: `LW2024-431102-${String(i).padStart(10, '0')}`, layer_id: 'permanent-farmland', area_m2: 1600 + i / 7, survey_year: 2024 },
      geometry: square((i * 37) % 3000),
    }));
    const bytes = await resultLayerBytes('overlaps', '叠加', crs, OVERLAP_COLUMNS, items);
    const path = join(dir, 'overlaps.fgb');
    await writeResultLayer(path, 'overlaps', '叠加', crs, OVERLAP_COLUMNS, items);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(bytes))).toBe(true);
    expect(readdirSync(dir)).toEqual(['overlaps.fgb']);
  });
});
