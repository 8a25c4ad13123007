// Recognises a supported CRS from what a FlatGeobuf header (or a .prj) carries: an EPSG code, else the WKT —
// its authority code, else its content (CGCS2000 datum, Transverse Mercator with k = 1, lat0 = 0, FN = 0 and a
// central meridian / false easting that identify a zone). Accepts WKT1 (GDAL and ESRI flavours) and WKT2.

import { UnsupportedCrsError, type Crs } from './crs.ts';
import { CGCS2000, WGS84_AS_CGCS2000, crsFromEpsg, gkCrsFromParameters } from './epsg.ts';
import {
  WktSyntaxError,
  childNode,
  childNodes,
  nodeAuthority,
  nodeName,
  nodeNumber,
  parseWkt,
  type WktNode,
} from './wkt-parse.ts';

/** A CRS as a FlatGeobuf header describes it (field names as in flatgeobuf's `HeaderMeta.crs`; null = absent). */
export interface CrsDescription {
  /** Authority of `code`, usually 'EPSG'; absent means EPSG. */
  org?: string | null;
  /** Numeric code; 0 or absent when the writer stored none. */
  code?: number | null;
  /** WKT1 or WKT2. */
  wkt?: string | null;
  /** CRS name, used as a hint only (3° vs 6° zone naming). */
  name?: string | null;
}

const GEOGRAPHIC_KEYWORDS = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS'];
const BASE_GEOGRAPHIC_KEYWORDS = ['GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS', 'GEOGCRS', 'GEODCRS'];
const PROJECTED_KEYWORDS = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const DEGREE_RAD = Math.PI / 180;
const CGCS2000_A = 6_378_137;
const CGCS2000_INV_F = 298.257222101;
const WGS84_INV_F = 298.257223563;

/** The supported CRS a header describes; UnsupportedCrsError naming the code / WKT otherwise. */
export function crsFromDescription(d: CrsDescription): Crs {
  const org = d.org?.trim() || undefined;
  const code = typeof d.code === 'number' && Number.isFinite(d.code) && d.code !== 0 ? d.code : undefined;
  const name = d.name?.trim() || undefined;
  if (code !== undefined && (org === undefined || org.toUpperCase() === 'EPSG')) return crsFromEpsg(code);
  const wkt = d.wkt?.trim();
  if (wkt !== undefined && wkt !== '') return crsFromWkt(wkt, name);
  throw new UnsupportedCrsError({
    ...(org === undefined ? {} : { org }),
    ...(code === undefined ? {} : { code }),
    ...(name === undefined ? {} : { name }),
    reason: code !== undefined ? `codes of authority ${org} are not recognised and there is no WKT` : 'no EPSG code and no WKT',
  });
}

/** Recognises a WKT string; `nameHint` (e.g. the header's CRS name) helps tell 3° from 6° zones without prefix. */
function crsFromWkt(wkt: string, nameHint?: string): Crs {
  let root: WktNode;
  try {
    root = unwrap(parseWkt(wkt));
  } catch (error) {
    if (!(error instanceof WktSyntaxError)) throw error;
    throw new UnsupportedCrsError({ wkt, reason: `malformed WKT: ${error.message}`, cause: error });
  }
  const name = nodeName(root);
  const reject = (reason: string): never => {
    throw new UnsupportedCrsError({ wkt, ...(name === undefined ? {} : { name }), reason });
  };

  const authority = nodeAuthority(root);
  if (authority !== undefined && authority.org.toUpperCase() === 'EPSG') {
    try {
      return crsFromEpsg(authority.code);
    } catch (error) {
      if (!(error instanceof UnsupportedCrsError)) throw error;
      throw new UnsupportedCrsError({
        org: authority.org,
        code: authority.code,
        wkt,
        ...(name === undefined ? {} : { name }),
        cause: error,
      });
    }
  }

  const keyword = root.keyword.toUpperCase();
  if (GEOGRAPHIC_KEYWORDS.includes(keyword)) return geographicCrs(root, reject);
  if (!PROJECTED_KEYWORDS.includes(keyword)) return reject(`${root.keyword} is neither geographic nor projected`);

  const base = childNode(root, ...BASE_GEOGRAPHIC_KEYWORDS);
  if (base === undefined) return reject('projected CRS without a base geographic CRS');
  if (geographicCrs(base, reject).epsg !== 4490) return reject('projected CRS not based on CGCS2000');

  const method = projectionMethod(root);
  if (method === undefined || !['transversemercator', 'gausskruger'].includes(normalise(method))) {
    return reject(`projection ${method ?? '(none)'} is not Transverse Mercator / Gauss-Kruger`);
  }
  const linearUnit = linearUnitFactor(root);
  if (linearUnit !== 1) return reject(`linear unit factor ${linearUnit} is not metre`);

  const p = projectionParameters(root);
  const cm = p.centralMeridian;
  const fe = p.falseEasting;
  if (cm === undefined || fe === undefined) return reject('central meridian or false easting missing');
  if (!near(p.latitudeOfOrigin ?? 0, 0) || !near(p.scaleFactor ?? 1, 1) || !near(p.falseNorthing ?? 0, 0)) {
    return reject(
      `Transverse Mercator with lat0 ${p.latitudeOfOrigin ?? 0}, k ${p.scaleFactor ?? 1}, ` +
        `false northing ${p.falseNorthing ?? 0} is not a Gauss-Kruger zone (expected 0, 1, 0)`,
    );
  }
  const cmDeg = Math.round(cm);
  const feM = Math.round(fe);
  if (!near(cm, cmDeg) || Math.abs(fe - feM) > 1e-6) {
    return reject(`central meridian ${cm} / false easting ${fe} identify no zone`);
  }
  const crs = gkCrsFromParameters(cmDeg, feM, zoneWidthHint(`${name ?? ''} ${nameHint ?? ''}`));
  return crs ?? reject(`central meridian ${cm}° with false easting ${fe} m identifies no CGCS2000 Gauss-Kruger zone`);
}

