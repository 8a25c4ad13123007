// A small read-only lookup for the attribute code lists (ZZSXDM, TBXHDM, GDPDJB, CZCSXM).

import type { CodeStatus } from './land-use-code-data.ts';

/** One value of an attribute code list. */
export interface AttributeCode {
  /** The value as stored in the survey field. */
  code: string;
  /** 名称. */
  name: string;
  /** Short English meaning. */
  meaning: string;
  /** Which land-use codes it applies to, as the standard says it (free text for display). */
  appliesTo: string;
  /** the land-survey reference's status of the row. */
  status: CodeStatus;
}

/** A read-only list of the values of one survey field. */
export interface AttributeCodeList<T extends AttributeCode> {
  /** Raw survey field name, e.g. 'ZZSXDM'. */
  readonly field: string;
  /** Looks a normalised value up (see normalizeAttributeCode); undefined when unknown. */
  get(code: string): T | undefined;
  /** Every value, in table order. */
  all(): readonly T[];
}

/** Builds a frozen list; throws on duplicate codes (a data error). */
export function attributeCodeList<T extends AttributeCode>(field: string, rows: readonly T[]): AttributeCodeList<T> {
  const list = Object.freeze(rows.map((row) => Object.freeze({ ...row })));
  const byCode = new Map(list.map((row) => [row.code, row]));
  if (byCode.size !== list.length) throw new Error(`${field} code list: duplicate codes`);
  return Object.freeze({ field, get: (code: string) => byCode.get(code), all: () => list });
}

/**
 * Normalises a raw attribute value: String(), trim, upper-case. Blank (null, undefined, '', spaces) → undefined,
 * meaning "absent". Nothing else is guessed ('05' stays '05', an unknown slope class).
 */
export function normalizeAttributeCode(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const code = String(raw).trim().toUpperCase();
  return code === '' ? undefined : code;
}
