// Bounds on the work one run does on its input, checked while validating (docs/INPUT-CHECKS.md). A feature or a run
// beyond them is rejected with the limit named, before any geometry is built from it.

export interface InputLimits {
  /** Positions in one feature (all rings and parts). A real parcel has tens to a few thousand. */
  maxVerticesPerFeature: number;
  /**
   * Positions over the whole run: the change layer plus every protection layer. Decoded geometry costs about
   * 50–100 bytes per position in memory, so this is the run's memory budget expressed in what the input declares.
   */
  maxRunVertices: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxVerticesPerFeature: 1_000_000,
  maxRunVertices: 100_000_000,
});

/** Tallies positions against the run budget; `over()` gives the rejection once, when the budget is exceeded. */
export class VertexBudget {
  private used = 0;
  private reported = false;

  constructor(readonly limits: Readonly<InputLimits> = DEFAULT_INPUT_LIMITS) {}

  add(vertices: number): void {
    this.used += vertices;
  }

  get total(): number {
    return this.used;
  }

  /** A reason when the run is over budget (returned once), else undefined. */
  over(): string | undefined {
    if (this.reported || this.used <= this.limits.maxRunVertices) return undefined;
    this.reported = true;
    return `the run's input holds ${this.used} positions, more than the per-run budget of ${this.limits.maxRunVertices} (a bound on memory; split the upload or the protection layer)`;
  }
}
