// Public API of the CRS module.
//   crs                    the Crs union (geographic CGCS2000/WGS 84, CGCS2000 Gauss-Krüger) and UnsupportedCrsError
//   epsg                   EPSG code ↔ Crs, the zone of a longitude
//   crs-from-description   recognition from a FlatGeobuf header: EPSG code, else WKT1/WKT2 content
//   wkt-parse              bounded WKT tokenizer/parser (internal)
//   crs-wkt                WKT1 as GDAL writes it
//   proj4-transform        PROJ strings and point transformations through proj4
//   china-envelope         coarse lon/lat envelope of China for validation
//   coordinate-range       the coordinates a CRS can hold at all (checked before any geometry work)
export { UnsupportedCrsError, type Crs, type GaussKrugerCrs, type GeographicCrs, type UnsupportedCrsErrorContext } from './crs.ts';
export { CGCS2000, crsFromEpsg, gkCrsForLongitude, type GkZoneOptions } from './epsg.ts';
export { crsFromDescription, type CrsDescription } from './crs-from-description.ts';
export { crsWkt } from './crs-wkt.ts';
export { crsProj4, makeTransform, toLonLat } from './proj4-transform.ts';
export { isInChinaLonLat } from './china-envelope.ts';
export { boxInRange, coordinateRange, type CoordinateRange } from './coordinate-range.ts';
