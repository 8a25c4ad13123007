// Which classification an upload's land-use codes are in: 三调 工作分类 ('sandiao') or 用地用海 2023 ('ydyh').
// Declared (CLI --classification, S3 user metadata landwatch-classification) or decided from evidence ('auto'):
// codes that exist in only one of the two tables. Codes valid in both tables with different meanings (1101 河流水面
// vs 物流仓储用地) are never guessed (docs/CLASSIFICATIONS.md).
import { CURRENT_LAND_USE_CODE_VERSION } from './land-use-code-data.ts';
import { landUseCodeTable, normalizeLandUseCode, type LandUseCodeTable } from './land-use-code-table.ts';
import { YDYH_VERSION, ydyhRows } from './ydyh-code-data.ts';

/** A classification a run reads its codes in. */
export type ClassificationVersion = 'sandiao' | 'ydyh';
/** What a user may ask for. */
export type ClassificationOption = ClassificationVersion | 'auto';

export const CLASSIFICATION_OPTIONS: readonly ClassificationOption[] = ['sandiao', 'ydyh', 'auto'];
/** S3 user-metadata key of an upload that declares its classification (x-amz-meta-landwatch-classification). */
export const CLASSIFICATION_METADATA_KEY = 'landwatch-classification';

const TITLES: Record<ClassificationVersion, string> = { sandiao: '三调工作分类', ydyh: '用地用海分类' };

/** A classification value that is not one of CLASSIFICATION_OPTIONS. */
export class ClassificationOptionError extends Error {
  override readonly name = 'ClassificationOptionError';
  constructor(
    readonly value: unknown,
    /** Where it came from, e.g. '--classification' or 'S3 metadata landwatch-classification'. */
    readonly source: string,
  ) {
    super(`${source}: ${JSON.stringify(value)} is not a classification; use one of ${CLASSIFICATION_OPTIONS.join(', ')}`);
  }
}

/** The code-table version a classification is read in. */
export function codeTableVersionFor(classification: ClassificationVersion): string {
  return classification === 'ydyh' ? YDYH_VERSION : CURRENT_LAND_USE_CODE_VERSION;
}

/** The classification of a code-table version (every version that is not 用地用海 is a 三调 version). */
export function classificationOfTable(version: string): ClassificationVersion {
  return version === YDYH_VERSION ? 'ydyh' : 'sandiao';
}

/** Parses a user's value (case-insensitive, trimmed); undefined or '' → 'auto'. */
export function parseClassificationOption(value: unknown, source: string): ClassificationOption {
  if (value === undefined || value === null || value === '') return 'auto';
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  const found = CLASSIFICATION_OPTIONS.find((o) => o === text);
  if (found === undefined) throw new ClassificationOptionError(value, source);
  return found;
}

/** The classification an upload's S3 user metadata declares (keys as the SDK returns them, any case); else 'auto'. */
export function classificationFromMetadata(metadata: Readonly<Record<string, string | undefined>> | undefined): ClassificationOption {
  const key = Object.keys(metadata ?? {}).find((k) => k.toLowerCase() === CLASSIFICATION_METADATA_KEY);
  return parseClassificationOption(key === undefined ? undefined : metadata![key], `S3 metadata ${CLASSIFICATION_METADATA_KEY}`);
}

/** What the codes of an upload say about their classification. */
export interface ClassificationEvidence {
  /** Codes found only in the 三调 table. */
  onlySandiao: string[];
  /** Codes found only in the 用地用海 table. */
  onlyYdyh: string[];
  /** Codes in both tables with different meanings (another class, or another name for the same rule class). */
  colliding: string[];
}

export type ClassificationDecision =
  | { ok: true; classification: ClassificationVersion; table: LandUseCodeTable; evidence?: ClassificationEvidence }
  | { ok: false; reasons: string[] };

/** The two tables (injectable so a test can watch which table is read). */
export interface ClassificationTables {
  sandiao: LandUseCodeTable;
  ydyh: LandUseCodeTable;
}

export function defaultClassificationTables(): ClassificationTables {
  return { sandiao: landUseCodeTable(codeTableVersionFor('sandiao')), ydyh: landUseCodeTable(codeTableVersionFor('ydyh')) };
}

