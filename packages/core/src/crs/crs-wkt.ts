// WKT1 of a supported CRS, written as GDAL writes it (`gdalsrsinfo --single-line -o wkt1 EPSG:n`), so GDAL,
// QGIS and our own reader identify it as that EPSG code.

import type { Crs } from './crs.ts';

const CGCS2000_GEOGCS =
  'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",' +
  'SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]]';

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],' +
  'AUTHORITY["EPSG","4326"]]';

/** WKT1 (GDAL flavour, single line) with the EPSG authority code. */
export function crsWkt(crs: Crs): string {
  if (crs.kind === 'geographic') {
    if (crs.epsg === 4326) return WGS84_WKT;
    return `${CGCS2000_GEOGCS},AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]`;
  }
  return (
    `PROJCS["${crs.name}",${CGCS2000_GEOGCS},AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],` +
    `PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",${crs.centralMeridianDeg}],` +
    `PARAMETER["scale_factor",1],PARAMETER["false_easting",${crs.falseEastingM}],PARAMETER["false_northing",0],` +
    `UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],` +
    `AUTHORITY["EPSG","${crs.epsg}"]]`
  );
}
