// Converts plane geometry (the county's Gauss-Krüger zone) to the output CRS. Always returns fresh arrays, so that
// consumers may modify what they get (pieces of one patch share vertex arrays internally).
import type { MultiPolygon } from '@landwatch/core';
import type { CountyFrame } from './county-frame.ts';

export type OutputCrs = 'gauss-kruger' | 'geographic';

export function outputConverter(frame: CountyFrame, crs: OutputCrs): (g: MultiPolygon) => MultiPolygon {
  if (crs === 'gauss-kruger') return (g) => g.map((polygon) => polygon.map((ring) => ring.map((p) => [p[0], p[1]])));
  return (g) =>
    g.map((polygon) =>
      polygon.map((ring) =>
        ring.map((p) => {
          const [lon, lat] = frame.toLonLat(p[0], p[1]);
          return [Math.round(lon * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9];
        }),
      ),
    );
}

/** EPSG code of the output CRS. */
export function outputEpsg(frame: CountyFrame, crs: OutputCrs): number {
  return crs === 'gauss-kruger' ? frame.gkEpsg : 4490;
}
