// Evaluates DECISION_TABLE for one classified piece: severity, rule ids, reasons (each naming its legal basis),
// disposition and inspection category.

import type { Severity } from '../types.ts';
import type { Classification } from './classify-change.ts';
import { DECISION_TABLE, type CoverageTest, type DecisionCondition, type DecisionRow, type PieceFact } from './decision-table.ts';
import { dispositionOf, inspectionCategoryOf, type Disposition, type InspectionCategory } from './disposition.ts';
import { evaluateGain, type GainEligibility } from './gain-eligibility.ts';
import { checkAreas, coverageOf, shareOf, type Coverage, type OverlapKey, type OverlapsM2 } from './overlap-coverage.ts';
import { ruleById } from './rule-definitions.ts';
import type { RuleSet } from './rule-set.ts';
import { applySeverityEffect } from './severity.ts';
import { pooled } from '../shared-text.ts';

/** Input of assessDetection besides the classification. */
export interface AssessmentInput {
  /** Ellipsoidal area of the piece, m². */
  areaM2: number;
  /** Overlap areas of the clipped geometry per protection kind (and attribute key), m². */
  overlapsM2: OverlapsM2;
  /** Facts the overlay found (e.g. an approval dated after the change). */
  facts?: readonly PieceFact[];
  /** BGHDLBM, for the inspection category (0404 其他草地 = turf); optional. */
  afterCode?: string;
  /** BGHGDPDJB (gains). */
  afterSlopeClass?: string;
  /** BGHTBXHDM (gains). */
  afterRefinement?: string;
  /** BGHCZCSXM (gains). */
  afterSettlementCode?: string;
  /** BGHZZSXDM (gains: WG is not an eligible 转进). Optional extension of the brief's input. */
  afterPlanting?: string;
}

/** The verdict on one detection. */
export interface Assessment {
  severity: Severity;
  /** Classification rule ids, then those of every decision row that fired, then failed gain tests; no duplicates. */
  ruleIds: string[];
  /** 中文 sentences, base row first, each ending with its legal basis (document number and title). A pooled list,
   * shared by every piece with the same reasons: not to be changed. */
  reasons: string[];
  disposition: Disposition;
  inspectionCategory: InspectionCategory;
}

/** An Assessment plus how it was reached (for tests, debugging and the report's "why"). */
export interface AssessmentTrace {
  assessment: Assessment;
  /** Ids of the decision rows that fired, in order. */
  rowIds: string[];
  /** Coverage class per protection kind present in the input. */
  coverage: Partial<Record<OverlapKey, Coverage>>;
  /** Gains only. */
  eligibility?: GainEligibility;
}

/** The decision table (docs/RULES.md). Throws RuleInputError on negative/non-finite areas or unknown kinds. */
export function assessDetection(c: Classification, input: AssessmentInput, rules: RuleSet): Assessment {
  return traceAssessment(c, input, rules).assessment;
}

/** assessDetection, also returning the rows that fired. */
export function traceAssessment(c: Classification, input: AssessmentInput, rules: RuleSet): AssessmentTrace {
  checkAreas('assessDetection', input.areaM2, input.overlapsM2);
  const coverage: Partial<Record<OverlapKey, Coverage>> = {};
  for (const [kind, m2] of Object.entries(input.overlapsM2) as [OverlapKey, number | undefined][]) {
    if (m2 !== undefined) coverage[kind] = coverageOf(m2, input.areaM2, rules);
  }
  const eligibility =
    c.changeType === 'gain'
      ? evaluateGain(input, sourceClassOf(c), rules)
      : undefined;

  const context: Context = { c, coverage, eligible: eligibility?.eligible, facts: input.facts ?? [] };
  const base = BASE_ROWS.find((row) => matches(row, context));
  if (base === undefined) throw new Error(`decision table: no base row for change type ${c.changeType}`);
  const fired = [base.row, ...MODIFIER_ROWS.filter((row) => matches(row, context)).map((compiled) => compiled.row)];

  let severity: Severity = 'info';
  const ruleIds = new Set(c.ruleIds);
  const reasons: string[] = [];
  let listKey = '';
  for (const row of fired) {
    if (row.severity !== undefined) severity = applySeverityEffect(severity, row.severity);
    for (const id of row.ruleIds ?? []) ruleIds.add(id);
    const key = reasonKey(row, c, input, rules, eligibility);
    reasons.push(pooled(REASONS, key, () => `${formatReason(row, input, rules, eligibility)}（依据：${ruleById(basisOf(row, c)).citation}）`));
    listKey += `${key}\u0002`;
  }
  for (const id of eligibility?.reasons ?? []) ruleIds.add(id);
  // a piece wholly covered by a State Council approval is lawful occupation: checked, not restored
  const onPermanentFarmland =
    (coverage['permanent-farmland'] ?? 'none') !== 'none' && coverage['approved-state-council'] !== 'full';

  const trace: AssessmentTrace = {
    assessment: {
      severity,
      ruleIds: [...ruleIds],
      reasons: pooled(REASON_LISTS, listKey, () => reasons),
      disposition: dispositionOf(c, onPermanentFarmland),
      inspectionCategory: inspectionCategoryOf(c, input.afterCode ?? ''),
    },
    rowIds: fired.map((row) => row.id),
    coverage,
  };
  if (eligibility !== undefined) trace.eligibility = eligibility;
  return trace;
}

