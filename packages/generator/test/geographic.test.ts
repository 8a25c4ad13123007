import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { generateCounty } from '../src/index.ts';
import { nestedFeature } from './support/fixture.ts';

const GK37 = '+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=37500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

describe('geographic output (EPSG:4490)', () => {
  it('is the Gauss-Krüger output converted with proj4, lon/lat inside 零陵区, properties unchanged', () => {
    const options = { seed: 3, changes: 300, permanentFarmlandPolygons: 400 };
    const gk = generateCounty(options);
    const geo = generateCounty({ ...options, crs: 'geographic' });
    expect(gk.crsEpsg).toBe(4525);
    expect(geo.crsEpsg).toBe(4490);
    const toLonLat = proj4(GK37, '+proj=longlat +ellps=GRS80 +no_defs');
    const a = [...gk.changes()].map(nestedFeature);
    const b = [...geo.changes()].map(nestedFeature);
    expect(b.map((f) => f.properties)).toEqual(a.map((f) => f.properties));
    let worst = 0;
    a.forEach((f, i) => {
      f.geometry.forEach((polygon, p) =>
        polygon.forEach((ring, r) =>
          ring.forEach(([x, y], v) => {
            const [lon, lat] = b[i].geometry[p][r][v];
            const [elon, elat] = toLonLat.forward([x, y]);
            worst = Math.max(worst, Math.abs(lon - elon), Math.abs(lat - elat));
            expect(lon).toBeGreaterThan(111.2);
            expect(lon).toBeLessThan(112.0);
            expect(lat).toBeGreaterThan(25.8);
            expect(lat).toBeLessThan(26.7);
          }),
        ),
      );
    });
    expect(worst).toBeLessThan(1e-8);
    const layerA = [...gk.layers[3].features()].map(nestedFeature);
    const layerB = [...geo.layers[3].features()].map(nestedFeature);
    expect(layerB.map((f) => f.properties)).toEqual(layerA.map((f) => f.properties));
    expect(layerB[0].geometry[0][0][0][0]).toBeCloseTo(toLonLat.forward(layerA[0].geometry[0][0][0] as [number, number])[0], 8);
  });
});
