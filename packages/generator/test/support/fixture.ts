// One generated demo-size county shared by the tests of a file (generated once per file). Its features' geometry is
// turned into nested arrays once, for the tests' own planar checks (support/geometry-checks.ts).
import { toNested, type NestedMultiPolygon } from '@landwatch/core';
import { generateCounty, type GeneratedCounty, type GeneratedFeature } from '../../src/index.ts';

/** A generated feature with its geometry as nested arrays. */
export interface NestedFeature {
  geometry: NestedMultiPolygon;
  properties: GeneratedFeature['properties'];
}

export interface Fixture {
  county: GeneratedCounty;
  pieces: NestedFeature[];
  /** Features of every protection layer by id (generated on first use). */
  readonly layers: Map<string, NestedFeature[]>;
  invalid: Set<number>;
}

export const DEMO_SEED = 42;
export const DEMO_CHANGES = 3000;

let cached: Fixture | undefined;

export function nestedFeature(f: GeneratedFeature): NestedFeature {
  return { geometry: toNested(f.geometry), properties: f.properties };
}

export function demoCounty(): Fixture {
  if (!cached) {
    const county = generateCounty({ seed: DEMO_SEED, changes: DEMO_CHANGES });
    let layers: Map<string, NestedFeature[]> | undefined;
    cached = {
      county,
      pieces: [...county.changes()].map(nestedFeature),
      get layers() {
        layers ??= new Map(county.layers.map((l) => [l.id, [...l.features()].map(nestedFeature)]));
        return layers;
      },
      invalid: new Set(county.expected.invalidGeometries.map((g) => g.index)),
    };
  }
  return cached;
}
