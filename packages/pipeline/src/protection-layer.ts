// Protection layers: opened once per run, read per tile through the FlatGeobuf index (bbox), reprojected to the
// change layer's CRS.
import { crsFromDescription, makeTransform, mapVertices, repairGeometry, type Crs, type ProtectionLayerInfo } from '@landwatch/core';
import type { Bbox, MultiPolygon, Position, ProtectionFeature } from '@landwatch/core';
import Flatbush from 'flatbush';
import { readFeatures, readHeader, type ByteSource, type FgbHeader } from '@landwatch/fgb';
import type { LayerEntry } from './layer-registry.ts';
import { attributesOf, resolveAttributeColumns, type AttributeColumns } from './layer-attributes.ts';
import { messageNaming } from './change-layer.ts';
import { type InputLimits, VertexBudget } from './input-limits.ts';
import { checkProtectionGeometry, validateProtectionLayer } from './validate-protection-layer.ts';

export interface ProtectionLayer {
  info: ProtectionLayerInfo;
  source: ByteSource;
  header: FgbHeader;
  crs: Crs;
  /** attribute columns read with each feature (approval, filing, temporary-use layers); empty: geometry only */
  attributeColumns: AttributeColumns;
}

/** What openProtectionLayers checks beyond the header. */
export interface OpenProtectionOptions {
  /**
   * Validate every feature and the whole index (docs/INPUT-CHECKS.md); default true. Pass false only where the same
   * layer versions were already validated for this run (tile workers), to avoid re-reading whole layers per tile.
   */
  scan?: boolean;
  limits?: Readonly<InputLimits>;
}

/**
 * Opens and checks each layer: structure, spatial index, CRS, geometry type, and (unless `scan: false`) the full
 * validation of docs/INPUT-CHECKS.md. Returns every problem found.
 */
export async function openProtectionLayers(
  entries: readonly LayerEntry[],
  open: (entry: LayerEntry) => Promise<ByteSource>,
  options: OpenProtectionOptions = {},
): Promise<{ layers: ProtectionLayer[]; reasons: string[] }> {
  const layers: ProtectionLayer[] = [];
  const reasons: string[] = [];
  const budget = new VertexBudget(options.limits);
  for (const entry of entries) {
    let source: ByteSource;
    try {
      source = await open(entry);
    } catch (err) {
      reasons.push(`layer ${entry.id}: cannot open ${entry.path}: ${(err as Error).message}`);
      continue;
    }
    try {
      const header = await readHeader(source);
      if (header.indexNodeSize === 0) {
        reasons.push(`layer ${entry.id}: ${source.name}: has no spatial index (write one with \`landwatch index\`)`);
        continue;
      }
      if (![0, 3, 6].includes(header.geometryType)) {
        reasons.push(`layer ${entry.id}: ${source.name}: geometry type ${header.geometryTypeName} is not Polygon or MultiPolygon`);
        continue;
      }
      const crs = crsFromDescription(header.crs ?? {});
      if (options.scan !== false) {
        const check = await validateProtectionLayer(`layer ${entry.id}: ${source.name}`, source, header, crs, budget.limits);
        budget.add(check.vertices);
        if (check.reasons.length > 0) {
          reasons.push(...check.reasons);
          continue;
        }
      }
      const attributes = resolveAttributeColumns(entry.kind, entry.fields, header.columns.map((c) => c.name));
      if (attributes.problems.length > 0) {
        reasons.push(...attributes.problems.map((p) => `layer ${entry.id}: ${source.name}: ${p}`));
        continue;
      }
      layers.push({ info: { id: entry.id, kind: entry.kind, title: entry.title }, source, header, crs, attributeColumns: attributes.columns });
    } catch (err) {
      reasons.push(`layer ${entry.id}: ${messageNaming(source.name, err)}`);
    }
  }
  const over = budget.over();
  if (over) reasons.push(`protection layers: ${over}`);
  return { layers, reasons };
}

function sameCrs(a: Crs, b: Crs): boolean {
  return a.epsg === b.epsg || (a.kind === 'geographic' && b.kind === 'geographic');
}

