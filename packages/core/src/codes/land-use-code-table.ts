// The versioned land-use code (DLBM) lookup: code → name, 一级类, 三大类, parent, 耕地/水田 flags.

import type { LandClass } from '../types.ts';
import { UnknownCodeTableVersionError } from './errors.ts';
import {
  CURRENT_LAND_USE_CODE_VERSION,
  GROUP_NAMES,
  LAND_USE_CODE_ROWS,
  type CodeStatus,
  type LandUseCodeRow,
} from './land-use-code-data.ts';

/** One land-use code with everything the rules and reports need. */
export interface LandUseCode {
  /** DLBM, normalised (upper-case letters). */
  code: string;
  /** 名称. */
  name: string;
  /** 一级类 '00'…'12' ('00' = the 湿地 overlay group). */
  group: string;
  /** 一级类名称. */
  groupName: string;
  /** 三大类. */
  landClass: LandClass;
  /** Code a suffixed code is statistically part of (0201K → 0201). */
  parent?: string;
  /** Suffix letter of a suffixed code. */
  suffix?: 'K' | 'A';
  /** 耕地: 0101–0103 only (never 1208, never K-codes). */
  cultivated: boolean;
  /** 水田: 0101 only. */
  paddy: boolean;
  /** DOMAIN.md status tag of the row. */
  status: CodeStatus;
}

/** A read-only, versioned code table. */
export interface LandUseCodeTable {
  readonly version: string;
  /** Looks a code up as given; normalise raw input with normalizeLandUseCode first. */
  get(code: string): LandUseCode | undefined;
  /** Every code, in source-table order. */
  all(): readonly LandUseCode[];
}

/** Versions that landUseCodeTable accepts. */
export const LAND_USE_CODE_VERSIONS: readonly string[] = Object.keys(LAND_USE_CODE_ROWS);

const CULTIVATED = new Set(['0101', '0102', '0103']);
const PADDY = '0101';

const tables = new Map<string, LandUseCodeTable>();

/** The code table of a version (default: the current one). Throws UnknownCodeTableVersionError for unknown versions. */
export function landUseCodeTable(version: string = CURRENT_LAND_USE_CODE_VERSION): LandUseCodeTable {
  const cached = tables.get(version);
  if (cached !== undefined) return cached;
  const rows = Object.hasOwn(LAND_USE_CODE_ROWS, version) ? LAND_USE_CODE_ROWS[version] : undefined;
  if (rows === undefined) throw new UnknownCodeTableVersionError(version, LAND_USE_CODE_VERSIONS);
  const table = buildTable(version, rows());
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
