// The versioned land-use code (DLBM) lookup: code → name, 一级类, 三大类, parent, 耕地/水田 flags. Two families of
// versions: the 三调 工作分类 and the 用地用海 classification (docs/CLASSIFICATIONS.md); a table answers only for its own
// codes, and says which 三调 class the detection rules treat each code as (its rule concept).

import type { LandClass } from '../types.ts';
import { UnknownCodeTableVersionError } from './errors.ts';
import {
  CURRENT_LAND_USE_CODE_VERSION,
  GROUP_NAMES,
  LAND_USE_CODE_ROWS,
  type CodeStatus,
  type LandUseCodeRow,
} from './land-use-code-data.ts';
import { YDYH_GROUP_NAMES, YDYH_VERSION, ydyhRows } from './ydyh-code-data.ts';

/** One land-use code with everything the rules and reports need. */
export interface LandUseCode {
  /** DLBM, normalised (upper-case letters). */
  code: string;
  /** 名称. */
  name: string;
  /** 一级类: 三调 '00'…'12' ('00' = the 湿地 overlay group); 用地用海 '01'…'24'. */
  group: string;
  /** 一级类名称. */
  groupName: string;
  /** 三大类. */
  landClass: LandClass;
  /** Code a suffixed code is statistically part of (0201K → 0201); for a 用地用海 三级 code its 二级 code. */
  parent?: string;
  /** Suffix letter of a suffixed code. */
  suffix?: 'K' | 'A';
  /** 耕地: 0101–0103 only (never 1208, never K-codes). */
  cultivated: boolean;
  /** 水田: 0101 only. */
  paddy: boolean;
  /** the land-survey reference's status tag of the row. */
  status: CodeStatus;
}

/** A read-only, versioned code table. */
export interface LandUseCodeTable {
  readonly version: string;
  /** Looks a code up as given; normalise raw input with normalizeLandUseCode first. */
  get(code: string): LandUseCode | undefined;
  /** Every code, in source-table order. */
  all(): readonly LandUseCode[];
  /**
   * The 三调 class the detection rules treat a code of this table as (normalised code in, undefined when the table
   * does not know it). For a 三调 table: the entry itself. For 用地用海: the crosswalked 三调 class, built from the
   * crosswalk data when the table is built, so a code is never looked up in another table.
   */
  ruleConcept(code: string): LandUseCode | undefined;
}

/** Versions that landUseCodeTable accepts: the 三调 versions, then 用地用海. */
export const LAND_USE_CODE_VERSIONS: readonly string[] = [...Object.keys(LAND_USE_CODE_ROWS), YDYH_VERSION];

const CULTIVATED = new Set(['0101', '0102', '0103']);
const PADDY = '0101';

const tables = new Map<string, LandUseCodeTable>();

/** The code table of a version (default: the current one). Throws UnknownCodeTableVersionError for unknown versions. */
export function landUseCodeTable(version: string = CURRENT_LAND_USE_CODE_VERSION): LandUseCodeTable {
  const cached = tables.get(version);
  if (cached !== undefined) return cached;
  const rows = Object.hasOwn(LAND_USE_CODE_ROWS, version) ? LAND_USE_CODE_ROWS[version] : undefined;
  let table: LandUseCodeTable;
  if (version === YDYH_VERSION) table = buildYdyhTable();
  else if (rows !== undefined) table = buildTable(version, rows());
  else throw new UnknownCodeTableVersionError(version, LAND_USE_CODE_VERSIONS);
  tables.set(version, table);
  return table;
}

function buildTable(version: string, rows: LandUseCodeRow[]): LandUseCodeTable {
  const list: LandUseCode[] = rows.map((row) => Object.freeze(toCode(row)));
  const byCode = new Map(list.map((entry) => [entry.code, entry]));
  if (byCode.size !== list.length) throw new Error(`code table ${version}: duplicate codes`);
  Object.freeze(list);
  return Object.freeze({
    version,
    get: (code: string) => byCode.get(code),
    all: () => list,
    ruleConcept: (code: string) => byCode.get(code),
  });
}

/** 用地用海: each code with its own name and 一级类, and the 三大类 / 耕地 / 水田 flags of its rule concept. */
function buildYdyhTable(): LandUseCodeTable {
  // the concepts are 三调 rows as data (the current version's rows), not a lookup in a 三调 table
  const concepts = new Map(
    LAND_USE_CODE_ROWS[CURRENT_LAND_USE_CODE_VERSION]().map((row) => [row.code, Object.freeze(toCode(row))] as const),
  );
  const list: LandUseCode[] = [];
  const conceptOf = new Map<string, LandUseCode>();
  for (const [code, name, conceptCode, status] of ydyhRows()) {
    const concept = concepts.get(conceptCode);
    if (concept === undefined) throw new Error(`code table ${YDYH_VERSION}: ${code} names unknown rule concept ${conceptCode}`);
    const group = code.slice(0, 2);
    const entry: LandUseCode = {
      code,
      name,
      group,
      groupName: YDYH_GROUP_NAMES[group],
      landClass: concept.landClass,
      cultivated: concept.cultivated,
      paddy: concept.paddy,
      status: status ?? concept.status,
    };
    if (code.length === 6) entry.parent = code.slice(0, 4);
    list.push(Object.freeze(entry));
    conceptOf.set(code, status === undefined ? concept : Object.freeze({ ...concept, status }));
  }
  const byCode = new Map(list.map((entry) => [entry.code, entry]));
  if (byCode.size !== list.length) throw new Error(`code table ${YDYH_VERSION}: duplicate codes`);
  Object.freeze(list);
  return Object.freeze({
    version: YDYH_VERSION,
    get: (code: string) => byCode.get(code),
    all: () => list,
    ruleConcept: (code: string) => conceptOf.get(code),
  });
}

function toCode(row: LandUseCodeRow): LandUseCode {
  const entry: LandUseCode = {
    code: row.code,
    name: row.name,
    group: row.group,
    groupName: GROUP_NAMES[row.group],
    landClass: row.landClass,
    cultivated: CULTIVATED.has(row.code),
    paddy: row.code === PADDY,
    status: row.status,
  };
  if (row.parent !== undefined) entry.parent = row.parent;
  if (row.suffix !== undefined) entry.suffix = row.suffix;
  return entry;
}

/**
 * Normalises a raw DLBM value: String(), trim, upper-case letters ('05h1 ' → '05H1'). null/undefined → ''.
 * Nothing else is guessed: numeric input is not zero-padded (101 → '101', an unknown code).
 */
export function normalizeLandUseCode(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return String(raw).trim().toUpperCase();
}

/** Anything with a `get` that answers undefined for unknown values (a LandUseCodeTable, an attribute code list). */
export interface CodeLookup {
  get(code: string): unknown;
}

/**
 * Counts the values that the table does not know, keyed by their normalised form ('' for blanks).
 * Entries are ordered by count (descending), then by code.
 */
export function tallyUnknownCodes(codes: Iterable<string>, table: CodeLookup): Map<string, number> {
  const counts = new Map<string, number>();
  for (const raw of codes) {
    const code = normalizeLandUseCode(raw);
    if (code !== '' && table.get(code) !== undefined) continue;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(sorted);
}
