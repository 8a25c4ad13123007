// One generated demo-size county shared by the tests of a file (generated once per file).
import { generateCounty, type GeneratedCounty, type GeneratedFeature } from '../../src/index.ts';

export interface Fixture {
  county: GeneratedCounty;
  pieces: GeneratedFeature[];
  /** Features of every protection layer by id (generated on first use). */
  readonly layers: Map<string, GeneratedFeature[]>;
  invalid: Set<number>;
}

export const DEMO_SEED = 42;
export const DEMO_CHANGES = 3000;

let cached: Fixture | undefined;

export function demoCounty(): Fixture {
  if (!cached) {
    const county = generateCounty({ seed: DEMO_SEED, changes: DEMO_CHANGES });
    let layers: Map<string, GeneratedFeature[]> | undefined;
    cached = {
      county,
      pieces: [...county.changes()],
      get layers() {
        layers ??= new Map(county.layers.map((l) => [l.id, [...l.features()]]));
        return layers;
      },
      invalid: new Set(county.expected.invalidGeometries.map((g) => g.index)),
    };
  }
  return cached;
}
