// A rule set: the configuration every rule reads (survey year, uncertain-code switches, balance regime,
// overlap thresholds) bound to one code-table version.

import { landUseCodeTable, type LandUseCodeTable } from '../codes/land-use-code-table.ts';
import { RuleSetConfigError } from './errors.ts';

/** Which balance regime a 耕地 → other 农用地 conversion falls under. */
export type BalanceRegime = 'in-out-balance' | 'unified-occupation-compensation';

/** Options of createRuleSet. */
export interface RuleSetConfig {
  /** Survey year of the change layer (SJNF / upload key), e.g. 2024. */
  surveyYear: number;
  /** Count `1208 后备耕地` as 耕地 (default false: its meaning is uncertain, docs/RULES.md). */
  treat1208AsCultivated?: boolean;
  /** Count the A-variants 201A/202A/203A as 城镇村庄范围 for gain eligibility (default false, docs/RULES.md). */
  settlementAVariantsCountAsSettlement?: boolean;
  /** Default: 'in-out-balance' before UNIFIED_REGIME_FROM_YEAR, 'unified-occupation-compensation' from then (docs/RULES.md "Regimes"). */
  balanceRegime?: BalanceRegime;
  /** An overlap counts only if it is at least this many m² (default 1) … */
  overlapMinM2?: number;
  /** … and, when below SHARE_THRESHOLD_MAX_M2, at least this share of the piece area (default 0.01 = 1 %). */
  overlapMinShare?: number;
}

/** A configured rule set. */
export interface RuleSet {
  /** Rule-table version + code-table version, e.g. '2026.1/tdt1055-2019+2025'. */
  readonly version: string;
  readonly config: Required<RuleSetConfig>;
  readonly codes: LandUseCodeTable;
}

/** Version of the rule table (RULES, DECISION_TABLE, change-type mapping). Bump on any change of outcome. */
export const RULES_VERSION = '2026.2';

/**
 * First survey year under the reformed, unified 占补平衡 (中办发〔2024〕13号, 自然资发〔2024〕204号; provinces issued
 * measures in 2025). The reform applies "from roughly the 2024/2025 survey years"; we pick 2025, overridable (docs/RULES.md "Regimes").
 */
const UNIFIED_REGIME_FROM_YEAR = 2025;

/** The regime of a survey year when none is configured. */
export function defaultBalanceRegime(surveyYear: number): BalanceRegime {
  return surveyYear >= UNIFIED_REGIME_FROM_YEAR ? 'unified-occupation-compensation' : 'in-out-balance';
}

/** Defaults of the overlap thresholds (docs/RULES.md "Protection overlaps"). */
const DEFAULT_OVERLAP_MIN_M2 = 1;
const DEFAULT_OVERLAP_MIN_SHARE = 0.01;

/**
 * The share threshold may suppress only overlaps smaller than this (m²): the smallest mapped parcel of 建设用地 and
 * 设施农用地 in the national land survey. The figure comes from the survey's technical rules as remembered, not from a
 * retrieved primary text; it is a floor for "real", so a wrong figure only changes which tiny overlaps count.
 */
export const SHARE_THRESHOLD_MAX_M2 = 200;

/** The survey years the rules are written for; a run for any other year is refused before a rule set is made. */
export const SURVEY_YEARS = { first: 2009, last: 2100 } as const;

/** Validates the config, fills defaults, freezes. Throws RuleSetConfigError on bad values. */
export function createRuleSet(config: RuleSetConfig, codes: LandUseCodeTable = landUseCodeTable()): RuleSet {
  const { surveyYear } = config;
  if (!Number.isInteger(surveyYear) || surveyYear < SURVEY_YEARS.first || surveyYear > SURVEY_YEARS.last) {
    throw new RuleSetConfigError('surveyYear', surveyYear, `an integer year between ${SURVEY_YEARS.first} and ${SURVEY_YEARS.last}`);
  }
  const balanceRegime = config.balanceRegime ?? defaultBalanceRegime(surveyYear);
  if (balanceRegime !== 'in-out-balance' && balanceRegime !== 'unified-occupation-compensation') {
    throw new RuleSetConfigError('balanceRegime', balanceRegime, "'in-out-balance' or 'unified-occupation-compensation'");
  }
  const overlapMinM2 = config.overlapMinM2 ?? DEFAULT_OVERLAP_MIN_M2;
  if (!Number.isFinite(overlapMinM2) || overlapMinM2 < 0) {
    throw new RuleSetConfigError('overlapMinM2', overlapMinM2, 'a finite number ≥ 0');
  }
  const overlapMinShare = config.overlapMinShare ?? DEFAULT_OVERLAP_MIN_SHARE;
  if (!Number.isFinite(overlapMinShare) || overlapMinShare < 0 || overlapMinShare >= 1) {
    throw new RuleSetConfigError('overlapMinShare', overlapMinShare, 'a number in [0, 1)');
  }
  const resolved: Required<RuleSetConfig> = Object.freeze({
    surveyYear,
    treat1208AsCultivated: booleanOption('treat1208AsCultivated', config.treat1208AsCultivated),
    settlementAVariantsCountAsSettlement: booleanOption(
      'settlementAVariantsCountAsSettlement',
      config.settlementAVariantsCountAsSettlement,
    ),
    balanceRegime,
    overlapMinM2,
    overlapMinShare,
  });
  return Object.freeze({ version: `${RULES_VERSION}/${codes.version}`, config: resolved, codes });
}

function booleanOption(field: string, value: boolean | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new RuleSetConfigError(field, value, 'a boolean');
  return value;
}
