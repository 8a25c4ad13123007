// The change layer's features, generated patch by patch: geometry from the patch plan, codes from the scenario,
// location from the layout, ids and areas. Lazy: only one patch's geometry exists at a time.
import type { MultiPolygon, NestedMultiPolygon } from '@landwatch/core';
import { patchPlanOf, scenarioOf, type CountyModel } from './county-model.ts';
import { shortVillageName } from './divisions.ts';
import { breakGeometry } from './invalid-geometry.ts';
import { landUseName } from './land-use-names.ts';
import { locate } from './villages.ts';
import { PatchGeometry, planarArea } from './patch-geometry.ts';
import { Rng, Stream } from './random.ts';
import { SCENARIOS, type PieceCodes } from './scenarios.ts';

export type Properties = Record<string, string | number | null>;

export interface GeneratedFeature {
  geometry: MultiPolygon;
  properties: Properties;
}

/** One generated piece with what the layers need to know about it. */
export interface PieceRecord {
  /** 0-based index in the change layer. */
  index: number;
  patch: PatchGeometry;
  /** Index of the piece in its patch plan. */
  local: number;
  scenario: number;
  codes: PieceCodes;
}

/** Every piece of every patch, in change-layer order (geometry not built). */
export function* pieceRecords(model: CountyModel): Generator<PieceRecord> {
  for (let p = 0; p < model.patches; p++) {
    const { plan } = patchPlanOf(model, p);
    const patch = new PatchGeometry(model.opts.seed, plan);
    const first = model.pieceOffsets[p];
    const count = model.pieceOffsets[p + 1] - first;
    for (let l = 0; l < count; l++) {
      const index = first + l;
      const scenario = scenarioOf(model, index, plan.pieces[l].scenario);
      const codes = SCENARIOS[scenario].draw(Rng.of(model.opts.seed, Stream.pieceCodes, index), plan.place);
      yield { index, patch, local: l, scenario, codes };
    }
  }
}

/** The DLTBGXGC features. `output` converts plane geometry to the output CRS (and copies it). */
export function* changeFeatures(model: CountyModel, output: (g: NestedMultiPolygon) => MultiPolygon): Generator<GeneratedFeature> {
  const { opts, layout } = model;
  const county = opts.countyCode;
  const surveyDate = `${opts.surveyYear}-12-31`;
  for (const r of pieceRecords(model)) {
    const plane = r.patch.piece(r.patch.plan.pieces[r.local]);
    const area = round2(planarArea(plane));
    const [cx, cy] = ringCentre(plane[0][0]);
    const { village } = locate(layout, cx, cy);
    const ids = Rng.of(opts.seed, Stream.pieceIds, r.index);
    const c = r.codes;
    const beforeParcel = `${county}1${pad(r.index + 1, 11)}`;
    const beforeNo = String(ids.int(1, 4000));
    const kind = model.invalid.get(r.index);
    const geometry = output(kind ? breakGeometry(plane, kind) : plane);
    const properties: Properties = {
      BSM: `${county}${pad(r.index + 1, 12)}`,
      BGQDLBM: c.beforeCode,
      BGHDLBM: c.afterCode,
      BGQDLMC: landUseName(c.beforeCode),
      BGHDLMC: landUseName(c.afterCode),
      BGHZLDWDM: `${village.code}0000000`,
      BGHZLDWMC: shortVillageName(village.name),
      BGQTBBSM: beforeParcel,
      BGHTBBSM: c.attributeOnly ? beforeParcel : `${county}2${pad(r.index + 1, 11)}`,
      BGQTBBH: beforeNo,
      BGHTBBH: c.attributeOnly ? beforeNo : String(ids.int(1, 4000)),
      BGQZZSXDM: c.beforePlanting,
      BGHZZSXDM: c.afterPlanting,
      BGHTBXHDM: c.afterRefinement,
      BGHCZCSXM: c.afterSettlement,
      BGHGDPDJB: c.afterSlope,
      BGQTBDLMJ: area,
      BGHTBDLMJ: area,
      TBBGMJ: area,
      GXSJ: surveyDate,
      SJNF: opts.surveyYear,
      BGXW: c.attributeOnly ? '1' : '2',
      XZQTZLX: '0',
    };
    yield { geometry, properties };
  }
}

/** Mean of a ring's distinct vertices. */
export function ringCentre(ring: [number, number][]): [number, number] {
  let x = 0;
  let y = 0;
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    x += ring[i][0];
    y += ring[i][1];
  }
  return [x / n, y / n];
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
