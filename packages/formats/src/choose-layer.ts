// Which layer of a multi-layer source is read (docs/FORMATS.md): the one asked for by name, else DLTBGXGC, else the
// only polygon layer; anything else is a rejection that lists the layers so the user can pick one.

/** A layer as the source lists it. */
export interface LayerSummary {
  name: string;
  /** Geometry type as GDAL names it ('MultiPolygon', 'Polygon', 'Point', 'None', …). */
  geometryType: string;
  featureCount?: number;
}

/** The change layer's name in the national database (地类图斑更新过程层). */
export const DEFAULT_LAYER_NAME = 'DLTBGXGC';

export type LayerChoice = { ok: true; layer: LayerSummary } | { ok: false; reasons: string[] };

/** `file` names the source in messages; `requested` is --layer / the registry's "layer" (case-insensitive). */
export function chooseLayer(file: string, layers: LayerSummary[], requested?: string): LayerChoice {
  const byName = (name: string) => layers.filter((l) => l.name.toLowerCase() === name.toLowerCase());
  const listing = () => layers.map((l) => `${l.name} (${l.geometryType}${l.featureCount === undefined ? '' : `, ${l.featureCount} features`})`).join(', ');
  if (layers.length === 0) return { ok: false, reasons: [`${file}: holds no layers`] };
  if (requested !== undefined) {
    const found = byName(requested);
    if (found.length === 1) return polygonOnly(file, found[0]);
    return { ok: false, reasons: [`${file}: has no layer named ${JSON.stringify(requested)}; its layers: ${listing()}`] };
  }
  const named = byName(DEFAULT_LAYER_NAME);
  if (named.length === 1) return polygonOnly(file, named[0]);
  const polygons = layers.filter((l) => isPolygonType(l.geometryType));
  if (polygons.length === 1) return { ok: true, layer: polygons[0] };
  const why = polygons.length === 0 ? 'no polygon layer' : `${polygons.length} polygon layers and none named ${DEFAULT_LAYER_NAME}`;
  return { ok: false, reasons: [`${file}: ${why}; choose one with --layer NAME (CLI) or "layer" (layers.json); its layers: ${listing()}`] };
}

/** Polygon, MultiPolygon and their curved / Z / M variants. */
export function isPolygonType(type: string): boolean {
  return /polygon|surface/i.test(type);
}

function polygonOnly(file: string, layer: LayerSummary): LayerChoice {
  if (isPolygonType(layer.geometryType)) return { ok: true, layer };
  return { ok: false, reasons: [`${file}: layer ${layer.name} holds ${layer.geometryType} geometries; a change or protection layer must be polygons`] };
}
