// Error classes of the rule table.

/** A rule id that RULES does not define. */
export class UnknownRuleError extends Error {
  override readonly name = 'UnknownRuleError';
  constructor(
    /** The id asked for. */
    readonly ruleId: string,
  ) {
    super(`unknown rule id ${JSON.stringify(ruleId)}`);
  }
}

/** An invalid RuleSetConfig value. */
export class RuleSetConfigError extends Error {
  override readonly name = 'RuleSetConfigError';
  constructor(
    /** Config field name. */
    readonly field: string,
    /** The value that arrived. */
    readonly value: unknown,
    expected: string,
  ) {
    super(`rule set config: ${field} must be ${expected}, got ${JSON.stringify(value)}`);
  }
}

/** An invalid input to assessDetection, gainEligibility or BalanceLedger.add (negative area, unknown layer kind…). */
export class RuleInputError extends Error {
  override readonly name = 'RuleInputError';
  constructor(
    /** Function that rejected the input. */
    readonly operation: string,
    /** Input field name. */
    readonly field: string,
    /** The value that arrived. */
    readonly value: unknown,
    expected: string,
  ) {
    super(`${operation}: ${field} must be ${expected}, got ${JSON.stringify(value)}`);
  }
}
