// Error classes of the FlatGeobuf package. Each names the file it is about.

/** Context attached to a FgbFormatError. */
export interface FgbFormatErrorContext {
  /** 0-based position of the feature in file order, when the problem is inside one feature. */
  featureIndex?: number;
  /** Byte offset in the file where the problem was found. */
  offset?: number;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** The bytes are not a valid (or not a supported) FlatGeobuf file: bad magic, truncation, sizes out of bounds. */
export class FgbFormatError extends Error {
  override readonly name = 'FgbFormatError';
  /** Name of the byte source (file path or key). */
  readonly source: string;
  readonly featureIndex?: number;
  readonly offset?: number;

  constructor(source: string, detail: string, context: FgbFormatErrorContext = {}) {
    const where = context.featureIndex === undefined ? '' : ` (feature ${context.featureIndex})`;
    super(`${source}: ${detail}${where}`, context.cause === undefined ? undefined : { cause: context.cause });
    this.source = source;
    if (context.featureIndex !== undefined) this.featureIndex = context.featureIndex;
    if (context.offset !== undefined) this.offset = context.offset;
  }
}

/** A bbox query or index read on a file written without a spatial index (index_node_size = 0). */
export class FgbNoIndexError extends Error {
  override readonly name = 'FgbNoIndexError';
  constructor(
    /** Name of the byte source. */
    readonly source: string,
    /** What was asked for, e.g. 'a bbox query'. */
    what: string,
  ) {
    super(`${source}: ${what} needs a spatial index and this file has none (write an indexed copy with 'landwatch index' or ogr2ogr -lco SPATIAL_INDEX=YES)`);
  }
}

/** Context attached to a FgbWriterError. */
export interface FgbWriterErrorContext {
  /** 0-based index of the feature in `add` order. */
  featureIndex?: number;
  /** Column name, for property errors. */
  column?: string;
  cause?: unknown;
}

/** Invalid writer input: bad options, a property value that does not match its column, a wrong geometry. */
export class FgbWriterError extends Error {
  override readonly name = 'FgbWriterError';
  /** Name of the layer being written (FgbWriterOptions.name). */
  readonly layer: string;
  readonly featureIndex?: number;
  readonly column?: string;

  constructor(layer: string, detail: string, context: FgbWriterErrorContext = {}) {
    const where = [
      context.featureIndex === undefined ? '' : `feature ${context.featureIndex}`,
      context.column === undefined ? '' : `column ${context.column}`,
    ]
      .filter(Boolean)
      .join(', ');
    super(`${layer}: ${detail}${where ? ` (${where})` : ''}`, context.cause === undefined ? undefined : { cause: context.cause });
    this.layer = layer;
    if (context.featureIndex !== undefined) this.featureIndex = context.featureIndex;
    if (context.column !== undefined) this.column = context.column;
  }
}

/** A byte source could not return the requested range (past the end, or the file changed under us). */
export class ByteRangeError extends Error {
  override readonly name = 'ByteRangeError';
  constructor(
    /** Name of the byte source. */
    readonly source: string,
    readonly offset: number,
    readonly length: number,
    readonly size: number,
    cause?: unknown,
  ) {
    super(`${source}: cannot read ${length} bytes at offset ${offset} (size ${size})`, cause === undefined ? undefined : { cause });
  }
}
