// Named repair fixtures (fixtures/geometry/repair/in → out), each at four rotations, each checked against GEOS:
// valid output, and the area of GEOS MakeValid by the method named in the fixture (see rebuild-area.ts for
// where and why we follow "structure" rather than the default "linework").
// Regenerate the expected outputs on purpose with REGENERATE_GEOMETRY_FIXTURES=1.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { multiPolygon, planarAreaOf, repairGeometry, toNested, type RepairResult } from '../src/geometry/index.ts';
import type { NestedMultiPolygon, Position, Ring } from '../src/types.ts';
import { createGeosOracle, type GeosOracle } from './fixtures/geometry/geos-oracle.ts';

const DIR = join(import.meta.dirname, 'fixtures/geometry/repair');
const REGENERATE = process.env.REGENERATE_GEOMETRY_FIXTURES === '1';
const CENTRE: Position = [39_512_005, 3_012_005];

interface Fixture {
  description: string;
  /** linework / structure: GEOS MakeValid method whose area we match; unchanged: valid input returned as is. */
  reference: 'linework' | 'structure' | 'unchanged' | 'unrepairable' | 'none';
  geometry: NestedMultiPolygon;
}

const names = readdirSync(join(DIR, 'in')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

function readFixture(name: string): Fixture {
  const fixture = JSON.parse(readFileSync(join(DIR, 'in', `${name}.json`), 'utf8')) as Fixture;
  // JSON has no NaN: a null coordinate stands for one.
  fixture.geometry = fixture.geometry.map((p) => p.map((r) => r.map(([x, y]) => [x ?? NaN, y ?? NaN] as Position)));
  return fixture;
}

/** Rotation by k quarter turns about CENTRE: exact for these coordinates. */
function rotate(geom: NestedMultiPolygon, k: number): NestedMultiPolygon {
  return geom.map((p) => p.map((r) => r.map(([x, y]) => {
    let dx = x - CENTRE[0];
    let dy = y - CENTRE[1];
    for (let i = 0; i < k; i++) [dx, dy] = [-dy, dx];
    return [CENTRE[0] + dx, CENTRE[1] + dy] as Position;
  })));
}

/** Rings started at their smallest position (direction kept), holes and polygons sorted. */
function canonical(geom: NestedMultiPolygon): NestedMultiPolygon {
  const ring = (r: Ring): Ring => {
    const open = r.slice(0, -1);
    let s = 0;
    for (let i = 1; i < open.length; i++) if (less(open[i], open[s])) s = i;
    const out = [...open.slice(s), ...open.slice(0, s)];
    return [...out, out[0]];
  };
  const byFirst = (a: Ring, b: Ring): number => (less(a[0], b[0]) ? -1 : less(b[0], a[0]) ? 1 : 0);
  return geom
    .map((p) => [ring(p[0]), ...p.slice(1).map(ring).sort(byFirst)])
    .sort((a, b) => byFirst(a[0], b[0]));
}

function less(a: Position, b: Position): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

type Expected = { ok: true; repairs: string[]; area: number; geometry: NestedMultiPolygon } | { ok: false; reason: string };

function summary(result: RepairResult): Expected {
  return result.ok
    ? { ok: true, repairs: [...result.repairs].sort(), area: planarAreaOf(result.geometry), geometry: toNested(result.geometry) }
    : { ok: false, reason: result.reason };
}

let oracle: GeosOracle;
beforeAll(async () => {
  oracle = await createGeosOracle();
});

describe.each(names)('repair fixture %s', (name) => {
  const fixture = readFixture(name);
  const outPath = join(DIR, 'out', `${name}.json`);
  if (REGENERATE) writeFileSync(outPath, `${JSON.stringify(summary(repairGeometry(multiPolygon(fixture.geometry))))}\n`);
  const expected = JSON.parse(readFileSync(outPath, 'utf8')) as Expected;

  it.each([0, 1, 2, 3])(`${fixture.description} (rotation %i × 90°)`, (k) => {
    const input = multiPolygon(rotate(fixture.geometry, k));
    const result = repairGeometry(input);
    if (!expected.ok) {
      expect(result.ok).toBe(false);
      expect(fixture.reference).toBe('unrepairable');
      return;
    }
    if (!result.ok) throw new Error(`expected a repair, got: ${result.reason}`);
    expect([...result.repairs].sort()).toEqual(expected.repairs);
    expect(planarAreaOf(result.geometry)).toBeCloseTo(expected.area, 9);
    expect(canonical(toNested(result.geometry))).toEqual(canonical(rotate(expected.geometry, k)));
    expect(oracle.invalidReason(result.geometry)).toBeNull();
    if (fixture.reference === 'unchanged') {
      expect(result.geometry).toBe(input);
      expect(result.repairs).toEqual([]);
      expect(oracle.invalidReason(input)).toBeNull();
    }
    if (fixture.reference === 'linework' || fixture.reference === 'structure') {
      const geosArea = planarAreaOf(oracle.makeValid(input, fixture.reference));
      expect(planarAreaOf(result.geometry)).toBeCloseTo(geosArea, 9);
    }
  });
});
