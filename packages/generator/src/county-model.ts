// The generated county as a compact model: layout, patch → first piece index, scenario overrides and invalid
// pieces. Built by one counting pass over the patch plans (no geometry); everything else is recomputed on demand.
import { CHANGE_TYPES, type ChangeType } from '@landwatch/core';
import { countyPlace } from './county-frame.ts';
import { divisionsOf, type CountyDivisions } from './divisions.ts';
import { LayoutCapacityError } from './errors.ts';
import { invalidKinds, type InvalidKind } from './invalid-geometry.ts';
import { buildLayout, patchSite, slotSizeFor, type Layout, type PatchSite } from './layout.ts';
import type { ResolvedOptions } from './options.ts';
import { isSimplePiece, planPatch, type PatchPlan } from './patch-plan.ts';
import { SCENARIOS, SCENARIO_FOR_TYPE } from './scenarios.ts';

/** Share of the slot half-side a patch may use (the rest is a gap between neighbouring slots). */
const SLOT_FILL = 0.92;

export interface CountyModel {
  opts: ResolvedOptions;
  divisions: CountyDivisions;
  layout: Layout;
  /** Number of patches holding change pieces. */
  patches: number;
  /** First global piece index of each patch, plus the total at the end (length patches + 1). */
  pieceOffsets: Int32Array;
  /** Pieces whose scenario was replaced so that every change_type occurs. */
  overrides: Map<number, number>;
  /** Pieces given invalid geometry. */
  invalid: Map<number, InvalidKind>;
  /** Slots holding blocks of permanent-farmland polygons (not patches), and how many polygons in all. */
  fillerSlots: number[];
  fillerPolygons: number;
  fillerPerSlot: number;
  /** Permanent-farmland polygons drawn over patches. */
  patchFarmlandPolygons: number;
  changeTypeCounts: Record<ChangeType, number>;
  nonDetections: number;
}

export function buildCountyModel(opts: ResolvedOptions): CountyModel {
  const divisions = divisionsOf(opts.countyCode);
  const place = countyPlace(opts.countyCode, { lonLat: opts.centreLonLat, areaKm2: opts.areaKm2 });
  const demand = { changes: opts.changes, farmlandPolygons: opts.permanentFarmlandPolygons };
  let lastError: LayoutCapacityError | undefined;
  for (let attempt = 0, tighten = 1; attempt < 8; attempt++, tighten *= 1.3) {
    const { slotSize, areaM2 } = slotSizeFor(demand, place.areaKm2 * 1e6, tighten);
    const layout = buildLayout(opts.seed, place, divisions, slotSize, areaM2);
    try {
      return census(opts, divisions, layout);
    } catch (e) {
      if (!(e instanceof LayoutCapacityError)) throw e;
      lastError = e;
    }
  }
  throw lastError as LayoutCapacityError;
}

/** The plan of patch p (the same every time). */
export function patchPlanOf(model: { opts: ResolvedOptions; layout: Layout }, p: number): { plan: PatchPlan; site: PatchSite } {
  const { layout, opts } = model;
  const site = patchSite(opts.seed, layout, p);
  const slot = layout.slots[site.slot];
  const disc = { cx: slot.cx, cy: slot.cy, radius: (layout.slotSize / 2) * SLOT_FILL };
  const plan = planPatch(opts.seed, p, disc, site.theme, site.place, slot.cls === 'hill');
  return { plan, site };
}

/** The scenario of a piece after overrides. */
export function scenarioOf(model: CountyModel, globalIndex: number, planned: number): number {
  return model.overrides.get(globalIndex) ?? planned;
}

function census(opts: ResolvedOptions, divisions: CountyDivisions, layout: Layout): CountyModel {
  const offsets: number[] = [0];
  const counts = new Map<ChangeType | null, number>();
  const spareCandidates: number[] = []; // simple non-detection pieces, for overrides
  const invalidTargets = invalidKinds(opts.invalidGeometries).map((kind, k) => ({
    kind,
    from: Math.floor(((k + 0.5) * opts.changes) / Math.max(1, opts.invalidGeometries)),
    piece: -1,
  }));
  let nextTarget = 0;
  let patchFarmlandPolygons = 0;
  let total = 0;
  let p = 0;
  while (total < opts.changes) {
    if (p >= layout.patchOrder.length) throw new LayoutCapacityError('change pieces', opts.changes, total);
    const { plan } = patchPlanOf({ opts, layout }, p);
    const take = Math.min(plan.pieces.length, opts.changes - total);
    for (let l = 0; l < take; l++) {
      const piece = plan.pieces[l];
      const g = total + l;
      const type = SCENARIOS[piece.scenario].changeType;
      counts.set(type, (counts.get(type) ?? 0) + 1);
      const simple = isSimplePiece(piece);
      if (simple && type === null && spareCandidates.length < 64) spareCandidates.push(g);
      while (nextTarget < invalidTargets.length && invalidTargets[nextTarget].piece >= 0) nextTarget++;
      if (simple && type !== null && nextTarget < invalidTargets.length && g >= invalidTargets[nextTarget].from) {
        invalidTargets[nextTarget].piece = g;
      }
    }
    patchFarmlandPolygons += plan.farmland === 'none' ? 0 : plan.farmland === 'split' ? 2 : 1;
    total += take;
    offsets.push(total);
    p++;
  }

  // Every change_type at least once: turn simple non-detection pieces into the missing types.
  const overrides = new Map<number, number>();
  for (const type of CHANGE_TYPES) {
    if ((counts.get(type) ?? 0) > 0) continue;
    const g = spareCandidates.shift();
    if (g === undefined) break;
    overrides.set(g, SCENARIO_FOR_TYPE[type]);
    counts.set(type, 1);
    counts.set(null, (counts.get(null) ?? 0) - 1);
  }
  // Invalid geometry goes to simple detection pieces; fall back to overridden pieces if detections were scarce.
  const invalid = new Map<number, InvalidKind>();
  const fallback = [...overrides.keys()];
  for (const t of invalidTargets) {
    const g = t.piece >= 0 ? t.piece : fallback.shift();
    if (g !== undefined && !invalid.has(g)) invalid.set(g, t.kind);
  }

  // Blocks of permanent farmland fill plain slots that hold no patch.
  const fillerPolygons = Math.max(0, opts.permanentFarmlandPolygons - patchFarmlandPolygons);
  const free = layout.patchOrder.slice(p).filter((s) => layout.slots[s].cls === 'plain');
  if (fillerPolygons > 0 && free.length === 0) throw new LayoutCapacityError('permanent-farmland polygons', fillerPolygons, 0);
  const fillerPerSlot = fillerPolygons === 0 ? 0 : Math.max(9, Math.ceil(fillerPolygons / free.length));
  const fillerSlots = fillerPolygons === 0 ? [] : free.slice(0, Math.ceil(fillerPolygons / fillerPerSlot));

  const changeTypeCounts = Object.fromEntries(CHANGE_TYPES.map((t) => [t, counts.get(t) ?? 0])) as Record<ChangeType, number>;
  return {
    opts,
    divisions,
    layout,
    patches: p,
    pieceOffsets: Int32Array.from(offsets),
    overrides,
    invalid,
    fillerSlots,
    fillerPolygons,
    fillerPerSlot,
    patchFarmlandPolygons,
    changeTypeCounts,
    nonDetections: counts.get(null) ?? 0,
  };
}
