// The attribute columns of approval, filing and temporary-use layers (docs/RULES.md "Layer attributes"): named per
// layer in layers.json ("fields"), else the national defaults, matched case-insensitively against the layer's columns.
import { isoDate, type ProtectionAttributes, type ProtectionKind } from '@landwatch/core';

export type AttributeName = keyof ProtectionAttributes;
export const ATTRIBUTE_NAMES: readonly AttributeName[] = ['authority', 'reference', 'date', 'start', 'end'];

/** Default column of each attribute, per layer kind. Kinds absent here carry no attributes. */
export const DEFAULT_ATTRIBUTE_FIELDS: Readonly<Partial<Record<ProtectionKind, Partial<Record<AttributeName, string>>>>> = {
  // 批准机关, 批准文号, 批准日期
  'approved-construction': { authority: 'PZJG', reference: 'PZWH', date: 'PZRQ' },
  // a filing is referenced by its number; filings carry no authority that changes a verdict
  'facility-filing': { reference: 'PZWH', date: 'PZRQ' },
  // 临时用地: 批准文号, 起始日期, 结束日期
  'temporary-use': { reference: 'PZWH', start: 'QSRQ', end: 'JSRQ' },
};

/** attribute → the layer's actual column name, for the attributes the layer has. */
export type AttributeColumns = Partial<Record<AttributeName, string>>;

/**
 * Resolves the attribute columns of a layer: `fields` from layers.json win over the defaults. A column named in
 * `fields` that the layer lacks is a problem (returned, to be reported with the layer); a default column the layer
 * lacks is simply absent (the attribute is then unknown for every feature).
 */
export function resolveAttributeColumns(
  kind: ProtectionKind,
  fields: Partial<Record<AttributeName, string>> | undefined,
  columnNames: readonly string[],
): { columns: AttributeColumns; problems: string[] } {
  const defaults = DEFAULT_ATTRIBUTE_FIELDS[kind];
  const columns: AttributeColumns = {};
  const problems: string[] = [];
  if (defaults === undefined && fields === undefined) return { columns, problems };
  const byUpper = new Map(columnNames.map((n) => [n.toUpperCase(), n]));
  for (const name of ATTRIBUTE_NAMES) {
    const wanted = fields?.[name] ?? defaults?.[name];
    if (wanted === undefined) continue;
    const actual = byUpper.get(wanted.toUpperCase());
    if (actual !== undefined) columns[name] = actual;
    else if (fields?.[name] !== undefined) problems.push(`field ${name}: the layer has no column ${wanted}`);
  }
  return { columns, problems };
}

/** The attributes of one feature (text trimmed, dates as ISO dates); undefined when the layer has none. */
export function attributesOf(props: Record<string, unknown>, columns: AttributeColumns): ProtectionAttributes | undefined {
  const out: ProtectionAttributes = {};
  let any = false;
  for (const name of ATTRIBUTE_NAMES) {
    const column = columns[name];
    if (column === undefined) continue;
    const raw = props[column];
    const value = name === 'authority' || name === 'reference' ? text(raw) : isoDate(raw);
    if (value !== undefined) {
      out[name] = value;
      any = true;
    }
  }
  return any ? out : undefined;
}

function text(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}
