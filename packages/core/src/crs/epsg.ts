// EPSG codes of the supported CRSs (docs/LAND-SURVEY.md (Official area)): CGCS2000 geographic and its Gauss-Krüger zones.

import { UnsupportedCrsError, type Crs, type GaussKrugerCrs, type GeographicCrs } from './crs.ts';

/** 3° zones used in China: n = 25 … 45, central meridian 3n. */
const ZONE3_FIRST = 25;
const ZONE3_LAST = 45;
/** 6° zones used in China: N = 13 … 23, central meridian 6N − 3. */
const ZONE6_FIRST = 13;
const ZONE6_LAST = 23;
/** EPSG = offset + zone (docs/LAND-SURVEY.md (Official area) table). */
const EPSG_ZONE3_PREFIXED = 4488; // 4513–4533
const EPSG_ZONE3_PLAIN = 4509; // 4534–4554
const EPSG_ZONE6_PREFIXED = 4478; // 4491–4501
const EPSG_ZONE6_PLAIN = 4489; // 4502–4512
/** Easting of the central meridian without zone prefix. */
const FALSE_EASTING_M = 500_000;
const ZONE_PREFIX_M = 1_000_000;

export const CGCS2000: GeographicCrs = Object.freeze({
  kind: 'geographic',
  epsg: 4490,
  name: 'China Geodetic Coordinate System 2000',
});

export const WGS84_AS_CGCS2000: GeographicCrs = Object.freeze({ kind: 'geographic', epsg: 4326, name: 'WGS 84' });

/** The CRS of a supported EPSG code; throws UnsupportedCrsError (naming the code) for any other. */
export function crsFromEpsg(code: number): Crs {
  if (code === 4490) return CGCS2000;
  if (code === 4326) return WGS84_AS_CGCS2000;
  if (!Number.isInteger(code)) throw new UnsupportedCrsError({ org: 'EPSG', code });
  if (code >= EPSG_ZONE3_PREFIXED + ZONE3_FIRST && code <= EPSG_ZONE3_PREFIXED + ZONE3_LAST) {
    return gaussKruger(3, code - EPSG_ZONE3_PREFIXED, true);
  }
  if (code >= EPSG_ZONE3_PLAIN + ZONE3_FIRST && code <= EPSG_ZONE3_PLAIN + ZONE3_LAST) {
    return gaussKruger(3, code - EPSG_ZONE3_PLAIN, false);
  }
  if (code >= EPSG_ZONE6_PREFIXED + ZONE6_FIRST && code <= EPSG_ZONE6_PREFIXED + ZONE6_LAST) {
    return gaussKruger(6, code - EPSG_ZONE6_PREFIXED, true);
  }
  if (code >= EPSG_ZONE6_PLAIN + ZONE6_FIRST && code <= EPSG_ZONE6_PLAIN + ZONE6_LAST) {
    return gaussKruger(6, code - EPSG_ZONE6_PLAIN, false);
  }
  throw new UnsupportedCrsError({ org: 'EPSG', code });
}

/** Options of gkCrsForLongitude. */
export interface GkZoneOptions {
  /** 3° (default) or 6° zones. */
  zoneWidth?: 3 | 6;
  /** Eastings with the zone prefix (default true, as in most 三调 deliveries). */
  prefixed?: boolean;
}

/** The CGCS2000 Gauss-Krüger CRS whose zone contains a longitude (3° zone n = floor((L + 1.5)/3), 6° N = floor(L/6) + 1). */
export function gkCrsForLongitude(lonDeg: number, opts: GkZoneOptions = {}): GaussKrugerCrs {
  const zoneWidth = opts.zoneWidth ?? 3;
  const prefixed = opts.prefixed ?? true;
  const zone = zoneWidth === 3 ? Math.floor((lonDeg + 1.5) / 3) : Math.floor(lonDeg / 6) + 1;
  const [first, last] = zoneWidth === 3 ? [ZONE3_FIRST, ZONE3_LAST] : [ZONE6_FIRST, ZONE6_LAST];
  if (!Number.isFinite(lonDeg) || zone < first || zone > last) {
    throw new UnsupportedCrsError({
      reason: `longitude ${lonDeg} lies in ${zoneWidth}° zone ${zone}; CGCS2000 EPSG codes exist for zones ${first}–${last} only`,
    });
  }
  return gaussKruger(zoneWidth, zone, prefixed);
}

/**
 * The zone with this central meridian and false easting, or undefined. Without prefix a central meridian 6N − 3 is
 * both a 3° and a 6° zone with identical parameters; `zoneWidthHint` decides (3° unless told otherwise).
 */
export function gkCrsFromParameters(
  centralMeridianDeg: number,
  falseEastingM: number,
  zoneWidthHint: 3 | 6 | undefined,
): GaussKrugerCrs | undefined {
  if (falseEastingM === FALSE_EASTING_M) {
    const zone3 = centralMeridianDeg / 3;
    const zone6 = (centralMeridianDeg + 3) / 6;
    const is3 = Number.isInteger(zone3) && zone3 >= ZONE3_FIRST && zone3 <= ZONE3_LAST;
    const is6 = Number.isInteger(zone6) && zone6 >= ZONE6_FIRST && zone6 <= ZONE6_LAST;
    if (is6 && (zoneWidthHint === 6 || !is3)) return gaussKruger(6, zone6, false);
    if (is3) return gaussKruger(3, zone3, false);
    return undefined;
  }
  const zone = (falseEastingM - FALSE_EASTING_M) / ZONE_PREFIX_M;
  if (!Number.isInteger(zone)) return undefined;
  if (zone >= ZONE3_FIRST && zone <= ZONE3_LAST && centralMeridianDeg === 3 * zone) return gaussKruger(3, zone, true);
  if (zone >= ZONE6_FIRST && zone <= ZONE6_LAST && centralMeridianDeg === 6 * zone - 3) return gaussKruger(6, zone, true);
  return undefined;
}

function gaussKruger(zoneWidth: 3 | 6, zone: number, prefixed: boolean): GaussKrugerCrs {
  const centralMeridianDeg = zoneWidth === 3 ? 3 * zone : 6 * zone - 3;
  const epsg =
    zoneWidth === 3
      ? (prefixed ? EPSG_ZONE3_PREFIXED : EPSG_ZONE3_PLAIN) + zone
      : (prefixed ? EPSG_ZONE6_PREFIXED : EPSG_ZONE6_PLAIN) + zone;
  const family = zoneWidth === 3 ? 'CGCS2000 / 3-degree Gauss-Kruger' : 'CGCS2000 / Gauss-Kruger';
  return Object.freeze({
    kind: 'gauss-kruger',
    epsg,
    zoneWidth,
    zone,
    centralMeridianDeg,
    falseEastingM: prefixed ? zone * ZONE_PREFIX_M + FALSE_EASTING_M : FALSE_EASTING_M,
    prefixed,
    name: prefixed ? `${family} zone ${zone}` : `${family} CM ${centralMeridianDeg}E`,
  });
}