/** BOUNDCRS[SOURCECRS[x], …] → x; COMPOUNDCRS[…, x, vertical] → x (the horizontal part). */
function unwrap(node: WktNode): WktNode {
  const keyword = node.keyword.toUpperCase();
  if (keyword === 'BOUNDCRS') {
    const source = childNode(node, 'SOURCECRS')?.children.find((c): c is WktNode => typeof c === 'object');
    return source === undefined ? node : unwrap(source);
  }
  if (keyword === 'COMPOUNDCRS' || keyword === 'COMPD_CS') {
    const first = node.children.find((c): c is WktNode => typeof c === 'object');
    return first === undefined ? node : unwrap(first);
  }
  return node;
}

/** CGCS2000 (4490) or WGS 84 (4326) geographic 2D in degrees with Greenwich prime meridian; rejects the rest. */
function geographicCrs(node: WktNode, reject: (reason: string) => never): typeof CGCS2000 {
  const authority = nodeAuthority(node);
  if (authority?.org.toUpperCase() === 'EPSG' && (authority.code === 4490 || authority.code === 4326)) {
    return authority.code === 4490 ? CGCS2000 : WGS84_AS_CGCS2000;
  }
  const cs = childNode(node, 'CS');
  if (cs !== undefined) {
    const type = cs.children[0];
    if (typeof type !== 'object' || type.keyword.toLowerCase() !== 'ellipsoidal') {
      return reject(`coordinate system ${typeof type === 'object' ? type.keyword : '?'} is not ellipsoidal`);
    }
  }
  const datum = childNode(node, 'DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE');
  const ellipsoid = datum === undefined ? undefined : childNode(datum, 'SPHEROID', 'ELLIPSOID');
  const a = ellipsoid === undefined ? undefined : nodeNumber(ellipsoid, 0);
  const invF = ellipsoid === undefined ? undefined : nodeNumber(ellipsoid, 1);
  if (a === undefined || invF === undefined) return reject('datum or ellipsoid missing');
  const primeMeridian = childNode(node, 'PRIMEM', 'PRIMEMERIDIAN');
  if (primeMeridian !== undefined && nodeNumber(primeMeridian, 0) !== 0) return reject('prime meridian is not Greenwich');
  const angular = angularUnitFactor(node);
  if (angular !== undefined && Math.abs(angular / DEGREE_RAD - 1) > 1e-9) {
    return reject(`angular unit factor ${angular} is not degree`);
  }
  const names = normalise(`${nodeName(datum!) ?? ''} ${nodeName(node) ?? ''}`);
  const isGrs80 = near(a, CGCS2000_A) && Math.abs(invF - CGCS2000_INV_F) < 1e-6;
  const isWgs84Ellipsoid = near(a, CGCS2000_A) && Math.abs(invF - WGS84_INV_F) < 1e-6;
  if (isGrs80 && /china2000|cgcs2000|chinageodeticcoordinatesystem2000/.test(names)) return CGCS2000;
  if (isWgs84Ellipsoid && /wgs1984|wgs84|worldgeodeticsystem1984/.test(names)) return WGS84_AS_CGCS2000;
  return reject(`datum ${nodeName(datum!) ?? '?'} (a = ${a}, 1/f = ${invF}) is neither CGCS2000 nor WGS 84`);
}

