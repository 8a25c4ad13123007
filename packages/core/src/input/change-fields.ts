// The change layer's (DLTBGXGC) fields: resolved case-insensitively, optionally renamed by a field map, and mapped
// once into the domain's ChangePiece. Raw survey names stop here.
import type { ChangePiece, MultiPolygon } from '../types.ts';
import { isoDate } from './iso-date.ts';

/** Canonical field names of docs/ARCHITECTURE.md (Inputs). */
export const CHANGE_FIELDS = [
  'BSM',
  'BGQDLBM',
  'BGHDLBM',
  'BGHZLDWDM',
  'BGQZLDWDM',
  'ZLDWDM',
  'BGQTBBSM',
  'BGHTBBSM',
  'BGQTBBH',
  'BGHTBBH',
  'BGQZZSXDM',
  'BGHZZSXDM',
  'BGHTBXHDM',
  'BGHCZCSXM',
  'BGHGDPDJB',
  'BGQTBDLMJ',
  'BGHTBDLMJ',
  'TBBGMJ',
  'BGQKCXS',
  'BGHKCXS',
  'GXSJ',
  'SJNF',
  'BGQDLMC',
  'BGHDLMC',
  'BGHZLDWMC',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/** Location code fields in order of preference: the first present one is used. */
const LOCATION_FIELDS: readonly ChangeField[] = ['BGHZLDWDM', 'BGQZLDWDM', 'ZLDWDM'];

/** A field map renames canonical fields to the file's column names: `{ "BGQDLBM": "OLD_CODE" }`. */
export type FieldMap = Partial<Record<ChangeField, string>>;

export interface ChangeSchema {
  /** canonical field → the file's actual column name (absent when the file lacks it) */
  columns: Partial<Record<ChangeField, string>>;
  /** the location-code column actually used */
  locationColumn?: string;
  /** human-readable problems: missing required fields, field-map entries naming absent columns */
  problems: string[];
}

/** Resolves canonical fields against the file's column names (case-insensitive), applying the field map first. */
export function resolveChangeSchema(columnNames: readonly string[], fieldMap: FieldMap = {}): ChangeSchema {
  const byUpper = new Map(columnNames.map((n) => [n.toUpperCase(), n]));
  const columns: Partial<Record<ChangeField, string>> = {};
  const problems: string[] = [];
  for (const [canonical, mapped] of Object.entries(fieldMap) as [ChangeField, string][]) {
    if (!(CHANGE_FIELDS as readonly string[]).includes(canonical)) {
      problems.push(`field map: unknown field ${canonical} (known: ${CHANGE_FIELDS.join(', ')})`);
      continue;
    }
    const actual = byUpper.get(String(mapped).toUpperCase());
    if (actual === undefined) problems.push(`field map: ${canonical} → ${mapped}, but the file has no column ${mapped}`);
    else columns[canonical] = actual;
  }
  for (const field of CHANGE_FIELDS) {
    if (columns[field] !== undefined || fieldMap[field] !== undefined) continue;
    const actual = byUpper.get(field);
    if (actual !== undefined) columns[field] = actual;
  }
  for (const required of ['BGQDLBM', 'BGHDLBM'] as const) {
    if (columns[required] === undefined) problems.push(`missing required field ${required}`);
  }
  const locationField = LOCATION_FIELDS.find((f) => columns[f] !== undefined);
  if (locationField === undefined) problems.push(`missing required field BGHZLDWDM (or BGQZLDWDM, ZLDWDM)`);
  return { columns, locationColumn: locationField ? columns[locationField] : undefined, problems };
}

/**
 * Column of the run's indexed copy of an unindexed upload: the feature's number in the upload as received, so that
 * every message names a piece by the uploader's numbering.
 */
export const UPLOAD_INDEX_COLUMN = 'LW_UPLOAD_FID';

type Props = Record<string, unknown>;

function text(props: Props, column: string | undefined): string | undefined {
  if (column === undefined) return undefined;
  const v = props[column];
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

function num(props: Props, column: string | undefined): number | undefined {
  if (column === undefined) return undefined;
  const v = props[column];
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A 田坎 deduction coefficient (KCXS) is a fraction of the piece, e.g. 0.08. Values outside [0, 1) cannot be a
 * fraction of the area and are not applied (the piece is then counted at its full area).
 */
function coefficient(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 && value < 1 ? value : undefined;
}

/** Maps one feature's raw properties into a ChangePiece. Codes are normalised (trimmed, upper case). */
export function toChangePiece(
  props: Props,
  geometry: MultiPolygon,
  featureIndex: number,
  schema: ChangeSchema,
): ChangePiece {
  const c = schema.columns;
  const upper = (s: string | undefined) => (s === undefined ? undefined : s.toUpperCase());
  const surveyDate = c.GXSJ === undefined ? undefined : isoDate(props[c.GXSJ]);
  const uploaded = props[UPLOAD_INDEX_COLUMN];
  if (typeof uploaded === 'number' && Number.isSafeInteger(uploaded) && uploaded >= 0) featureIndex = uploaded;
  return {
    featureIndex,
    pieceId: text(props, c.BSM) ?? String(featureIndex),
    beforeCode: upper(text(props, c.BGQDLBM)) ?? '',
    afterCode: upper(text(props, c.BGHDLBM)) ?? '',
    locationCode: text(props, schema.locationColumn) ?? '',
    locationName: text(props, c.BGHZLDWMC),
    beforeName: text(props, c.BGQDLMC),
    afterName: text(props, c.BGHDLMC),
    beforeParcelId: text(props, c.BGQTBBSM),
    afterParcelId: text(props, c.BGHTBBSM),
    beforeParcelNo: text(props, c.BGQTBBH),
    afterParcelNo: text(props, c.BGHTBBH),
    beforePlanting: upper(text(props, c.BGQZZSXDM)),
    afterPlanting: upper(text(props, c.BGHZZSXDM)),
    afterRefinement: upper(text(props, c.BGHTBXHDM)),
    afterSettlementCode: upper(text(props, c.BGHCZCSXM)),
    afterSlopeClass: text(props, c.BGHGDPDJB),
    beforeLandAreaM2: num(props, c.BGQTBDLMJ),
    afterLandAreaM2: num(props, c.BGHTBDLMJ),
    changeAreaM2: num(props, c.TBBGMJ),
    beforeDeductionCoefficient: coefficient(num(props, c.BGQKCXS)),
    afterDeductionCoefficient: coefficient(num(props, c.BGHKCXS)),
    surveyDate,
    surveyYear: num(props, c.SJNF),
    geometry,
  };
}
