// The per-feature checks of a protection layer (validate-protection-layer.ts), on layers made here: every corner of
// a feature's box in China, or the first corner that is not named with its lon/lat.
import { describe, expect, it } from 'vitest';
import { crsFromEpsg, crsWkt, multiPolygon, type MultiPolygon } from '@landwatch/core';
import { FgbWriter, memoryByteSource, readHeader } from '@landwatch/fgb';
import { validateProtectionLayer } from '../src/validate-protection-layer.ts';

const crs = crsFromEpsg(4490);

function box(minLon: number, minLat: number, maxLon: number, maxLat: number): MultiPolygon {
  return multiPolygon([[[[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat], [minLon, minLat]]]]);
}

async function check(boxes: MultiPolygon[]) {
  const writer = new FgbWriter({ name: 'pf', crs: { org: 'EPSG', code: 4490, name: crs.name, wkt: crsWkt(crs) }, columns: [], geometryType: 'MultiPolygon' });
  for (const g of boxes) writer.add(g, {});
  const source = memoryByteSource('pf.fgb', await writer.finishToBytes());
  return validateProtectionLayer('layer pf: pf.fgb', source, await readHeader(source), crs);
}

describe('validateProtectionLayer: features outside China', () => {
  it('passes a layer whose every box lies in China', async () => {
    const r = await check([box(111.6, 26.2, 111.61, 26.21), box(73, 3, 136, 54)]);
    expect(r.reasons).toEqual([]);
    expect(r.features).toBe(2);
  });

  it('names the lower-left corner when it lies outside', async () => {
    const r = await check([box(111.6, 26.2, 111.61, 26.21), box(72.5, 26.2, 111.61, 26.21)]);
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]).toMatch(/^layer pf: pf\.fgb: feature \d: geometry: coordinate \(72\.5, 26\.2\) in EPSG:4490 lies outside China \(lon 72\.5000, lat 26\.2000\); is the CRS label right\?$/);
  });

  it('names the upper-right corner when only it lies outside', async () => {
    const r = await check([box(111.6, 26.2, 136.5, 54.25)]);
    expect(r.reasons).toEqual([
      'layer pf: pf.fgb: feature 0: geometry: coordinate (136.5, 54.25) in EPSG:4490 lies outside China (lon 136.5000, lat 54.2500); is the CRS label right?',
    ]);
  });
});
