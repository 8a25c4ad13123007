import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crsFromDescription, crsFromEpsg, crsWkt, UnsupportedCrsError, type Crs } from '../src/crs/index.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/area/${name}`, import.meta.url), 'utf8');

/** `gdalsrsinfo --single-line -o wkt1 EPSG:n` (GDAL 3.6.2) for 4326, 4490, 4491–4554. */
const gdalWkt1 = JSON.parse(fixture('gdal-wkt1-single-line.json')) as Record<string, string>;
const SUPPORTED = Object.keys(gdalWkt1).map(Number);

/** The WKT without any AUTHORITY[…] / ID[…] node, so that only its content can identify it. */
function withoutIds(wkt: string): string {
  const stripped = wkt.replace(/,\s*(AUTHORITY|ID)\[[^[\]]*\]/g, '');
  expect(stripped).not.toMatch(/\b(AUTHORITY|ID)\[/);
  return stripped;
}

function rejection(d: Parameters<typeof crsFromDescription>[0]): UnsupportedCrsError {
  try {
    crsFromDescription(d);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedCrsError);
    return error as UnsupportedCrsError;
  }
  throw new Error('expected UnsupportedCrsError');
}

const gdalAvailable = (() => {
  try {
    execFileSync('gdalsrsinfo', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

describe('crsWkt', () => {
  it('writes exactly the WKT1 GDAL writes, for all 66 supported codes', () => {
    expect(SUPPORTED).toHaveLength(66);
    for (const code of SUPPORTED) expect(crsWkt(crsFromEpsg(code)), `EPSG:${code}`).toBe(gdalWkt1[code]);
  });

  it('reads back as the same CRS, with and without the authority codes', () => {
    for (const code of SUPPORTED) {
      const crs = crsFromEpsg(code);
      expect(crsFromDescription({ wkt: crsWkt(crs) })).toEqual(crs);
      expect(crsFromDescription({ code: 0, wkt: withoutIds(crsWkt(crs)) }), `EPSG:${code} by content`).toEqual(crs);
    }
  });

  it.skipIf(!gdalAvailable)('is identified by GDAL itself as the EPSG code (gdalsrsinfo -e)', () => {
    for (const code of [4490, 4527, 4548, 4502, 4497]) {
      const out = execFileSync('gdalsrsinfo', ['-e', '-o', 'epsg', crsWkt(crsFromEpsg(code))], { encoding: 'utf8' });
      expect(out.trim()).toBe(`EPSG:${code}`);
    }
  });
});

describe('crsFromDescription', () => {
  it('recognises by EPSG code first (org EPSG or absent), whatever the WKT says', () => {
    expect(crsFromDescription({ org: 'EPSG', code: 4527 }).epsg).toBe(4527);
    expect(crsFromDescription({ code: 4548, wkt: 'garbage' }).epsg).toBe(4548);
    expect(crsFromDescription({ org: 'epsg', code: 4490, name: 'CGCS2000' }).epsg).toBe(4490);
  });

  it('recognises GDAL WKT1 and WKT2 for EPSG:4527, with and without their ID nodes', () => {
    for (const name of ['gdal-epsg-4527.wkt1.txt', 'gdal-epsg-4527.wkt2.txt']) {
      const wkt = fixture(name);
      expect(crsFromDescription({ code: 0, wkt })).toEqual(crsFromEpsg(4527));
      expect(crsFromDescription({ wkt: withoutIds(wkt) })).toEqual(crsFromEpsg(4527));
    }
    expect(crsFromDescription({ wkt: fixture('gdal-epsg-4490.wkt2.txt') })).toEqual(crsFromEpsg(4490));
    expect(crsFromDescription({ wkt: withoutIds(fixture('gdal-epsg-4490.wkt2.txt')) })).toEqual(crsFromEpsg(4490));
    expect(crsFromDescription({ wkt: withoutIds(fixture('gdal-epsg-4490.wkt1.txt')) })).toEqual(crsFromEpsg(4490));
  });

  it('recognises ESRI WKT (.prj as written by ArcGIS), telling 3° from 6° zones without prefix by name', () => {
    expect(crsFromDescription({ wkt: fixture('gdal-epsg-4527.esri.txt') }).epsg).toBe(4527);
    expect(crsFromDescription({ wkt: fixture('gdal-epsg-4548.esri.txt') }).epsg).toBe(4548); // 3_Degree_GK_CM_117E
    expect(crsFromDescription({ wkt: fixture('gdal-epsg-4502.esri.txt') }).epsg).toBe(4502); // GK_CM_75E (6°)
    expect(crsFromDescription({ wkt: fixture('gdal-epsg-4490.esri.txt') }).epsg).toBe(4490);
  });

  it('takes the zone width hint from the header name when the WKT has no telling name', () => {
    const plain = withoutIds(crsWkt(crsFromEpsg(4544))).replace('CGCS2000 / 3-degree Gauss-Kruger CM 105E', 'unnamed');
    expect(crsFromDescription({ wkt: plain }).epsg).toBe(4544); // CM 105 is also a 6° zone: 3° is the default
    expect(crsFromDescription({ wkt: plain, name: 'CGCS2000 / Gauss-Kruger CM 105E' }).epsg).toBe(4507);
  });

  it('accepts a WGS 84 WKT as 4326 (treated as CGCS2000)', () => {
    expect(crsFromDescription({ wkt: withoutIds(gdalWkt1[4326]!) })).toMatchObject({ kind: 'geographic', epsg: 4326 });
  });

  it.each([3857, 32650, 4214, 2383])('rejects EPSG:%s naming the code', (code) => {
    const error = rejection({ org: 'EPSG', code });
    expect(error.code).toBe(code);
    expect(error.message).toContain(`EPSG:${code}`);
  });

  it('rejects a WKT whose authority is an unsupported EPSG code, naming the code', () => {
    const error = rejection({ code: 0, wkt: fixture('gdal-epsg-32650.wkt2.txt') });
    expect(error.code).toBe(32650);
    expect(error.message).toContain('EPSG:32650');
    expect(error.message).toContain('WGS 84 / UTM zone 50N');
  });

  it('rejects Transverse Mercator on other datums by content: Xian 1980 (2383), Beijing 1954 (2435), UTM', () => {
    const xian = rejection({ wkt: withoutIds(fixture('gdal-epsg-2383.wkt1.txt')) });
    expect(xian.message).toMatch(/Xian_1980.*neither CGCS2000/);
    expect(xian.wktExcerpt).toContain('PROJCS["Xian 1980 / 3-degree Gauss-Kruger CM 114E"');
    expect(rejection({ wkt: withoutIds(fixture('gdal-epsg-2435.wkt1.txt')) }).message).toMatch(/Beijing_1954/);
    expect(rejection({ wkt: withoutIds(fixture('gdal-epsg-32650.wkt2.txt')) }).message).toMatch(/not based on CGCS2000/);
  });

  it('rejects CGCS2000 Transverse Mercator that is no zone, saying why', () => {
    const base = withoutIds(crsWkt(crsFromEpsg(4527)));
    expect(rejection({ wkt: base.replace('"central_meridian",117', '"central_meridian",117.5') }).message).toMatch(
      /central meridian 117.5/,
    );
    expect(rejection({ wkt: base.replace('"scale_factor",1', '"scale_factor",0.9996') }).message).toMatch(/k 0.9996/);
    expect(rejection({ wkt: base.replace('"false_easting",39500000', '"false_easting",40500000') }).message).toMatch(
      /identifies no CGCS2000 Gauss-Kruger zone/,
    );
    expect(rejection({ wkt: base.replace('UNIT["metre",1]', 'UNIT["US survey foot",0.304800609601219]') }).message).toMatch(
      /linear unit/,
    );
    expect(rejection({ wkt: base.replace('Transverse_Mercator', 'Lambert_Conformal_Conic_2SP') }).message).toMatch(
      /not Transverse Mercator/,
    );
  });

  it('rejects missing, foreign and malformed descriptions with what was found', () => {
    expect(rejection({}).message).toMatch(/no EPSG code and no WKT/);
    // FlatGeobuf headers carry null for absent fields.
    expect(rejection({ org: null, code: 0, name: null, wkt: null }).message).toMatch(/^unsupported CRS: no CRS code and no WKT/);
    expect(crsFromDescription({ org: null, code: 4527, name: null, wkt: null }).epsg).toBe(4527);
    expect(rejection({ code: 0, wkt: '  ' }).message).toMatch(/no EPSG code and no WKT/);
    expect(rejection({ org: 'ESRI', code: 102100 }).message).toContain('ESRI:102100');
    const malformed = rejection({ wkt: 'PROJCS["broken", GEOGCS[' });
    expect(malformed.message).toMatch(/malformed WKT/);
    expect(malformed.cause).toBeInstanceOf(Error);
    expect(rejection({ wkt: 'VERTCRS["height",VDATUM["x"]]' }).message).toMatch(/neither geographic nor projected/);
    expect(rejection({ wkt: `GEOGCS["x"${',GEOGCS["x"'.repeat(40)}${']'.repeat(41)}` }).message).toMatch(/nested deeper/);
    expect(rejection({ wkt: 'x'.repeat(70_000) }).wktExcerpt?.length).toBeLessThan(210);
  });

  it('keeps the Crs objects stable (frozen, equal for equal codes)', () => {
    const crs: Crs = crsFromEpsg(4527);
    expect(Object.isFrozen(crs)).toBe(true);
    expect(crsFromEpsg(4527)).toEqual(crs);
  });
});
