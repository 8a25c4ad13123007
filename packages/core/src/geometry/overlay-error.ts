// The error every clip engine throws when it cannot compute an overlay.

export class OverlayError extends Error {
  override readonly name = 'OverlayError';
  /** Name of the engine that failed ('clipper2', 'geos'). */
  readonly engine: string;
  /** Vertex counts of the subject and of each clip polygon, to find the offending pair again. */
  readonly subjectVertices: number;
  readonly clipVertices: number[];

  constructor(message: string, context: { engine: string; subjectVertices: number; clipVertices: number[] }, options?: { cause?: unknown }) {
    super(message, options);
    this.engine = context.engine;
    this.subjectVertices = context.subjectVertices;
    this.clipVertices = context.clipVertices;
  }
}
