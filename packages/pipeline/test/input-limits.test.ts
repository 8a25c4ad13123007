// The per-feature vertex limit and the per-run budget, on GDAL-written layers: a feature or a run over the bound is
// rejected with the bound named, before any geometry is built from it. (The defaults are too large for small
// fixtures, so the limits are passed in; the CLI and the Lambdas use DEFAULT_INPUT_LIMITS.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { landUseCodeTable } from '@landwatch/core';
import { memoryByteSource } from '@landwatch/fgb';
import { afterAll, describe, expect, it } from 'vitest';
import { openChangeLayer, openProtectionLayers, scanChangeLayer } from '../src/index.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-limits-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ring = (lon: number, n: number) => {
  // a closed ring of n positions on a small circle (n − 1 distinct)
  const out: number[][] = [];
  for (let i = 0; i < n - 1; i++) out.push([lon + 0.001 * Math.cos((2 * Math.PI * i) / (n - 1)), 26.2 + 0.001 * Math.sin((2 * Math.PI * i) / (n - 1))]);
  out.push(out[0]);
  return out;
};

function gdal(name: string, vertexCounts: number[], index: boolean): Uint8Array {
  const gj = join(work, `${name}.geojson`);
  writeFileSync(gj, JSON.stringify({
    type: 'FeatureCollection',
    features: vertexCounts.map((n, i) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring(111.6 + i * 0.003, n)] },
      properties: { BSM: `43110220240000000${i}`, BGQDLBM: '0101', BGHDLBM: '0702', BGHZLDWDM: '4311020010010000000', SJNF: 2024 },
    })),
  }));
  const out = join(work, `${name}.fgb`);
  execFileSync('ogr2ogr', ['-f', 'FlatGeobuf', '-lco', `SPATIAL_INDEX=${index ? 'YES' : 'NO'}`, '-a_srs', 'EPSG:4490', out, gj]);
  return new Uint8Array(readFileSync(out));
}

describe('input limits', () => {
  const limits = { maxVerticesPerFeature: 50, maxRunVertices: 100 };

  it('change layer: a feature over the vertex limit is rejected with its BSM; a run over the budget is rejected', async () => {
    const src = memoryByteSource('feature-over-vertex-limit.fgb', gdal('feature-over-vertex-limit', [20, 51, 20], false));
    const opened = await openChangeLayer(src);
    if (!opened.ok) throw new Error(opened.reasons.join('\n'));
    const scan = await scanChangeLayer(opened.layer, landUseCodeTable(), undefined, limits);
    expect(scan.reasons).toEqual([
      'feature-over-vertex-limit.fgb: feature 1 (BSM 431102202400000001): geometry: 51 positions, more than the limit of 50 per feature',
    ]);
    const over = await scanChangeLayer(opened.layer, landUseCodeTable(), undefined, { maxVerticesPerFeature: 60, maxRunVertices: 90 });
    expect(over.reasons).toEqual([
      "feature-over-vertex-limit.fgb: the run's input holds 91 positions, more than the per-run budget of 90 (a bound on memory; split the upload or the protection layer)",
    ]);
  });

  it('protection layer: the same limits, the layer named', async () => {
    const bytes = gdal('layer-over-vertex-limit', [20, 51], true);
    const entry = { id: 'pbf', kind: 'permanent-farmland' as const, title: '永久基本农田', path: 'layer-over-vertex-limit.fgb' };
    const open = async () => memoryByteSource('layer-over-vertex-limit.fgb', bytes);
    const perFeature = await openProtectionLayers([entry], open, { limits });
    expect(perFeature.layers).toEqual([]);
    expect(perFeature.reasons).toEqual([
      // GDAL's Hilbert sort stores the 51-position polygon first: feature numbers are those of the file
      'layer pbf: layer-over-vertex-limit.fgb: feature 0: geometry: 51 positions, more than the limit of 50 per feature',
    ]);
    const budget = await openProtectionLayers([entry], open, { limits: { maxVerticesPerFeature: 60, maxRunVertices: 70 } });
    expect(budget.reasons).toEqual([
      "protection layers: the run's input holds 71 positions, more than the per-run budget of 70 (a bound on memory; split the upload or the protection layer)",
    ]);
  });
});
