// Protection layers are checked like uploads (docs/INPUT-CHECKS.md): a broken layer must stop the run, because a
// layer that silently yields no features reads as "nothing protected here". One cheap pass: the header, the whole
// R-tree, then every feature's geometry summarised straight from the bytes (type, vertex count, finiteness, box)
// without building polygons or decoding properties.
import { boxInRange, coordinateRange, isInChinaLonLat, toLonLat, vertexCount, type Crs, type MultiPolygon } from '@landwatch/core';
import { checkPackedTree, leafContains, summarizeGeometries, type ByteSource, type FgbHeader, type IndexLeaves } from '@landwatch/fgb';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from './input-limits.ts';

export interface ProtectionLayerCheck {
  /** One line per problem, each naming the layer, the file and (where it applies) the feature. */
  reasons: string[];
  /** Features read. */
  features: number;
  /** Positions over all features (for the run's budget). */
  vertices: number;
}

/** Problems listed per layer before the rest is summarised as a count. */
const LIST_LIMIT = 20;

/**
 * Checks one opened layer (also any layer about to be indexed, which has no index yet). `label` starts every reason (e.g. 'layer permanent-farmland: /data/pf.fgb').
 * Reading problems of the format (truncation, corrupt feature) end the scan and are reported like the others.
 */
export async function validateProtectionLayer(
  label: string,
  source: ByteSource,
  header: FgbHeader,
  crs: Crs,
  limits: Readonly<InputLimits> = DEFAULT_INPUT_LIMITS,
  /** false for a change layer being indexed: a run repairs its open or short rings and counts them */
  rejectBrokenRings = true,
): Promise<ProtectionLayerCheck> {
  const lines: string[] = [];
  let more = 0;
  const problem = (line: string): void => {
    if (lines.length < LIST_LIMIT) lines.push(`${label}: ${line}`);
    else more++;
  };
  let leaves: IndexLeaves | undefined;
  // a protection layer always has an index (openProtectionLayers insists); a file about to be indexed has none yet
  if (header.indexNodeSize > 0) {
    try {
      const index = await checkPackedTree(source, header);
      for (const p of index.problems) problem(p);
      if (index.problems.length === 0) leaves = index.leaves;
    } catch (err) {
      problem(`spatial index: ${(err as Error).message}`);
    }
  }
  const range = coordinateRange(crs);
  const lonLat = toLonLat(crs);
  const corner: [number, number] = [0, 0];
  const inChina = (x: number, y: number): boolean => {
    corner[0] = x;
    corner[1] = y;
    const [lon, lat] = lonLat(corner);
    return isInChinaLonLat(lon, lat);
  };
  // the label is made, and the corners tested in place, only as needed: the label, the corner check's arrays and its
  // closure, made for every feature, were about 28 MB of the 47 MB the loop below allocated at the bench's 20 k
  // county (54 712 protection features; sampling heap profile)
  const at = (featureIndex: number) => `feature ${featureIndex}`;
  const crsName = `EPSG:${crs.epsg}`;
  let features = 0;
  let vertices = 0;
  try {
    for await (const s of summarizeGeometries(source, header)) {
      features++;
      vertices += s.vertices;
      if (s.isNull) {
        problem(`${at(s.featureIndex)}: geometry: missing (null); every feature needs a polygon`);
        continue;
      }
      if (s.geometryTypeName !== 'Polygon' && s.geometryTypeName !== 'MultiPolygon') {
        problem(`${at(s.featureIndex)}: geometry: ${s.geometryTypeName} is not Polygon or MultiPolygon`);
        continue;
      }
      if (s.vertices === 0) {
        problem(`${at(s.featureIndex)}: geometry: empty (no positions)`);
        continue;
      }
      if (s.vertices > limits.maxVerticesPerFeature) {
        problem(`${at(s.featureIndex)}: geometry: ${s.vertices} positions, more than the limit of ${limits.maxVerticesPerFeature} per feature`);
        continue;
      }
      if (s.nonFinite > 0) {
        problem(`${at(s.featureIndex)}: geometry: non-finite coordinate (${s.firstNonFinite![0]}, ${s.firstNonFinite![1]})`);
        continue;
      }
      if (!boxInRange(range, s.minX, s.minY, s.maxX, s.maxY)) {
        problem(`${at(s.featureIndex)}: geometry: coordinates span (${s.minX}, ${s.minY})–(${s.maxX}, ${s.maxY}), outside the range of ${crsName} (${range.text}); is the CRS label right?`);
        continue;
      }
      const outside = !inChina(s.minX, s.minY) ? [s.minX, s.minY] : !inChina(s.maxX, s.maxY) ? [s.maxX, s.maxY] : undefined;
      if (outside) {
        const [lon, lat] = lonLat(outside as [number, number]);
        problem(`${at(s.featureIndex)}: geometry: coordinate (${outside[0]}, ${outside[1]}) in ${crsName} lies outside China (lon ${lon.toFixed(4)}, lat ${lat.toFixed(4)}); is the CRS label right?`);
        continue;
      }
      // after the range: a corrupted first or last position is reported as out of range, the cause
      if (rejectBrokenRings && s.badRings > 0) {
        const r = s.firstBadRing!;
        problem(`${at(s.featureIndex)}: geometry: ${s.badRings} broken ring(s), the first with ${r.positions} positions${r.closed ? '' : ', not closed'} (a ring needs 4 or more positions, the last equal to the first)`);
        continue;
      }
      if (leaves && s.featureIndex < leaves.count) {
        if (leaves.offsets[s.featureIndex] !== s.offset) {
          problem(`${at(s.featureIndex)}: spatial index: leaf ${s.featureIndex} points at byte ${leaves.offsets[s.featureIndex]} of the feature section, the feature starts at byte ${s.offset}`);
        } else if (!leafContains(leaves, s.featureIndex, s.minX, s.minY, s.maxX, s.maxY)) {
          const b = leaves.boxes.subarray(s.featureIndex * 4, s.featureIndex * 4 + 4);
          problem(`${at(s.featureIndex)}: spatial index: the feature's box (${s.minX}, ${s.minY}, ${s.maxX}, ${s.maxY}) is not inside its index box (${b.join(', ')}); bbox reads would miss it`);
        }
      }
    }
  } catch (err) {
    const message = (err as Error).message;
    problem(message.startsWith(source.name) ? message.slice(source.name.length + 2) : message);
  }
  if (more > 0) lines.push(`${label}: … and ${more} more problems`);
  return { reasons: lines, features, vertices };
}

/**
 * The same per-feature bounds for a feature read by a bbox query, before any geometry work on it: the guard where a
 * layer was opened without the full scan (tile workers). Throws on a feature the scan would have rejected.
 */
export function checkProtectionGeometry(label: string, crs: Crs, featureIndex: number, geometry: MultiPolygon, limits: Readonly<InputLimits> = DEFAULT_INPUT_LIMITS): void {
  const range = coordinateRange(crs);
  const { xy } = geometry;
  const vertices = vertexCount(geometry);
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (!(x >= range.minX && x <= range.maxX && y >= range.minY && y <= range.maxY)) {
      throw new Error(`${label}: feature ${featureIndex}: geometry: coordinate (${x}, ${y}) is outside the range of EPSG:${crs.epsg} (${range.text})`);
    }
  }
  if (vertices > limits.maxVerticesPerFeature) {
    throw new Error(`${label}: feature ${featureIndex}: geometry: ${vertices} positions, more than the limit of ${limits.maxVerticesPerFeature} per feature`);
  }
}
