// toLonLat of a Gauss-Krüger CRS skips proj4's general transform (proj4-transform.ts): it must give the very doubles
// proj4's transform gives, for every zone and across a zone's whole width, and still reject what proj4 rejects.
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { crsFromEpsg, crsProj4, toLonLat } from '../src/index.ts';

describe('toLonLat of a Gauss-Krüger CRS', () => {
  it('equals proj4 bit for bit (3° zones with prefixed easting, 3° without, 6°)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const epsg of [4513, 4527, 4533, 4534, 4554, 4491, 4502]) {
      const crs = crsFromEpsg(epsg);
      const fast = toLonLat(crs);
      const reference = proj4(crsProj4(crs), '+proj=longlat +ellps=GRS80 +no_defs');
      const falseEasting = crs.kind === 'gauss-kruger' ? crs.falseEastingM : 0;
      for (let i = 0; i < 20_000; i++) {
        const p: [number, number] = [falseEasting + (random() - 0.5) * 700_000, 300_000 + random() * 5_700_000];
        const [lon, lat] = reference.forward([p[0], p[1]]);
        expect(fast(p), `EPSG:${epsg} (${p[0]}, ${p[1]})`).toEqual([lon, lat]);
      }
    }
  });

  it('rejects a non-finite coordinate as proj4 does', () => {
    const fast = toLonLat(crsFromEpsg(4545));
    expect(() => fast([Number.NaN, 3_000_000])).toThrow();
    expect(() => fast([Infinity, 3_000_000])).toThrow();
  });
});
