// 进出平衡 ledger per township (DOMAIN §6.4): 转出 vs 转进 area, 水田 clause, eligible gains.
//
// What counts:
// - 转出 = classifications tagged 'balance-out': non_grain_land (耕地 → 园/林/草/坑塘/湿地/other 农用地),
//   agricultural_facility (→ 1202/1006), and to_water only when the target is 农用地 (1103 水库水面, 1107 沟渠).
//   NOT counted: non_agricultural (占补平衡, a separate account); to_water → 1101/1102 and to_unused, because their
//   targets are 未利用地 (not "other 农用地") and they are the typical exemptions (河湖水面自然扩大, 自然灾害损毁);
//   they are flagged for review instead. Planting changes are not land-class changes.
// - 转进 = gains ('balance-in'); only entries with eligible === true count toward eligibleIn (the balancing side).
// Areas are summed as integer hundredths of m² (each entry rounded to 0.01 m², as reported), so adding and merging
// are exact and order-independent: ledgers of several tiles merged in any order give the same rows as one ledger.

import type { Classification } from './classify-change.ts';
import { RuleInputError } from './errors.ts';

/** One township's balance. Areas in m² (2 decimals). */
export interface BalanceRow {
  /** 9-character township code (ZLDWDM[0:9]). */
  townshipCode: string;
  /** 转出 area. */
  outM2: number;
  /** 转进 area (all gains, eligible or not). */
  inM2: number;
  /** 水田 part of 转出. */
  paddyOutM2: number;
  /** 水田 part of 转进. */
  paddyInM2: number;
  /** Eligible 转进. */
  eligibleInM2: number;
  /** Eligible 水田 转进. */
  eligiblePaddyInM2: number;
  /** eligibleInM2 − outM2. */
  netM2: number;
  /** eligibleInM2 ≥ outM2 AND eligiblePaddyInM2 ≥ paddyOutM2. */
  balanced: boolean;
}

/** One entry of BalanceLedger.add. */
export interface BalanceEntry {
  /** Township the piece lies in. */
  townshipCode: string;
  classification: Classification;
  /** 耕地 area of the piece, m². */
  areaM2: number;
  /** 水田 part of areaM2 (before-state for 转出, after-state for 转进), m². */
  paddyM2: number;
  /** Gains: result of gainEligibility; anything but true means "does not balance". */
  eligible?: boolean;
}

/** Integer hundredths of m². */
interface Sums {
  out: number;
  in: number;
  paddyOut: number;
  paddyIn: number;
  eligibleIn: number;
  eligiblePaddyIn: number;
}

const FIELDS = ['out', 'in', 'paddyOut', 'paddyIn', 'eligibleIn', 'eligiblePaddyIn'] as const;

/** Accumulates 转出/转进 per township. */
export class BalanceLedger {
  readonly #sums = new Map<string, Sums>();

  /** Adds one detection; entries that are neither 转出 nor 转进 are ignored (no row is created for them). */
  add(e: BalanceEntry): void {
    const out = e.classification.tags.includes('balance-out');
    const gained = e.classification.tags.includes('balance-in');
    if (!out && !gained) return;
    const township = checkTownship('BalanceLedger.add', e.townshipCode);
    const area = toHundredths('BalanceLedger.add', 'areaM2', e.areaM2);
    const paddy = toHundredths('BalanceLedger.add', 'paddyM2', e.paddyM2);
    if (paddy > area) throw new RuleInputError('BalanceLedger.add', 'paddyM2', e.paddyM2, `≤ areaM2 (${e.areaM2})`);
    const sums = this.#row(township);
    if (out) {
      sums.out += area;
      sums.paddyOut += paddy;
    } else {
      sums.in += area;
      sums.paddyIn += paddy;
      if (e.eligible === true) {
        sums.eligibleIn += area;
        sums.eligiblePaddyIn += paddy;
      }
    }
  }

  /** Adds every row of another ledger into this one; returns this. */
  merge(other: BalanceLedger): this {
    for (const [township, theirs] of other.#sums) {
      const mine = this.#row(township);
      for (const field of FIELDS) mine[field] += theirs[field];
    }
    return this;
  }

  /** Rebuilds a ledger from rows (e.g. a tile's JSON); rows of the same township are summed. */
  static fromRows(rows: readonly BalanceRow[]): BalanceLedger {
    const ledger = new BalanceLedger();
    for (const row of rows) {
      const sums = ledger.#row(checkTownship('BalanceLedger.fromRows', row.townshipCode));
      sums.out += toHundredths('BalanceLedger.fromRows', 'outM2', row.outM2);
      sums.in += toHundredths('BalanceLedger.fromRows', 'inM2', row.inM2);
      sums.paddyOut += toHundredths('BalanceLedger.fromRows', 'paddyOutM2', row.paddyOutM2);
      sums.paddyIn += toHundredths('BalanceLedger.fromRows', 'paddyInM2', row.paddyInM2);
      sums.eligibleIn += toHundredths('BalanceLedger.fromRows', 'eligibleInM2', row.eligibleInM2);
      sums.eligiblePaddyIn += toHundredths('BalanceLedger.fromRows', 'eligiblePaddyInM2', row.eligiblePaddyInM2);
    }
    return ledger;
  }

  /** One row per township with 转出 or 转进, sorted by township code. */
  rows(): BalanceRow[] {
    return [...this.#sums.keys()].sort().map((township) => ({ townshipCode: township, ...toRow(this.#sums.get(township)!) }));
  }

  /** All townships together (the county). Note: the total can balance while single townships do not. */
  total(): Omit<BalanceRow, 'townshipCode'> {
    const sums = emptySums();
    for (const row of this.#sums.values()) for (const field of FIELDS) sums[field] += row[field];
    return toRow(sums);
  }

  /** JSON form = rows(); BalanceLedger.fromRows reads it back. */
  toJSON(): BalanceRow[] {
    return this.rows();
  }

  #row(township: string): Sums {
    let sums = this.#sums.get(township);
    if (sums === undefined) {
      sums = emptySums();
      this.#sums.set(township, sums);
    }
    return sums;
  }
}

function emptySums(): Sums {
  return { out: 0, in: 0, paddyOut: 0, paddyIn: 0, eligibleIn: 0, eligiblePaddyIn: 0 };
}

function toRow(s: Sums): Omit<BalanceRow, 'townshipCode'> {
  return {
    outM2: s.out / 100,
    inM2: s.in / 100,
    paddyOutM2: s.paddyOut / 100,
    paddyInM2: s.paddyIn / 100,
    eligibleInM2: s.eligibleIn / 100,
    eligiblePaddyInM2: s.eligiblePaddyIn / 100,
    netM2: (s.eligibleIn - s.out) / 100,
    balanced: s.eligibleIn >= s.out && s.eligiblePaddyIn >= s.paddyOut,
  };
}

/** m² → integer hundredths, half away from zero (toPrecision removes binary noise such as 1.005 × 100 = 100.4999…). */
function toHundredths(operation: string, field: string, m2: number): number {
  if (typeof m2 !== 'number' || !Number.isFinite(m2) || m2 < 0) {
    throw new RuleInputError(operation, field, m2, 'a finite number ≥ 0');
  }
  const hundredths = Math.round(Number((m2 * 100).toPrecision(15)));
  if (!Number.isSafeInteger(hundredths)) throw new RuleInputError(operation, field, m2, 'an area below 9e13 m²');
  return hundredths;
}

function checkTownship(operation: string, code: unknown): string {
  if (typeof code !== 'string' || code.trim() === '') {
    throw new RuleInputError(operation, 'townshipCode', code, 'a non-empty string');
  }
  return code;
}