interface Context {
  c: Classification;
  coverage: Partial<Record<OverlapKey, Coverage>>;
  eligible: boolean | undefined;
  facts: readonly PieceFact[];
}

/** The rule a row's reason cites: its basis, else its first rule id, else the classification's first rule. */
function basisOf(row: DecisionRow, c: Classification): string {
  const id = row.basis ?? row.ruleIds?.[0] ?? c.ruleIds[0];
  if (id === undefined) throw new Error(`decision table: row ${row.id} has no legal basis for change type ${c.changeType}`);
  return id;
}

/** A row with its condition pre-split for the per-piece loop. */
interface CompiledRow {
  row: DecisionRow;
  changeTypes: ReadonlySet<string>;
  anyTag: readonly string[] | undefined;
  noTag: readonly string[] | undefined;
  fact: PieceFact | undefined;
  overlapTests: readonly [OverlapKey, CoverageTest][];
  eligible: boolean | undefined;
}

function compile(row: DecisionRow): CompiledRow {
  const when: DecisionCondition = row.when;
  return {
    row,
    changeTypes: new Set(when.changeTypes),
    anyTag: when.anyTag,
    noTag: when.noTag,
    fact: when.fact,
    overlapTests: Object.entries(when.overlaps ?? {}) as [OverlapKey, CoverageTest][],
    eligible: when.eligible,
  };
}

const BASE_ROWS = DECISION_TABLE.filter((row) => row.phase === 'base').map(compile);
const MODIFIER_ROWS = DECISION_TABLE.filter((row) => row.phase === 'modifier').map(compile);

function matches(row: CompiledRow, { c, coverage, eligible, facts }: Context): boolean {
  if (!row.changeTypes.has(c.changeType)) return false;
  const tags = c.tags as readonly string[];
  if (row.anyTag !== undefined && !row.anyTag.some((tag) => tags.includes(tag))) return false;
  if (row.noTag !== undefined && row.noTag.some((tag) => tags.includes(tag))) return false;
  if (row.fact !== undefined && !facts.includes(row.fact)) return false;
  if (row.eligible !== undefined && row.eligible !== eligible) return false;
  for (const [kind, test] of row.overlapTests) {
    if (!passes(coverage[kind] ?? 'none', test)) return false;
  }
  return true;
}

function passes(coverage: Coverage, test: CoverageTest): boolean {
  switch (test) {
    case 'none':
      return coverage === 'none';
    case 'any':
      return coverage !== 'none';
    case 'not-full':
      return coverage !== 'full';
    default:
      return coverage === test;
  }
}

/** The 三大类 of a gain's before-state, from the classification's source tag. */
function sourceClassOf(c: Classification) {
  if (c.tags.includes('from-construction')) return 'construction' as const;
  if (c.tags.includes('from-unused')) return 'unused' as const;
  return 'agricultural' as const;
}

/** A reason split at its placeholders once: even indexes are text, odd indexes are placeholder names. */
const TEMPLATES = new Map(DECISION_TABLE.map((row) => [row, row.reason.split(/\{(balance|share|eligibility)\}/)]));

/**
 * What a reason's text is made of, short: its row, the rule it cites and its placeholders' values. Reasons are
 * pooled by this key, so a piece's reasons are looked up without first building their texts (a hundred characters
 * or more each, with the citation) and hashing them: the pool's lookups by text were 70 ms of the bench's 20 k county.
 */
function reasonKey(row: DecisionRow, c: Classification, input: AssessmentInput, rules: RuleSet, eligibility?: GainEligibility): string {
  const parts = TEMPLATES.get(row)!;
  let key = `${row.id}\u0001${basisOf(row, c)}`;
  for (let i = 1; i < parts.length; i += 2) key += `\u0001${placeholder(parts[i], row, input, rules, eligibility)}`;
  return key;
}

/** Reasons by reasonKey, and the lists of them by their keys in order: a piece's reasons are one pooled list that
 * nothing changes (detections keep it as they are). */
const REASONS = new Map<string, string>();
const REASON_LISTS = new Map<string, string[]>();

function formatReason(row: DecisionRow, input: AssessmentInput, rules: RuleSet, eligibility?: GainEligibility): string {
  const parts = TEMPLATES.get(row)!;
  if (parts.length === 1) return parts[0];
  let text = '';
  for (let i = 0; i < parts.length; i++) text += i % 2 === 0 ? parts[i] : placeholder(parts[i], row, input, rules, eligibility);
  return text;
}

function placeholder(key: string, row: DecisionRow, input: AssessmentInput, rules: RuleSet, eligibility?: GainEligibility): string {
  if (key === 'balance') return rules.config.balanceRegime === 'in-out-balance' ? '进出平衡' : '占补平衡';
  if (key === 'eligibility') return (eligibility?.reasons ?? []).map((id) => ruleById(id).title).join('；');
  const kind = Object.keys(row.when.overlaps ?? {})[0] as OverlapKey | undefined;
  const m2 = kind === undefined ? 0 : (input.overlapsM2[kind] ?? 0);
  return `${(Math.round(shareOf(m2, input.areaM2) * 1000) / 10).toFixed(1)}%`;
}
