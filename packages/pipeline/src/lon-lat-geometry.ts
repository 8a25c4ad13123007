// A result geometry in CGCS2000 lon/lat (what KML and the case register store), from the run's CRS.
import { mapVertices, toLonLat, type Crs, type MultiPolygon } from '@landwatch/core';

export function lonLatGeometry(geometry: MultiPolygon, crs: Crs): MultiPolygon {
  if (crs.kind === 'geographic') return geometry;
  const f = toLonLat(crs);
  return mapVertices(geometry, f);
}
