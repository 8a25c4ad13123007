import Flatbush from 'flatbush';
import type { NestedMultiPolygon } from '@landwatch/core';
import { describe, expect, it } from 'vitest';
import { classify } from './support/classify.ts';
import { CULTIVATED } from './support/domain-codes.ts';
import { demoCounty, type NestedFeature } from './support/fixture.ts';
import { bboxOf, multiPolygonArea, pointInPolygon, polygonProblems } from './support/geometry-checks.ts';

const KINDS = [
  'permanent-farmland', 'farmland-reserve', 'high-standard-farmland', 'ecological-redline', 'urban-development-boundary',
  'approved-construction', 'facility-filing', 'temporary-use', 'context',
];

function index(features: NestedFeature[]): Flatbush {
  const tree = new Flatbush(Math.max(1, features.length));
  for (const f of features) tree.add(...bboxOf(f.geometry));
  if (features.length === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  return tree;
}

/** How a piece lies relative to a layer: every vertex inside, some inside, none inside. */
function relation(piece: NestedMultiPolygon, layer: NestedFeature[], tree: Flatbush): 'inside' | 'crossing' | 'outside' {
  const candidates = tree.search(...bboxOf(piece)).filter((k) => k < layer.length);
  let inside = 0;
  let total = 0;
  for (const polygon of piece) {
    for (const [x, y] of polygon[0]) {
      total++;
      if (candidates.some((k) => layer[k].geometry.some((g) => pointInPolygon(g, x, y)))) inside++;
    }
  }
  return inside === total ? 'inside' : inside > 0 ? 'crossing' : 'outside';
}

describe('protection layers of the demo county', () => {
  const { county, pieces, layers } = demoCounty();
  const layer = (id: string) => layers.get(id) as NestedFeature[];

  it('has one layer per docs/ARCHITECTURE.md, "Protection layers" kind, with 中文 titles, file names and a column schema every feature follows', () => {
    expect(county.layers.map((l) => l.kind)).toEqual(KINDS);
    for (const l of county.layers) {
      expect(l.title).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(l.fileName).toBe(`${l.id}.fgb`);
      const features = layer(l.id);
      expect(features.length, l.id).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const f of features) {
        if (Object.keys(f.properties).join() !== l.fields.map((x) => x.name).join()) problems.push(`${l.id}: ${Object.keys(f.properties)}`);
        for (const field of l.fields) {
          const v = f.properties[field.name];
          const ok = field.type === 'string' ? typeof v === 'string' : field.type === 'int' ? Number.isInteger(v) : typeof v === 'number';
          if (!ok) problems.push(`${l.id}.${field.name} = ${JSON.stringify(v)}`);
        }
      }
      expect(problems.slice(0, 5)).toEqual([]);
    }
    expect(county.layers.find((l) => l.kind === 'context')?.id).toBe('grain-production-zone');
  });

  it('draws valid polygons that do not overlap within a layer', () => {
    for (const l of county.layers) {
      const features = layer(l.id);
      const sample = l.id === 'permanent-farmland' ? features.filter((_, i) => i % 15 === 0) : features;
      for (const f of sample) for (const polygon of f.geometry) expect(polygonProblems(polygon), l.id).toEqual([]);
      // No vertex of one feature lies inside another feature of the same layer (shared boundary vertices aside).
      const tree = index(features);
      let overlaps = 0;
      features.forEach((f, i) => {
        for (const k of tree.search(...bboxOf(f.geometry))) {
          if (k === i || k >= features.length) continue;
          const other = features[k].geometry;
          const inside = ([x, y]: number[]) => other.some((g) => pointInPolygon(g, x, y)) && distanceToBoundary(other, x, y) > 0.002;
          if (f.geometry.some((polygon) => polygon[0].some(inside))) overlaps++;
        }
      });
      expect(overlaps, l.id).toBe(0);
    }
  });

  it('permanent farmland: the expected count of hundreds-of-vertex polygons, many with holes', () => {
    const farmland = layer('permanent-farmland');
    expect(farmland).toHaveLength(county.expected.permanentFarmlandPolygons);
    expect(farmland).toHaveLength(7500);
    const vertices = farmland.map((f) => f.geometry[0].reduce((n, ring) => n + ring.length, 0)).sort((a, b) => a - b);
    const median = vertices[Math.floor(vertices.length / 2)];
    expect(median).toBeGreaterThan(100);
    expect(median).toBeLessThan(200);
    expect(vertices[vertices.length - 1]).toBeGreaterThan(200);
    const withHoles = farmland.filter((f) => f.geometry[0].length > 1).length;
    expect(withHoles / farmland.length).toBeGreaterThan(0.2);
  });

  it('permanent farmland covers most 耕地-before pieces: some inside, some crossing, some outside', () => {
    const farmland = layer('permanent-farmland');
    const tree = index(farmland);
    const counts = { inside: 0, crossing: 0, outside: 0 };
    let bboxHits = 0;
    let cultivated = 0;
    let conversions = 0;
    let conversionsTouching = 0;
    for (const f of pieces) {
      if (!CULTIVATED.includes(f.properties.BGQDLBM as string)) continue;
      cultivated++;
      if (tree.search(...bboxOf(f.geometry)).length > 0) bboxHits++;
      const r = relation(f.geometry, farmland, tree);
      counts[r]++;
      if (classify(f.properties) !== null) {
        conversions++;
        if (r !== 'outside') conversionsTouching++;
      }
    }
    const coverage = bboxHits / cultivated;
    console.info(
      `permanent-farmland coverage: ${(100 * coverage).toFixed(1)} % of ${cultivated} 耕地-before pieces have a bbox hit; ` +
        `inside ${counts.inside}, crossing ${counts.crossing}, outside ${counts.outside}; ` +
        `${((100 * conversionsTouching) / conversions).toFixed(1)} % of ${conversions} 耕地 detections touch it`,
    );
    expect(coverage).toBeGreaterThan(0.7);
    expect(counts.inside).toBeGreaterThan(counts.crossing);
    expect(counts.crossing).toBeGreaterThan(50);
    expect(counts.outside).toBeGreaterThan(50);
    expect(conversionsTouching / conversions).toBeGreaterThan(0.6);
  });

  it('ecological red lines cross some pieces and contain others; urban boundaries hold some 非农化 pieces', () => {
    const redline = layer('ecological-redline');
    const redTree = index(redline);
    const red = pieces.map((f) => relation(f.geometry, redline, redTree));
    expect(red.filter((r) => r === 'crossing').length).toBeGreaterThan(0);
    expect(red.filter((r) => r === 'inside').length).toBeGreaterThan(10);
    expect(redline.length).toBeGreaterThanOrEqual(2);
    expect(redline.some((f) => f.geometry[0].length > 1)).toBe(true);
    const boundary = layer('urban-development-boundary');
    const udbTree = index(boundary);
    const nonAgri = pieces.filter((f) => classify(f.properties) === 'non_agricultural');
    const inUdb = nonAgri.filter((f) => relation(f.geometry, boundary, udbTree) !== 'outside').length;
    expect(inUdb).toBeGreaterThan(5);
    expect(inUdb).toBeLessThan(nonAgri.length / 2);
    expect(boundary).toHaveLength(1 + 10); // the city (6 街道) and the 10 镇/乡 seats of 零陵区
  });

  it('approved construction, facility filings, temporary use and reserves lie over the pieces they concern', () => {
    const covering = (id: string, type: string | null, test: (p: NestedFeature['properties']) => boolean) => {
      const features = layer(id);
      const tree = index(features);
      const chosen = pieces.filter((f) => (type === null || classify(f.properties) === type) && test(f.properties));
      const covered = chosen.filter((f) => relation(f.geometry, features, tree) !== 'outside' || tree.search(...bboxOf(f.geometry)).some((k) => k < features.length && multiPolygonArea(features[k].geometry) > 0 && bboxInside(bboxOf(features[k].geometry), bboxOf(f.geometry))));
      return covered.length / Math.max(1, chosen.length);
    };
    const approved = covering('approved-construction', 'non_agricultural', () => true);
    expect(approved).toBeGreaterThan(0.4);
    expect(approved).toBeLessThan(0.85);
    const filed = covering('facility-filing', 'agricultural_facility', (p) => p.BGHDLBM === '1202');
    expect(filed).toBeGreaterThan(0.3);
    expect(filed).toBeLessThan(0.9);
    expect(covering('temporary-use', 'to_unused', (p) => p.BGHDLBM === '1206')).toBeGreaterThan(0.2);
    expect(covering('farmland-reserve', 'gain', () => true)).toBeGreaterThan(0.1);
    // Some approvals cover only half of a piece.
    const pieceTree = index(pieces);
    const halves = layer('approved-construction').filter((f) => {
      const [x, y] = f.geometry[0][0][0];
      const host = pieceTree.search(x - 0.01, y - 0.01, x + 0.01, y + 0.01).map((k) => pieces[k]);
      return host.some((h) => multiPolygonArea(f.geometry) < 0.8 * multiPolygonArea(h.geometry));
    });
    expect(halves.length).toBeGreaterThan(5);
  });
});

/** Distance from a point to the nearest ring segment of a geometry. */
function distanceToBoundary(g: NestedMultiPolygon, x: number, y: number): number {
  let best = Infinity;
  for (const polygon of g) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i];
        const [bx, by] = ring[i + 1];
        const dx = bx - ax;
        const dy = by - ay;
        const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
      }
    }
  }
  return best;
}

function bboxInside(inner: number[], outer: number[]): boolean {
  return inner[0] >= outer[0] - 0.01 && inner[1] >= outer[1] - 0.01 && inner[2] <= outer[2] + 0.01 && inner[3] <= outer[3] + 0.01;
}
