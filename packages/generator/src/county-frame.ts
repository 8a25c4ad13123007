// Where the synthetic county lies: its centre and area, its CGCS2000 3° Gauss-Krüger zone (docs/LAND-SURVEY.md, "Official area"), the
// projection between the zone's plane and EPSG:4490, and the county outline (a star-shaped blob around the centre).
import proj4 from 'proj4';
import { GenerateOptionsError } from './errors.ts';
import { Rng, Stream } from './random.ts';
import { lobedShape, starContains, type StarShape } from './star-shape.ts';

/** Real centres and areas of counties we know; others fall back to the province centre and a typical area. */
const KNOWN_COUNTIES: Readonly<Record<string, { lonLat: [number, number]; areaKm2: number }>> = {
  '431102': { lonLat: [111.6, 26.25], areaKm2: 1960 },
};

/** Approximate province centres (GB/T 2260 two-digit codes). */
const PROVINCE_CENTRES: Readonly<Record<string, [number, number]>> = {
  '11': [116.4, 40.2], '12': [117.3, 39.3], '13': [115.0, 38.5], '14': [112.3, 37.6], '15': [111.7, 41.5],
  '21': [123.0, 41.3], '22': [125.8, 43.6], '23': [127.5, 46.8], '31': [121.4, 31.2], '32': [119.5, 32.9],
  '33': [120.1, 29.2], '34': [117.2, 31.8], '35': [118.0, 26.1], '36': [115.7, 27.6], '37': [118.2, 36.3],
  '41': [113.6, 33.9], '42': [112.3, 30.9], '43': [111.7, 27.6], '44': [113.4, 23.3], '45': [108.8, 23.8],
  '46': [109.8, 19.2], '50': [107.8, 30.0], '51': [103.0, 30.6], '52': [106.7, 26.8], '53': [101.5, 24.9],
  '54': [88.4, 31.5], '61': [108.9, 35.2], '62': [103.8, 36.1], '63': [96.2, 35.5], '64': [106.2, 37.3],
  '65': [85.6, 42.1],
};

const TYPICAL_AREA_KM2 = 1500;

export interface CountyFrame {
  /** Centre of the county, CGCS2000 longitude/latitude. */
  centreLonLat: [number, number];
  /** 3° zone number n (central meridian 3n °E). */
  zone: number;
  /** EPSG code of the zone with its prefixed false easting (4488 + n, e.g. 4525 for zone 37). */
  gkEpsg: number;
  /** proj4 definition of that CRS. */
  gkProj: string;
  /** Centre in the zone's plane (x = prefixed easting, y = northing), metres. */
  centre: [number, number];
  /** County outline in the plane. */
  outline: StarShape;
  /** Area the layout was made for, m² (the real area, or more when the requested data does not fit). */
  areaM2: number;
  /** Converts a plane position to [lon, lat] in EPSG:4490. */
  toLonLat(x: number, y: number): [number, number];
}

export interface CountyPlace {
  lonLat: [number, number];
  areaKm2: number;
}

/** The centre and area of a county: the known value, the caller's override, or the province centre. */
export function countyPlace(countyCode: string, override?: Partial<CountyPlace>): CountyPlace {
  const known = KNOWN_COUNTIES[countyCode];
  const province = PROVINCE_CENTRES[countyCode.slice(0, 2)];
  const lonLat = override?.lonLat ?? known?.lonLat ?? province;
  if (!lonLat) throw new GenerateOptionsError('countyCode', countyCode, 'a county in a province of mainland China, or centreLonLat');
  return { lonLat, areaKm2: override?.areaKm2 ?? known?.areaKm2 ?? TYPICAL_AREA_KM2 };
}

/** Builds the frame; `areaM2` may exceed the real area when the layout needs more room. */
export function countyFrame(seed: number, place: CountyPlace, areaM2: number): CountyFrame {
  const [lon, lat] = place.lonLat;
  const zone = Math.floor((lon + 1.5) / 3);
  const gkProj = `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  const converter = proj4('+proj=longlat +ellps=GRS80 +no_defs', gkProj);
  const [cx, cy] = converter.forward([lon, lat]) as [number, number];
  const rng = Rng.of(seed, Stream.county);
  const outline = countyOutline(rng, cx, cy, areaM2);
  return {
    centreLonLat: [lon, lat],
    zone,
    gkEpsg: 4488 + zone,
    gkProj,
    centre: [cx, cy],
    outline,
    areaM2,
    toLonLat(x, y) {
      return converter.inverse([x, y]) as [number, number];
    },
  };
}

/** A lobed disc whose area is ≈ `areaM2` (the lobes add ≈ 1 % on average). */
function countyOutline(rng: Rng, cx: number, cy: number, areaM2: number): StarShape {
  const radius = Math.sqrt(areaM2 / (Math.PI * 1.01));
  return lobedShape(rng, { cx, cy, rotation: 0, halfX: radius, halfY: radius, exponent: 2, lobeAmplitude: 0.22, lobes: [2, 5] });
}

/** A uniform random point inside `fraction` of the county outline. */
export function randomInOutline(rng: Rng, frame: CountyFrame, fraction: number): [number, number] {
  const o = frame.outline;
  for (;;) {
    const x = o.cx + rng.range(-o.maxRadius, o.maxRadius);
    const y = o.cy + rng.range(-o.maxRadius, o.maxRadius);
    if (starContains(o, x, y, fraction)) return [x, y];
  }
}