function projectionMethod(root: WktNode): string | undefined {
  const projection = childNode(root, 'PROJECTION');
  if (projection !== undefined) return nodeName(projection);
  const conversion = childNode(root, 'CONVERSION', 'DERIVINGCONVERSION');
  const method = conversion === undefined ? undefined : childNode(conversion, 'METHOD', 'PROJECTION');
  return method === undefined ? undefined : nodeName(method);
}

interface TmParameters {
  latitudeOfOrigin?: number;
  centralMeridian?: number;
  scaleFactor?: number;
  falseEasting?: number;
  falseNorthing?: number;
}

/** Parameter name (normalised) or EPSG parameter code → field. */
const PARAMETER_FIELDS: Record<string, keyof TmParameters> = {
  latitudeoforigin: 'latitudeOfOrigin',
  latitudeofnaturalorigin: 'latitudeOfOrigin',
  centralmeridian: 'centralMeridian',
  longitudeofnaturalorigin: 'centralMeridian',
  longitudeoforigin: 'centralMeridian',
  scalefactor: 'scaleFactor',
  scalefactoratnaturalorigin: 'scaleFactor',
  falseeasting: 'falseEasting',
  falsenorthing: 'falseNorthing',
  '8801': 'latitudeOfOrigin',
  '8802': 'centralMeridian',
  '8805': 'scaleFactor',
  '8806': 'falseEasting',
  '8807': 'falseNorthing',
};

/** Parameters in degrees / metres / unity (WKT2 units converted; WKT1 angles are in degrees, checked above). */
function projectionParameters(root: WktNode): TmParameters {
  const holder = childNode(root, 'CONVERSION', 'DERIVINGCONVERSION') ?? root;
  const out: TmParameters = {};
  for (const parameter of childNodes(holder, 'PARAMETER')) {
    let value = nodeNumber(parameter, 0);
    if (value === undefined) continue;
    const id = nodeAuthority(parameter);
    const field =
      (id !== undefined && id.org.toUpperCase() === 'EPSG' ? PARAMETER_FIELDS[String(id.code)] : undefined) ??
      PARAMETER_FIELDS[normalise(nodeName(parameter) ?? '')];
    if (field === undefined) continue;
    const angleUnit = childNode(parameter, 'ANGLEUNIT');
    const lengthUnit = childNode(parameter, 'LENGTHUNIT');
    if (angleUnit !== undefined) value = (value * (nodeNumber(angleUnit, 0) ?? DEGREE_RAD)) / DEGREE_RAD;
    if (lengthUnit !== undefined) value *= nodeNumber(lengthUnit, 0) ?? 1;
    out[field] = value;
  }
  return out;
}

/** WKT1 UNIT at the root, else WKT2 LENGTHUNIT at the root or on the axes; 1 when none is given. */
function linearUnitFactor(root: WktNode): number {
  const unit = childNode(root, 'UNIT', 'LENGTHUNIT');
  if (unit !== undefined) return nodeNumber(unit, 0) ?? 1;
  for (const axis of childNodes(root, 'AXIS')) {
    const axisUnit = childNode(axis, 'LENGTHUNIT', 'UNIT');
    if (axisUnit !== undefined) return nodeNumber(axisUnit, 0) ?? 1;
  }
  return 1;
}

function angularUnitFactor(node: WktNode): number | undefined {
  const unit = childNode(node, 'UNIT', 'ANGLEUNIT');
  if (unit !== undefined) return nodeNumber(unit, 0);
  for (const axis of childNodes(node, 'AXIS')) {
    const axisUnit = childNode(axis, 'ANGLEUNIT', 'UNIT');
    if (axisUnit !== undefined) return nodeNumber(axisUnit, 0);
  }
  return undefined;
}

/** 3 for names saying "3-degree" / "3_Degree", 6 for the 6° naming ("Gauss-Kruger CM 75E", "GK_CM_75E"). */
function zoneWidthHint(name: string): 3 | 6 | undefined {
  if (/3[\s_-]*degree/i.test(name)) return 3;
  if (/(gauss[\s_-]*kruger|gk)[\s_]*(cm|zone)/i.test(name)) return 6;
  return undefined;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}
