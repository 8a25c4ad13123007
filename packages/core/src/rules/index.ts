// Public API of the rule table.
//   rule-definitions     RULES: id, 中文 title, citation, summary; ruleById
//   rule-set             createRuleSet: survey year, uncertain-code switches, balance regime, overlap thresholds
//   tags                 TAGS: facts a classification carries
//   classify-change      change type (or null) from codes and planting attributes
//   overlap-coverage     none / partial / full coverage with a sliver threshold
//   decision-table       DECISION_TABLE: severity rows as data (docs/RULES.md)
//   disposition          disposition 处置建议 and inspection category of a detection
//   assess-detection     evaluates the table: severity, rule ids, reasons
//   gain-eligibility     转进 exclusions
//   protection-effects   PROTECTION_EFFECTS: label + effect per protection-layer kind
//   balance-ledger       进出平衡 / 占补平衡 per township, mergeable across tiles
export { RULES, ruleById, type RuleDefinition } from './rule-definitions.ts';
export {
  RULES_VERSION,
  SHARE_THRESHOLD_MAX_M2,
  SURVEY_YEARS,
  createRuleSet,
  defaultBalanceRegime,
  type BalanceRegime,
  type RuleSet,
  type RuleSetConfig,
} from './rule-set.ts';
export { TAGS, type Tag } from './tags.ts';
export { classifyChange, isCultivated, type Classification, type ClassifiedChange, type ClassifyInput } from './classify-change.ts';
export { coverageOf, isSignificant, type Coverage, type OverlapKey, type OverlapsM2 } from './overlap-coverage.ts';
export { DECISION_TABLE, type CoverageTest, type DecisionCondition, type DecisionRow, type PieceFact } from './decision-table.ts';
export { DISPOSITIONS, INSPECTION_CATEGORIES, type Disposition, type InspectionCategory } from './disposition.ts';
export type { SeverityEffect } from './severity.ts';
export {
  assessDetection,
  traceAssessment,
  type Assessment,
  type AssessmentInput,
  type AssessmentTrace,
} from './assess-detection.ts';
export {
  GAIN_EXCLUSION_RULE_IDS,
  gainEligibility,
  isEligibleGain,
  type GainEligibility,
  type GainEligibilityInput,
} from './gain-eligibility.ts';
export { PROTECTION_EFFECTS } from './protection-effects.ts';
export { BalanceLedger, type BalanceEntry, type BalanceRow } from './balance-ledger.ts';
export { RuleInputError, RuleSetConfigError, UnknownRuleError } from './errors.ts';
