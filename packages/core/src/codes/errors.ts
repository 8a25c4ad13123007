// Error classes of the code tables.

/** Context attached to an UnknownLandUseCodeError. */
export interface UnknownLandUseCodeErrorContext {
  /** Domain field the code came from, e.g. 'beforeCode' or 'afterCode'. */
  field?: string;
  /** Piece id (BSM) when known. */
  pieceId?: string;
  /** 0-based feature index in the input file when known. */
  featureIndex?: number;
  cause?: unknown;
}

/** A land-use code (DLBM) that the code table does not contain. Validation rejects these earlier; this is defence. */
export class UnknownLandUseCodeError extends Error {
  override readonly name = 'UnknownLandUseCodeError';
  /** The code after normalisation (trimmed, upper-case). */
  readonly code: string;
  /** Version of the code table it was looked up in. */
  readonly tableVersion: string;
  readonly field?: string;
  readonly pieceId?: string;
  readonly featureIndex?: number;

  constructor(code: string, tableVersion: string, context: UnknownLandUseCodeErrorContext = {}) {
    const where = [
      context.field === undefined ? '' : ` in ${context.field}`,
      context.pieceId === undefined ? '' : ` of piece ${context.pieceId}`,
      context.featureIndex === undefined ? '' : ` (feature ${context.featureIndex})`,
    ].join('');
    super(
      `unknown land-use code ${JSON.stringify(code)}${where}; not in code table ${tableVersion}`,
      context.cause === undefined ? undefined : { cause: context.cause },
    );
    this.code = code;
    this.tableVersion = tableVersion;
    if (context.field !== undefined) this.field = context.field;
    if (context.pieceId !== undefined) this.pieceId = context.pieceId;
    if (context.featureIndex !== undefined) this.featureIndex = context.featureIndex;
  }
}

/** A code-table version that does not exist. */
export class UnknownCodeTableVersionError extends Error {
  override readonly name = 'UnknownCodeTableVersionError';
  constructor(
    /** The version asked for. */
    readonly version: string,
    /** The versions that exist. */
    readonly known: readonly string[],
  ) {
    super(`unknown land-use code table version ${JSON.stringify(version)}; known: ${known.join(', ')}`);
  }
}
