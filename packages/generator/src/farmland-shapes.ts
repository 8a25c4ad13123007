// Permanent-farmland polygons (hundreds of vertices, holes): drawn over farmland patches — covering the patch
// with a noisy boundary that cuts through its edge pieces, split by a road, or covering only part of it — and in
// blocks over slots without change pieces. Holes sit preferably on pieces that were not 耕地 (a hamlet, a pond).
import type { Polygon, Ring } from '@landwatch/core';
import type { Layout } from './layout.ts';
import type { PatchGeometry } from './patch-geometry.ts';
import { Rng, Stream } from './random.ts';
import { lobedShape, starContains, starRing, type StarShape } from './star-shape.ts';

/** Relative lobe amplitude of farmland outlines. */
const LOBES = 0.12;

/** How many holes a permanent-farmland polygon over a patch has. */
const HOLE_COUNTS = [[0, 35], [1, 35], [2, 20], [3, 10]] as const;

/**
 * A noisy (rounded) rectangle over the patch grid (or the part `from`..`to` of its width), grown by `margin` metres
 * on every side. The lobes move the outline by at most 0.35 cell, so a margin above that covers the whole grid and
 * a smaller one cuts through some edge pieces.
 */
export function patchCover(rng: Rng, patch: PatchGeometry, margin: number, from = 0, to = 1, contained = false): StarShape {
  const f = patch.plan.frame;
  const width = sum(f.colWidths);
  const height = sum(f.rowHeights);
  const x0 = -width / 2 - margin + from * (width + 2 * margin);
  const x1 = -width / 2 - margin + to * (width + 2 * margin);
  const halfX = (x1 - x0) / 2;
  const halfY = height / 2 + margin;
  const lobes = Math.min(LOBES, (0.35 * f.cell) / Math.hypot(halfX, halfY));
  const [cx, cy] = patch.toWorld((x0 + x1) / 2, 0);
  // `contained`: the lobes stay inside the box (two polygons of a split must not touch).
  const shrink = contained ? 1 + lobes : 1;
  return lobedShape(rng, {
    cx,
    cy,
    rotation: f.rotation,
    halfX: halfX / shrink,
    halfY: halfY / shrink,
    exponent: rng.pick([6, 10, 10]),
    lobeAmplitude: lobes,
    lobes: [3, 9],
  });
}

/**
 * Permanent-farmland polygons over a patch (0, 1 or 2). `cultivated(local)` tells whether piece `local` was 耕地
 * before; its cells attract holes when it was not.
 */
export function patchFarmland(seed: number, patch: PatchGeometry, vertices: number, cultivated: (local: number) => boolean): Polygon[] {
  const plan = patch.plan;
  const f = plan.frame;
  const rng = Rng.of(seed, Stream.farmland, plan.index);
  const c = f.cell;
  const shapes: StarShape[] = [];
  if (plan.farmland === 'cover') {
    shapes.push(patchCover(rng, patch, rng.range(0.1, 0.6) * c));
  } else if (plan.farmland === 'partial') {
    shapes.push(patchCover(rng, patch, rng.range(0.1, 0.5) * c, 0, rng.range(0.45, 0.75)));
  } else if (plan.farmland === 'split') {
    const margin = rng.range(0.1, 0.6) * c;
    const width = sum(f.colWidths) + 2 * margin;
    let split = margin;
    for (let i = 0; i < plan.farmlandSplit; i++) split += f.colWidths[i];
    const gap = (0.06 * c) / width;
    shapes.push(patchCover(rng, patch, margin, 0, split / width - gap, true), patchCover(rng, patch, margin, split / width + gap, 1, true));
  }
  // Hole candidates: cells of pieces that were not 耕地 first (a hamlet, a pond), then the other cells.
  const notCultivated: number[] = [];
  const wasCultivated: number[] = [];
  plan.pieces.forEach((piece, local) => {
    for (const cell of piece.cells) (cultivated(local) ? wasCultivated : notCultivated).push(cell);
  });
  const candidates = [...shuffled(rng, notCultivated), ...shuffled(rng, wasCultivated)];
  return shapes.map((shape) => {
    const total = typicalCount(rng, vertices);
    const holeCount = rng.weighted(HOLE_COUNTS);
    const holes: Ring[] = [];
    const placed: [number, number, number][] = [];
    for (let k = 0; k < candidates.length && holes.length < holeCount; k++) {
      const cell = candidates[k];
      const [lx, ly] = cellCentre(patch, cell);
      const [hx, hy] = patch.toWorld(lx, ly);
      const radius = rng.range(0.2, 0.4) * c;
      if (placed.some(([x, y, r]) => Math.hypot(x - hx, y - hy) < (r + radius) * 1.7)) continue;
      const hole = holeRing(rng, hx, hy, radius, Math.max(8, Math.round((0.15 * total) / holeCount)));
      if (!hole.every(([x, y]) => starContains(shape, x, y, 0.9))) continue;
      placed.push([hx, hy, radius]);
      holes.push(hole);
    }
    const outer = starRing(shape, total - holes.reduce((s, h) => s + h.length - 1, 0), rng, 0.004);
    return [outer, ...holes];
  });
}

