import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  crsFromEpsg,
  crsProj4,
  gkCrsForLongitude,
  isInChinaLonLat,
  UnsupportedCrsError,
} from '../src/crs/index.ts';

/** `gdalsrsinfo` (GDAL 3.6.2) for EPSG:4491–4554: name, central meridian, false easting. */
const gdalCodes = JSON.parse(
  readFileSync(new URL('./fixtures/area/gdal-cgcs2000-gk-codes.json', import.meta.url), 'utf8'),
) as { epsg: number; name: string; centralMeridianDeg: number; falseEastingM: number }[];

describe('crsFromEpsg', () => {
  it('maps every code 4491–4554 to the zone, central meridian, false easting and name GDAL gives', () => {
    expect(gdalCodes).toHaveLength(64);
    for (const gdal of gdalCodes) {
      const crs = crsFromEpsg(gdal.epsg);
      if (crs.kind !== 'gauss-kruger') throw new Error(`EPSG:${gdal.epsg} is not Gauss-Krüger`);
      expect(crs.epsg).toBe(gdal.epsg);
      expect(crs.name).toBe(gdal.name);
      expect(crs.centralMeridianDeg).toBe(gdal.centralMeridianDeg);
      expect(crs.falseEastingM).toBe(gdal.falseEastingM);
      expect(crs.prefixed).toBe(gdal.falseEastingM !== 500_000);
      expect(crs.zoneWidth).toBe(gdal.epsg >= 4513 ? 3 : 6);
      // Zone number: 3° n = CM/3 (25–45), 6° N = (CM + 3)/6 (13–23); the prefix is the zone number.
      expect(crs.zone).toBe(crs.zoneWidth === 3 ? gdal.centralMeridianDeg / 3 : (gdal.centralMeridianDeg + 3) / 6);
      if (crs.prefixed) expect(crs.falseEastingM).toBe(crs.zone * 1_000_000 + 500_000);
    }
  });

  it('follows the docs/LAND-SURVEY.md (Official area) formulas and spot checks', () => {
    expect(crsFromEpsg(4522)).toMatchObject({ zone: 34, centralMeridianDeg: 102, falseEastingM: 34_500_000 });
    expect(crsFromEpsg(4543)).toMatchObject({ zone: 34, centralMeridianDeg: 102, falseEastingM: 500_000 });
    expect(crsFromEpsg(4524)).toMatchObject({ zone: 36, centralMeridianDeg: 108 });
    expect(crsFromEpsg(4545)).toMatchObject({ zone: 36, centralMeridianDeg: 108, prefixed: false });
    expect(crsFromEpsg(4530)).toMatchObject({ zone: 42, centralMeridianDeg: 126 });
    expect(crsFromEpsg(4551)).toMatchObject({ zone: 42, centralMeridianDeg: 126, prefixed: false });
    for (let n = 25; n <= 45; n++) {
      expect(crsFromEpsg(4488 + n)).toMatchObject({ zone: n, centralMeridianDeg: 3 * n, prefixed: true });
      expect(crsFromEpsg(4509 + n)).toMatchObject({ zone: n, centralMeridianDeg: 3 * n, prefixed: false });
    }
    for (let n = 13; n <= 23; n++) {
      expect(crsFromEpsg(4478 + n)).toMatchObject({ zoneWidth: 6, zone: n, centralMeridianDeg: 6 * n - 3 });
      expect(crsFromEpsg(4489 + n)).toMatchObject({ zoneWidth: 6, zone: n, prefixed: false });
    }
  });

  it('accepts 4490 and 4326 (treated as CGCS2000) as geographic', () => {
    expect(crsFromEpsg(4490)).toEqual({ kind: 'geographic', epsg: 4490, name: 'China Geodetic Coordinate System 2000' });
    expect(crsFromEpsg(4326)).toMatchObject({ kind: 'geographic', epsg: 4326 });
  });

  it.each([3857, 32650, 4214, 2383, 4479, 4490.5, 4555, 4512.1])('rejects EPSG:%s naming the code', (code) => {
    const error = captureError(() => crsFromEpsg(code));
    expect(error).toBeInstanceOf(UnsupportedCrsError);
    expect(error.message).toContain(String(code));
    expect((error as UnsupportedCrsError).code).toBe(code);
  });
});

describe('crsProj4', () => {
  it('gives the PROJ string GDAL gives for each code', () => {
    for (const gdal of gdalCodes) {
      expect(crsProj4(crsFromEpsg(gdal.epsg))).toBe(
        `+proj=tmerc +lat_0=0 +lon_0=${gdal.centralMeridianDeg} +k=1 +x_0=${gdal.falseEastingM} +y_0=0 ` +
          '+ellps=GRS80 +units=m +no_defs',
      );
    }
    expect(crsProj4(crsFromEpsg(4490))).toBe('+proj=longlat +ellps=GRS80 +no_defs');
    expect(crsProj4(crsFromEpsg(4326))).toBe('+proj=longlat +datum=WGS84 +no_defs');
  });
});

describe('gkCrsForLongitude', () => {
  it('finds the 3° zone n = floor((L + 1.5)/3) and the 6° zone N = floor(L/6) + 1', () => {
    expect(gkCrsForLongitude(117.2).epsg).toBe(4527);
    expect(gkCrsForLongitude(117.2, { prefixed: false }).epsg).toBe(4548);
    expect(gkCrsForLongitude(115.5).epsg).toBe(4527); // zone 39 covers [115.5, 118.5)
    expect(gkCrsForLongitude(115.4999).epsg).toBe(4526);
    expect(gkCrsForLongitude(117.2, { zoneWidth: 6 })).toMatchObject({ epsg: 4498, zone: 20, centralMeridianDeg: 117 });
    expect(gkCrsForLongitude(114, { zoneWidth: 6, prefixed: false })).toMatchObject({ epsg: 4509, centralMeridianDeg: 117 });
    expect(gkCrsForLongitude(102.3)).toMatchObject({ epsg: 4522, centralMeridianDeg: 102 });
  });

  it('rejects longitudes outside the zones that have CGCS2000 codes', () => {
    expect(() => gkCrsForLongitude(70)).toThrow(UnsupportedCrsError);
    expect(() => gkCrsForLongitude(136.6)).toThrow(/zone 46/);
    expect(() => gkCrsForLongitude(Number.NaN)).toThrow(UnsupportedCrsError);
  });
});

describe('isInChinaLonLat', () => {
  it('is a coarse envelope 73–136°E, 3–54°N', () => {
    expect(isInChinaLonLat(117, 30)).toBe(true);
    expect(isInChinaLonLat(73.5, 39.4)).toBe(true); // Pamir
    expect(isInChinaLonLat(135.08, 48.4)).toBe(true); // Fuyuan
    expect(isInChinaLonLat(112.3, 3.9)).toBe(true); // Zengmu Ansha
    expect(isInChinaLonLat(30, 117)).toBe(false); // swapped axes
    expect(isInChinaLonLat(-117, 30)).toBe(false);
    expect(isInChinaLonLat(39_509_648, 3_320_117)).toBe(false); // projected metres
    expect(isInChinaLonLat(Number.NaN, 30)).toBe(false);
  });
});

function captureError(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
