// The 耕地 balance ledger per township (docs/RULES.md "Balance ledger"): 转出 vs 转进 (进出平衡, 2021–2024; from 2025
// the unified 占补平衡 also counts 非农化 as 占用), the 水田 clause, eligible gains, and what is kept apart.
//
// What counts (areas are the pieces' 耕地地类面积, net of 田坎: net_area_m2):
// - 转出 (out) = classifications tagged 'balance-out': non_grain_land (耕地 → 园/林/草/坑塘/other 农用地),
//   agricultural_facility (→ 1202/1006), and to_water only when the target is 农用地 (1103 水库水面, 1107 沟渠);
// - 占用 (occupied) = 非农化 tagged 'balance-occupied' (unified 占补平衡 only; before 2025 construction is a separate
//   占补平衡 account and not in this ledger);
// - the 永久基本农田 part of every loss of 耕地 is never balanced but restored: it goes to pbf_out and is NOT part of
//   out or occupied;
// - not counted, each in its own column: water spreading over the land (1101/1102 and the 湿地 1105/1106/1108:
//   河湖水面自然扩大) and damage (1204/1205/1207/1110: 自然灾害损毁); 1206 裸土地 is neither (it precedes construction);
// - 水改旱 (paddy_to_dry) and 旱改水 (dry_to_paddy) have their own columns, apart from 转出/转进;
// - 转进 (in) = gains ('balance-in'); only entries with eligible === true count toward eligibleIn (the balancing side).
// Areas are summed as integer hundredths of m² (each entry rounded to 0.01 m², as reported), so adding and merging
// are exact and order-independent: ledgers of several tiles merged in any order give the same rows as one ledger.

import type { Classification } from './classify-change.ts';
import { RuleInputError } from './errors.ts';

/** One township's balance. Areas in m² (2 decimals). */
export interface BalanceRow {
  /** 9-character township code (ZLDWDM[0:9]). */
  townshipCode: string;
  /** 转出 area (一般耕地 only). */
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
  /** 非农化 占用 of 一般耕地 (unified 占补平衡, from 2025). */
  occupiedM2: number;
  /** 永久基本农田 lost (必须整改恢复), not part of out or occupied. */
  pbfOutM2: number;
  /** 0101 → 0102/0103. */
  paddyToDryM2: number;
  /** 0102/0103 → 0101. */
  dryToPaddyM2: number;
  /** Not counted: possible 河湖水面自然扩大. */
  notCountedWaterM2: number;
  /** Not counted: possible 自然灾害损毁. */
  notCountedDisasterM2: number;
  /** eligibleInM2 − outM2 − occupiedM2. */
  netM2: number;
  /** eligibleInM2 ≥ outM2 + occupiedM2 AND eligiblePaddyInM2 ≥ paddyOutM2. */
  balanced: boolean;
}

/** One entry of BalanceLedger.add. */
export interface BalanceEntry {
  /** Township the piece lies in. */
  townshipCode: string;
  classification: Classification;
  /** 耕地 area of the piece (net of 田坎), m². */
  areaM2: number;
  /** 水田 part of areaM2 (before-state for losses, after-state for gains), m². */
  paddyM2: number;
  /** 永久基本农田 part of areaM2, m² (losses only; default 0). */
  permanentFarmlandM2?: number;
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
  occupied: number;
  pbfOut: number;
  paddyToDry: number;
  dryToPaddy: number;
  notCountedWater: number;
  notCountedDisaster: number;
}

const FIELDS = [
  'out',
  'in',
  'paddyOut',
  'paddyIn',
  'eligibleIn',
  'eligiblePaddyIn',
  'occupied',
  'pbfOut',
  'paddyToDry',
  'dryToPaddy',
  'notCountedWater',
  'notCountedDisaster',
] as const;

/** Losses of 耕地 whose 永久基本农田 part is restored, not balanced. */
const CULTIVATED_LOSSES = new Set(['non_agricultural', 'non_grain_land', 'agricultural_facility', 'to_water', 'to_unused']);

/** Accumulates the balance per township. */
export class BalanceLedger {
  readonly #sums = new Map<string, Sums>();

