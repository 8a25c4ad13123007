// WKT1 of the CRSs used in the tests: from `gdalsrsinfo -o wkt1` when GDAL is installed, else hand-written.
import { execFileSync } from 'node:child_process';
import type { FgbCrs } from '@landwatch/fgb';

const CGCS2000_GEOGCS =
  'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,' +
  'AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]]';

const HAND_WRITTEN: Record<number, string> = {
  4490: `${CGCS2000_GEOGCS},AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]`,
  4527:
    `PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 39",${CGCS2000_GEOGCS},AUTHORITY["EPSG","4490"]],` +
    'PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],' +
    'PARAMETER["scale_factor",1],PARAMETER["false_easting",39500000],PARAMETER["false_northing",0],' +
    'UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4527"]]',
};

/** True when the GDAL command-line tools are on the PATH. */
export function hasGdal(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export function crsFor(code: 4490 | 4527): FgbCrs {
  let wkt = HAND_WRITTEN[code];
  if (hasGdal()) wkt = execFileSync('gdalsrsinfo', ['-o', 'wkt1', `EPSG:${code}`], { encoding: 'utf8' }).trim();
  return { org: 'EPSG', code, wkt };
}

/** The hand-written WKT, for tests that must not depend on GDAL. */
export function handWrittenCrs(code: 4490 | 4527): FgbCrs {
  return { org: 'EPSG', code, wkt: HAND_WRITTEN[code] };
}