/** The bbox of `box` (in `from`) expressed in `to`, sampled along its edges and padded. */
export function transformBbox(box: Bbox, from: Crs, to: Crs): Bbox {
  if (sameCrs(from, to)) return box;
  const t = makeTransform(from, to);
  const out = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const fx = box.minX + ((box.maxX - box.minX) * i) / steps;
    const fy = box.minY + ((box.maxY - box.minY) * i) / steps;
    for (const p of [
      [fx, box.minY],
      [fx, box.maxY],
      [box.minX, fy],
      [box.maxX, fy],
    ] as Position[]) {
      const [x, y] = t(p);
      if (x < out.minX) out.minX = x;
      if (y < out.minY) out.minY = y;
      if (x > out.maxX) out.maxX = x;
      if (y > out.maxY) out.maxY = y;
    }
  }
  const pad = Math.max(out.maxX - out.minX, out.maxY - out.minY) * 1e-3;
  return { minX: out.minX - pad, minY: out.minY - pad, maxX: out.maxX + pad, maxY: out.maxY + pad };
}

/** Boxes (in the change CRS) that protection features must meet to be worth reading: e.g. the detected pieces. */
export class TargetBoxes {
  private readonly byCrs = new Map<number, Flatbush | null>();

  constructor(
    private readonly boxes: readonly Bbox[],
    private readonly crs: Crs,
  ) {}

  /** A test of a box given in `layerCrs`: does it meet any target box? */
  acceptorFor(layerCrs: Crs): (minX: number, minY: number, maxX: number, maxY: number) => boolean {
    let index = this.byCrs.get(layerCrs.epsg);
    if (index === undefined) {
      index = null;
      if (this.boxes.length > 0) {
        index = new Flatbush(this.boxes.length);
        for (const b of this.boxes) {
          const t = transformBbox(b, this.crs, layerCrs);
          index.add(t.minX, t.minY, t.maxX, t.maxY);
        }
        index.finish();
      }
      this.byCrs.set(layerCrs.epsg, index);
    }
    const found = index;
    if (!found) return () => false;
    return (minX, minY, maxX, maxY) => found.search(minX, minY, maxX, maxY).length > 0;
  }
}

/**
 * Reads the features of a layer that meet `box` (in the change CRS) — and, when `targets` are given, only those whose
 * index box meets one of them: the others are neither read nor decoded — transformed to the change CRS.
 */
export async function readProtectionInBbox(layer: ProtectionLayer, box: Bbox, changeCrs: Crs, targets?: TargetBoxes): Promise<ProtectionFeature[]> {
  const query = transformBbox(box, changeCrs, layer.crs);
  const transform = sameCrs(layer.crs, changeCrs) ? null : makeTransform(layer.crs, changeCrs);
  const out: ProtectionFeature[] = [];
  const acceptBox = targets?.acceptorFor(layer.crs);
  // properties are decoded only for layers whose attributes change a verdict (the others are read for speed without)
  const withAttributes = Object.keys(layer.attributeColumns).length > 0;
  for await (const f of readFeatures(layer.source, layer.header, { bbox: query, acceptBox, properties: withAttributes })) {
    // a layer that cannot be trusted stops the run: no silent skip, no geometry work on unchecked coordinates
    if (!f.geometry) throw new Error(`layer ${layer.info.id}: ${layer.source.name}: feature ${f.featureIndex}: geometry: missing (null)`);
    checkProtectionGeometry(`layer ${layer.info.id}: ${layer.source.name}`, layer.crs, f.featureIndex, f.geometry);
    const projected: MultiPolygon = transform ? mapVertices(f.geometry, transform) : f.geometry;
    // clipping assumes valid polygons: a self-crossing protection polygon would lose a lobe. Valid ones come back as is.
    const repaired = repairGeometry(projected);
    if (!repaired.ok) continue; // no area to protect (fewer than 3 distinct points)
    const feature: ProtectionFeature = { layerId: layer.info.id, kind: layer.info.kind, featureIndex: f.featureIndex, geometry: repaired.geometry };
    const attributes = withAttributes ? attributesOf(f.properties, layer.attributeColumns) : undefined;
    if (attributes !== undefined) feature.attributes = attributes;
    out.push(feature);
  }
  return out;
}