/**
 * `count` permanent-farmland polygons in a block over one slot (a grid of noisy parcels). The block is turned by
 * at most ±0.08 rad so that it stays inside its square slot (patches next door use a disc inside theirs).
 */
export function fillerFarmland(seed: number, layout: Layout, slot: number, count: number, vertices: number): Polygon[] {
  const rng = Rng.of(seed, Stream.filler, slot);
  const s = layout.slots[slot];
  const grid = Math.ceil(Math.sqrt(count));
  const side = (layout.slotSize * 0.92) / grid;
  const rotation = rng.range(-0.08, 0.08);
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const polygons: Polygon[] = [];
  for (let k = 0; k < count; k++) {
    const lx = ((k % grid) + 0.5 - grid / 2) * side;
    const ly = (Math.floor(k / grid) + 0.5 - grid / 2) * side;
    const cx = s.cx + cos * lx - sin * ly;
    const cy = s.cy + sin * lx + cos * ly;
    const shape = lobedShape(rng, {
      cx,
      cy,
      rotation: rotation + rng.range(-0.2, 0.2),
      halfX: (side * rng.range(0.3, 0.4)) / (1 + LOBES),
      halfY: (side * rng.range(0.25, 0.4)) / (1 + LOBES),
      exponent: rng.range(2.5, 6),
      lobeAmplitude: LOBES,
      lobes: [3, 9],
    });
    const total = typicalCount(rng, vertices);
    const rings: Ring[] = [];
    if (rng.chance(0.3)) {
      const radius = side * rng.range(0.05, 0.1);
      const hole = holeRing(rng, cx + rng.range(-0.05, 0.05) * side, cy + rng.range(-0.05, 0.05) * side, radius, Math.max(8, Math.round(0.12 * total)));
      if (hole.every(([x, y]) => starContains(shape, x, y, 0.9))) rings.push(hole);
    }
    const outer = starRing(shape, total - rings.reduce((a, h) => a + h.length - 1, 0), rng, 0.004);
    polygons.push([outer, ...rings]);
  }
  return polygons;
}

/** A vertex count around `typical`: log-uniform from 0.6× to 1.7× (median ≈ typical). */
function typicalCount(rng: Rng, typical: number): number {
  return Math.round(typical * Math.exp(rng.range(Math.log(0.6), Math.log(1.7))));
}

/** A clockwise hole ring. */
export function holeRing(rng: Rng, cx: number, cy: number, radius: number, vertices: number): Ring {
  const shape = lobedShape(rng, { cx, cy, rotation: rng.range(0, Math.PI), halfX: radius, halfY: radius * rng.range(0.6, 1), exponent: 2, lobeAmplitude: 0.25, lobes: [2, 5] });
  return starRing(shape, vertices, rng, 0.01).reverse();
}

function cellCentre(patch: PatchGeometry, cell: number): [number, number] {
  const cols = patch.plan.frame.cols;
  const c = cell % cols;
  const r = Math.floor(cell / cols);
  const pts = [patch.corner(c, r), patch.corner(c + 1, r), patch.corner(c + 1, r + 1), patch.corner(c, r + 1)];
  return [pts.reduce((s, p) => s + p[0], 0) / 4, pts.reduce((s, p) => s + p[1], 0) / 4];
}

function shuffled<T>(rng: Rng, items: T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const k = rng.int(0, i);
    [out[i], out[k]] = [out[k], out[i]];
  }
  return out;
}

function sum(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
