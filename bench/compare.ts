// The comparisons the benchmark reports: speed ratios, relative area differences per protection kind, and the
// one line a script reads.

export interface KindAreas {
  kind: string;
  /** Σ ST_Area(ST_Intersection(piece, polygon)::geography) over PostGIS's pairs, m². */
  postgisGeodesicM2: number;
  /** GeographicLib geodesic area of our clipped geometries, m². */
  ourGeodesicM2: number;
  /** The official method (docs/LAND-SURVEY.md, "Official area") on our clipped geometries, unrounded, m². */
  ourOfficialM2: number;
  /** What the run reports (stats.json / summary.json: Σ of per-overlap areas rounded to 0.01 m²), m². */
  ourReportedM2: number;
  /** |ourGeodesic − postgisGeodesic| / postgisGeodesic: like with like. */
  geodesicRelDiff: number;
  /** (ourOfficial − ourGeodesic) / ourGeodesic: the method difference, same shapes. */
  officialVsGeodesic: number;
}

/** |a − reference| / |reference|; 0 when both are 0; Infinity when only the reference is 0. */
export function relDiff(a: number, reference: number): number {
  if (a === reference) return 0;
  return Math.abs(a - reference) / Math.abs(reference);
}

/** One row per kind that either side found (kinds where both are 0 are kept: they are a result too). */
export function compareAreas(
  postgisByKind: Record<string, number>,
  ourGeodesicByKind: Record<string, number>,
  ourOfficialByKind: Record<string, number>,
  ourReportedByKind: Record<string, number>,
): KindAreas[] {
  const kinds = [...new Set([...Object.keys(postgisByKind), ...Object.keys(ourGeodesicByKind)])].sort();
  return kinds.map((kind) => {
    const postgisGeodesicM2 = postgisByKind[kind] ?? 0;
    const ourGeodesicM2 = ourGeodesicByKind[kind] ?? 0;
    const ourOfficialM2 = ourOfficialByKind[kind] ?? 0;
    return {
      kind,
      postgisGeodesicM2,
      ourGeodesicM2,
      ourOfficialM2,
      ourReportedM2: ourReportedByKind[kind] ?? 0,
      geodesicRelDiff: relDiff(ourGeodesicM2, postgisGeodesicM2),
      officialVsGeodesic: ourGeodesicM2 === 0 ? 0 : (ourOfficialM2 - ourGeodesicM2) / ourGeodesicM2,
    };
  });
}

/** The worst like-with-like difference over the kinds: what the headline's "area rel diff" is. */
export function worstRelDiff(rows: readonly KindAreas[]): number {
  return rows.reduce((worst, r) => Math.max(worst, r.geodesicRelDiff), 0);
}

export interface Headline {
  /** PostGIS end-to-end seconds / LandWatch end-to-end seconds. */
  endToEndRatio: number;
  /** PostGIS overlay (query) seconds / LandWatch overlay (detect stage) seconds. */
  overlayRatio: number;
  /** worstRelDiff of the areas. */
  areaRelDiff: number;
  /** Change pieces in the data set. */
  pieces: number;
  /** Detect-stage throughput with two lanes over one lane (laneSpeedup), at the largest size run. */
  laneSpeedup: number;
  /** Change pieces of the size the lane speed-up was measured on. */
  lanePieces: number;
}

/** `bench: end-to-end X.XX× PostGIS, overlay Y.YY× PostGIS, area rel diff Z.ZZe-N (N pieces), 2-lane speed-up S.SS× (M pieces)` */
export function headlineLine(h: Headline): string {
  return (
    `bench: end-to-end ${h.endToEndRatio.toFixed(2)}× PostGIS, overlay ${h.overlayRatio.toFixed(2)}× PostGIS, area rel diff ${scientific(h.areaRelDiff)} (${h.pieces} pieces)` +
    `, 2-lane speed-up ${h.laneSpeedup.toFixed(2)}× (${h.lanePieces} pieces)`
  );
}

/** Parses the headline back (what a script reading the bench output does); undefined if it does not match. */
export function parseHeadline(line: string): Headline | undefined {
  const m =
    /^bench: end-to-end (\d+\.\d\d)× PostGIS, overlay (\d+\.\d\d)× PostGIS, area rel diff (\d\.\d\de[-+]\d+) \((\d+) pieces\), 2-lane speed-up (\d+\.\d\d)× \((\d+) pieces\)$/.exec(line);
  if (!m) return undefined;
  return { endToEndRatio: Number(m[1]), overlayRatio: Number(m[2]), areaRelDiff: Number(m[3]), pieces: Number(m[4]), laneSpeedup: Number(m[5]), lanePieces: Number(m[6]) };
}

/**
 * Detect-stage throughput of two lanes over one: the same pieces, so the ratio of the detect stage's wall times (one
 * lane's over two lanes'). Undefined when either was not measured.
 */
export function laneSpeedup(oneLaneDetectMs: number | undefined, twoLanesDetectMs: number | undefined): number | undefined {
  if (oneLaneDetectMs === undefined || twoLanesDetectMs === undefined || twoLanesDetectMs <= 0) return undefined;
  return oneLaneDetectMs / twoLanesDetectMs;
}

/** Z.ZZe-N; an exact 0 prints as 0.00e-0 so that the form stays the same. */
export function scientific(x: number): string {
  if (x === 0) return '0.00e-0';
  return x.toExponential(2);
}
