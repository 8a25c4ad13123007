// The protection-layer registry (layers.json, docs/ARCHITECTURE.md, "Protection layers"): parsed and checked once, every problem reported.
import { PROTECTION_KINDS, type ProtectionKind } from '@landwatch/core';
import { ATTRIBUTE_NAMES, type AttributeName } from './layer-attributes.ts';

export interface LayerEntry {
  id: string;
  kind: ProtectionKind;
  title: string;
  /** CLI: a file path (relative to the registry file); AWS: a key in the reference bucket */
  path: string;
  /** the layer's own attribute columns (docs/RULES.md "Layer attributes"); absent: the defaults of its kind */
  fields?: Partial<Record<AttributeName, string>>;
  /** the layer of a multi-layer delivery (GeoPackage, .gdb, zip) to read; default: docs/FORMATS.md */
  layer?: string;
}

export class LayerRegistryError extends Error {
  constructor(
    readonly source: string,
    readonly reasons: string[],
  ) {
    super(`${source}: invalid layer registry:\n${reasons.join('\n')}`);
    this.name = 'LayerRegistryError';
  }
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Parses layers.json: either an array of entries or `{ "layers": [...] }`. */
export function parseLayerRegistry(text: string, source: string): LayerEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new LayerRegistryError(source, [`not JSON: ${(err as Error).message}`]);
  }
  const list = Array.isArray(data) ? data : (data as { layers?: unknown })?.layers;
  if (!Array.isArray(list)) throw new LayerRegistryError(source, ['expected an array of layers or { "layers": [...] }']);
  const reasons: string[] = [];
  const seen = new Set<string>();
  const layers: LayerEntry[] = [];
  list.forEach((raw, i) => {
    const e = raw as Record<string, unknown>;
    const at = `layer ${i}${typeof e?.id === 'string' ? ` (${e.id})` : ''}`;
    if (typeof e !== 'object' || e === null) return void reasons.push(`${at}: not an object`);
    if (typeof e.id !== 'string' || !ID.test(e.id)) reasons.push(`${at}: field id: must be a short identifier ([A-Za-z0-9._-])`);
    else if (seen.has(e.id)) reasons.push(`${at}: field id: duplicate id ${e.id}`);
    else seen.add(e.id);
    if (typeof e.kind !== 'string' || !(PROTECTION_KINDS as readonly string[]).includes(e.kind)) {
      reasons.push(`${at}: field kind: '${String(e.kind)}' is not one of ${PROTECTION_KINDS.join(', ')}`);
    }
    if (typeof e.path !== 'string' || e.path === '') reasons.push(`${at}: field path: required`);
    if (e.title !== undefined && typeof e.title !== 'string') reasons.push(`${at}: field title: must be a string`);
    const fields = parseFields(e.fields, at, reasons);
    if (e.layer !== undefined && (typeof e.layer !== 'string' || e.layer === '')) reasons.push(`${at}: field layer: must be a layer name`);
    const entry: LayerEntry = { id: String(e.id), kind: e.kind as ProtectionKind, title: String(e.title ?? e.id), path: String(e.path) };
    if (fields !== undefined) entry.fields = fields;
    if (typeof e.layer === 'string' && e.layer !== '') entry.layer = e.layer;
    layers.push(entry);
  });
  if (reasons.length > 0) throw new LayerRegistryError(source, reasons);
  return layers;
}

/** `"fields": {"authority": "…", "reference": "…", "date": "…", "start": "…", "end": "…"}`: column names, all optional. */
function parseFields(raw: unknown, at: string, reasons: string[]): Partial<Record<AttributeName, string>> | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    reasons.push(`${at}: field fields: must be an object naming columns (${ATTRIBUTE_NAMES.join(', ')})`);
    return undefined;
  }
  const fields: Partial<Record<AttributeName, string>> = {};
  for (const [name, column] of Object.entries(raw)) {
    if (!(ATTRIBUTE_NAMES as readonly string[]).includes(name)) {
      reasons.push(`${at}: field fields.${name}: unknown attribute (known: ${ATTRIBUTE_NAMES.join(', ')})`);
    } else if (typeof column !== 'string' || column.trim() === '') {
      reasons.push(`${at}: field fields.${name}: must be a column name`);
    } else fields[name as AttributeName] = column.trim();
  }
  return fields;
}