  /** Adds one classified piece; pieces that touch no column are ignored (no row is created for them). */
  add(e: BalanceEntry): void {
    const c = e.classification;
    const has = (tag: string) => (c.tags as readonly string[]).includes(tag);
    const loss = CULTIVATED_LOSSES.has(c.changeType);
    const touches = loss || has('balance-in') || has('paddy-to-dry') || has('dry-to-paddy');
    if (!touches) return;
    const township = checkTownship('BalanceLedger.add', e.townshipCode);
    const area = toHundredths('BalanceLedger.add', 'areaM2', e.areaM2);
    const paddy = toHundredths('BalanceLedger.add', 'paddyM2', e.paddyM2);
    const pbf = Math.min(area, toHundredths('BalanceLedger.add', 'permanentFarmlandM2', e.permanentFarmlandM2 ?? 0));
    if (paddy > area) throw new RuleInputError('BalanceLedger.add', 'paddyM2', e.paddyM2, `≤ areaM2 (${e.areaM2})`);
    // a loss no column counts (非农化 before 2025 outside 永久基本农田, 1206 裸土地) creates no row
    const countedLoss = pbf > 0 || ['balance-out', 'balance-occupied', 'possible-natural-flooding', 'possible-natural-disaster'].some(has);
    if (loss && !countedLoss && !has('paddy-to-dry') && !has('dry-to-paddy')) return;
    const sums = this.#row(township);
    if (has('paddy-to-dry')) sums.paddyToDry += area;
    if (has('dry-to-paddy')) sums.dryToPaddy += area;
    if (loss) {
      // the 永久基本农田 part is restored; the rest is counted where its kind of loss belongs
      const rest = area - pbf;
      const paddyRest = area > 0 ? Math.round((paddy * rest) / area) : 0;
      sums.pbfOut += pbf;
      if (has('balance-out')) {
        sums.out += rest;
        sums.paddyOut += paddyRest;
      } else if (has('balance-occupied')) {
        sums.occupied += rest;
        sums.paddyOut += paddyRest;
      } else if (has('possible-natural-flooding')) sums.notCountedWater += rest;
      else if (has('possible-natural-disaster')) sums.notCountedDisaster += rest;
    } else if (has('balance-in')) {
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
      sums.occupied += toHundredths('BalanceLedger.fromRows', 'occupiedM2', row.occupiedM2);
      sums.pbfOut += toHundredths('BalanceLedger.fromRows', 'pbfOutM2', row.pbfOutM2);
      sums.paddyToDry += toHundredths('BalanceLedger.fromRows', 'paddyToDryM2', row.paddyToDryM2);
      sums.dryToPaddy += toHundredths('BalanceLedger.fromRows', 'dryToPaddyM2', row.dryToPaddyM2);
      sums.notCountedWater += toHundredths('BalanceLedger.fromRows', 'notCountedWaterM2', row.notCountedWaterM2);
      sums.notCountedDisaster += toHundredths('BalanceLedger.fromRows', 'notCountedDisasterM2', row.notCountedDisasterM2);
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
  return { out: 0, in: 0, paddyOut: 0, paddyIn: 0, eligibleIn: 0, eligiblePaddyIn: 0, occupied: 0, pbfOut: 0, paddyToDry: 0, dryToPaddy: 0, notCountedWater: 0, notCountedDisaster: 0 };
}

function toRow(s: Sums): Omit<BalanceRow, 'townshipCode'> {
  return {
    outM2: s.out / 100,
    inM2: s.in / 100,
    paddyOutM2: s.paddyOut / 100,
    paddyInM2: s.paddyIn / 100,
    eligibleInM2: s.eligibleIn / 100,
    eligiblePaddyInM2: s.eligiblePaddyIn / 100,
    occupiedM2: s.occupied / 100,
    pbfOutM2: s.pbfOut / 100,
    paddyToDryM2: s.paddyToDry / 100,
    dryToPaddyM2: s.dryToPaddy / 100,
    notCountedWaterM2: s.notCountedWater / 100,
    notCountedDisasterM2: s.notCountedDisaster / 100,
    netM2: (s.eligibleIn - s.out - s.occupied) / 100,
    balanced: s.eligibleIn >= s.out + s.occupied && s.eligiblePaddyIn >= s.paddyOut,
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