/**
 * The table a run reads its codes in. A declared classification is used as is. 'auto' looks only at which table
 * *lists* each code (the tables' code lists, never a per-code lookup): codes of one table only decide; codes of
 * both kinds, or only codes that mean different things in the two tables, are a rejection naming the codes and the
 * option to set. Codes that mean the same in both tables (0101 水田 …) give the same detections either way: 三调 is
 * used. Codes unknown to both are left to validation (reported as unknown in the chosen table).
 */
export function resolveClassification(
  option: ClassificationOption,
  codes: Iterable<string>,
  file: string,
  tables: ClassificationTables = defaultClassificationTables(),
): ClassificationDecision {
  if (option !== 'auto') return { ok: true, classification: option, table: tables[option] };
  const evidence = classificationEvidence(codes, tables);
  const { onlySandiao, onlyYdyh, colliding } = evidence;
  const setIt = 'set --classification sandiao or --classification ydyh (for an upload: S3 user metadata landwatch-classification)';
  if (onlySandiao.length > 0 && onlyYdyh.length > 0) {
    return {
      ok: false,
      reasons: [
        `${file}: land-use codes of both classifications: only in ${TITLES.sandiao} ${list(onlySandiao)}; only in ${TITLES.ydyh} ${list(onlyYdyh)}; ${setIt}`,
      ],
    };
  }
  if (onlyYdyh.length > 0) return { ok: true, classification: 'ydyh', table: tables.ydyh, evidence };
  if (onlySandiao.length > 0 || colliding.length === 0) return { ok: true, classification: 'sandiao', table: tables.sandiao, evidence };
  const meanings = names(colliding, tables);
  return {
    ok: false,
    reasons: [
      `${file}: cannot tell the classification: the land-use codes ${meanings} are valid in both ${TITLES.sandiao} and ${TITLES.ydyh} with different meanings, and no code belongs to only one of them; ${setIt}`,
    ],
  };
}

/** Which of `codes` (raw, normalised here) each table lists. */
export function classificationEvidence(codes: Iterable<string>, tables: ClassificationTables = defaultClassificationTables()): ClassificationEvidence {
  const sandiao = new Map(tables.sandiao.all().map((c) => [c.code, c.name]));
  const ydyh = new Map(tables.ydyh.all().map((c) => [c.code, c.name]));
  const distinct = new Set<string>();
  for (const raw of codes) {
    const code = normalizeLandUseCode(raw);
    if (code !== '') distinct.add(code);
  }
  const sorted = [...distinct].sort();
  return {
    onlySandiao: sorted.filter((c) => sandiao.has(c) && !ydyh.has(c)),
    onlyYdyh: sorted.filter((c) => ydyh.has(c) && !sandiao.has(c)),
    colliding: sorted.filter((c) => sandiao.has(c) && ydyh.has(c) && !sameMeaning(c, sandiao.get(c)!, ydyh.get(c)!)),
  };
}

/** 用地用海 code → its 三调 rule concept, from the crosswalk data. */
const YDYH_CONCEPTS = new Map(ydyhRows().map(([code, , concept]) => [code, concept]));

/** Same class in both tables: the crosswalk maps the code to itself and the names agree (橡胶园 = 橡胶园地). */
function sameMeaning(code: string, sandiaoName: string, ydyhName: string): boolean {
  const plain = (name: string) => (name.endsWith('地') ? name.slice(0, -1) : name);
  return YDYH_CONCEPTS.get(code) === code && plain(sandiaoName) === plain(ydyhName);
}

function list(codes: string[]): string {
  const shown = codes.slice(0, 12).join(', ');
  return codes.length > 12 ? `${shown} and ${codes.length - 12} more` : shown;
}

function names(codes: string[], tables: ClassificationTables): string {
  const sandiao = new Map(tables.sandiao.all().map((c) => [c.code, c.name]));
  const ydyh = new Map(tables.ydyh.all().map((c) => [c.code, c.name]));
  const shown = codes.slice(0, 12).map((c) => `${c} (${sandiao.get(c)} / ${ydyh.get(c)})`);
  return codes.length > 12 ? `${shown.join(', ')} and ${codes.length - 12} more` : shown.join(', ');
}
