// Converts plane geometry (the county's Gauss-Krüger zone), built as nested arrays, to the output CRS as the flat
// MultiPolygon the writer takes: the one place where generated shapes become the pipeline's geometry type.
import { multiPolygon, type MultiPolygon, type NestedMultiPolygon } from '@landwatch/core';
import type { CountyFrame } from './county-frame.ts';

export type OutputCrs = 'gauss-kruger' | 'geographic';

export function outputConverter(frame: CountyFrame, crs: OutputCrs): (g: NestedMultiPolygon) => MultiPolygon {
  if (crs === 'gauss-kruger') return multiPolygon;
  return (g) => {
    const out = multiPolygon(g); // a fresh copy: converted in place
    const { xy } = out;
    for (let i = 0; i < xy.length; i += 2) {
      const [lon, lat] = frame.toLonLat(xy[i], xy[i + 1]);
      xy[i] = Math.round(lon * 1e9) / 1e9;
      xy[i + 1] = Math.round(lat * 1e9) / 1e9;
    }
    return out;
  };
}

/** EPSG code of the output CRS. */
export function outputEpsg(frame: CountyFrame, crs: OutputCrs): number {
  return crs === 'gauss-kruger' ? frame.gkEpsg : 4490;
}
