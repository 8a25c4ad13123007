// Seeded random polygons and property values for the FlatGeobuf tests and benchmarks.
import { multiPolygon, type Bbox, type MultiPolygon, type Polygon, type Ring } from '@landwatch/core';
import type { FgbColumn } from '@landwatch/fgb';

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped (so simple) closed ring of `vertices` points around (cx, cy). */
export function starRing(rand: () => number, cx: number, cy: number, radius: number, vertices: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < vertices; i++) {
    const angle = (2 * Math.PI * (i + 0.2 + 0.6 * rand())) / vertices;
    const r = radius * (0.6 + 0.4 * rand());
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** A star-shaped polygon, with a hole (reversed smaller star) when `withHole`. */
export function starPolygon(rand: () => number, cx: number, cy: number, radius: number, vertices: number, withHole: boolean): Polygon {
  const polygon: Polygon = [starRing(rand, cx, cy, radius, vertices)];
  if (withHole) polygon.push(starRing(rand, cx, cy, radius * 0.3, Math.max(3, vertices >> 1)).reverse());
  return polygon;
}

/** Polygons and multipolygons (1–3 parts, some with holes) spread over a Gauss-Krüger zone 39 area. */
export function randomGeometry(rand: () => number, extent: Bbox, vertices = 4 + Math.floor(rand() * 27)): MultiPolygon {
  const parts = rand() < 0.3 ? 1 + Math.floor(rand() * 3) : 1;
  const cx = extent.minX + rand() * (extent.maxX - extent.minX);
  const cy = extent.minY + rand() * (extent.maxY - extent.minY);
  const out: Polygon[] = [];
  for (let p = 0; p < parts; p++) {
    out.push(starPolygon(rand, cx + p * 120, cy + p * 40, 20 + rand() * 60, vertices, rand() < 0.3));
  }
  return multiPolygon(out);
}

export function bboxOf(geometry: MultiPolygon): Bbox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const { xy } = geometry;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

export function intersects(a: Bbox, b: Bbox): boolean {
  return a.maxX >= b.minX && a.maxY >= b.minY && a.minX <= b.maxX && a.minY <= b.maxY;
}

/** One column of every kind, with Chinese titles; `id` identifies the feature after Hilbert sorting. */
export const ALL_KINDS_COLUMNS: FgbColumn[] = [
  { name: 'id', type: 'int', title: '编号', nullable: false },
  { name: 'flag', type: 'bool', title: '标记' },
  { name: 'count_i', type: 'int', title: '数量' },
  { name: 'big', type: 'long', title: '长整数' },
  { name: 'area_m2', type: 'double', title: '面积（平方米）', precision: 15, scale: 2 },
  { name: 'label', type: 'string', title: '名称', width: 50 },
  { name: 'surveyed', type: 'datetime', title: '更新时间' },
];

const WORDS = ['水田', '旱地', '水浇地', 'Wald', 'café', '𠀀扩展', '', 'a"b\\c', '零陵区朝阳街道'];

/** Property values for ALL_KINDS_COLUMNS; about one value in six is null or missing. */
export function randomProperties(rand: () => number, id: number): Record<string, string | number | boolean | null> {
  const maybe = <T>(v: T): T | null => (rand() < 0.17 ? null : v);
  const props: Record<string, string | number | boolean | null> = {
    id,
    flag: maybe(rand() < 0.5),
    count_i: maybe(rand() < 0.1 ? (rand() < 0.5 ? -(2 ** 31) : 2 ** 31 - 1) : Math.floor((rand() - 0.5) * 1e6)),
    big: maybe(rand() < 0.1 ? (rand() < 0.5 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER) : Math.floor((rand() - 0.5) * 2 ** 50)),
    area_m2: maybe((rand() - 0.2) * 1e5),
    label: maybe(`${WORDS[Math.floor(rand() * WORDS.length)]}${Math.floor(rand() * 1000)}`),
    surveyed: maybe(new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1e11)).toISOString()),
  };
  if (props.flag === null && rand() < 0.5) delete props.flag;
  return props;
}

/** Region of EPSG:4527 (CGCS2000 3° GK zone 39) around Changsha/Yongzhou, metres. */
export const GK39_EXTENT: Bbox = { minX: 39_500_000, minY: 2_900_000, maxX: 39_560_000, maxY: 2_960_000 };
