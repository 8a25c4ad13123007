// The coordinate reference systems LandWatch accepts (docs/ARCHITECTURE.md (Inputs)) and the error for everything else.

/**
 * A supported CRS. Coordinates are always x = easting/longitude, y = northing/latitude, whatever the EPSG axis order.
 * EPSG:4326 is accepted and treated as CGCS2000 (the two differ by centimetres, below survey precision).
 */
export type Crs =
  | {
      kind: 'geographic';
      epsg: 4490 | 4326;
      /** EPSG name, e.g. 'China Geodetic Coordinate System 2000'. */
      name: string;
    }
  | {
      kind: 'gauss-kruger';
      /** 4491–4554. */
      epsg: number;
      /** 3° zones (EPSG 4513–4554) or 6° zones (EPSG 4491–4512). */
      zoneWidth: 3 | 6;
      /** Zone number: 25–45 for 3° zones, 13–23 for 6° zones (also set for the codes without prefix). */
      zone: number;
      /** Central meridian L0, degrees east. */
      centralMeridianDeg: number;
      /** zone·1 000 000 + 500 000 when prefixed, else 500 000. */
      falseEastingM: number;
      /** Whether eastings carry the zone number in front (8 integer digits). */
      prefixed: boolean;
      /** EPSG name, e.g. 'CGCS2000 / 3-degree Gauss-Kruger zone 39'. */
      name: string;
    };

export type GeographicCrs = Extract<Crs, { kind: 'geographic' }>;
export type GaussKrugerCrs = Extract<Crs, { kind: 'gauss-kruger' }>;

/** What was found where a CRS was expected; every field is optional because headers carry different subsets. */
export interface UnsupportedCrsErrorContext {
  /** Authority of the code, e.g. 'EPSG'. */
  org?: string;
  /** The numeric code found (0 or absent when the header has none). */
  code?: number;
  /** Name of the CRS as found (header name or WKT root name). */
  name?: string;
  /** The WKT found; the error keeps an excerpt only. */
  wkt?: string;
  /** Why it was not accepted, when more specific than "not supported". */
  reason?: string;
  cause?: unknown;
}

const WKT_EXCERPT_CHARS = 200;

/** A CRS outside docs/ARCHITECTURE.md (Inputs) (EPSG:4490, 4326, 4491–4554), or a description that cannot be recognised. */
export class UnsupportedCrsError extends Error {
  override readonly name = 'UnsupportedCrsError';
  readonly org?: string;
  readonly code?: number;
  readonly crsName?: string;
  /** The first 200 characters of the WKT, whitespace collapsed. */
  readonly wktExcerpt?: string;
  readonly reason?: string;

  constructor(context: UnsupportedCrsErrorContext) {
    const excerpt = context.wkt === undefined ? undefined : excerptOf(context.wkt);
    const what: string[] = [];
    if (context.code !== undefined && context.code !== 0) what.push(`${context.org ?? 'EPSG'}:${context.code}`);
    if (context.name !== undefined && context.name !== '') what.push(JSON.stringify(context.name));
    if (excerpt !== undefined && excerpt !== '') what.push(`WKT ${excerpt}`);
    const found = what.length === 0 ? 'no CRS code and no WKT' : what.join(', ');
    super(
      `unsupported CRS: ${found}${context.reason === undefined ? '' : ` (${context.reason})`}; ` +
        'accepted: EPSG:4490 (CGCS2000), EPSG:4326, CGCS2000 Gauss-Kruger EPSG:4491–4554',
      context.cause === undefined ? undefined : { cause: context.cause },
    );
    if (context.org !== undefined) this.org = context.org;
    if (context.code !== undefined) this.code = context.code;
    if (context.name !== undefined) this.crsName = context.name;
    if (excerpt !== undefined) this.wktExcerpt = excerpt;
    if (context.reason !== undefined) this.reason = context.reason;
  }
}

function excerptOf(wkt: string): string {
  const flat = wkt.replace(/\s+/g, ' ').trim();
  return flat.length <= WKT_EXCERPT_CHARS ? flat : `${flat.slice(0, WKT_EXCERPT_CHARS)}…`;
}
