// Farmland protection layers: 永久基本农田 (over farmland patches and in blocks elsewhere), 永久基本农田储备区
// (over patches without permanent farmland, and over some gained pieces), 高标准农田 (over some farmland areas).
import type { NestedMultiPolygon, Polygon } from '@landwatch/core';
import { pieceRecords, ringCentre, round2, type GeneratedFeature } from './change-pieces.ts';
import { patchPlanOf } from './county-model.ts';
import { shortVillageName } from './divisions.ts';
import { fillerFarmland, patchCover, patchFarmland } from './farmland-shapes.ts';
import { areaField, stringField, type GeneratedLayer, type LayerContext } from './layer-types.ts';
import { landUseName } from './land-use-names.ts';
import { locate } from './villages.ts';
import { PatchGeometry, planarArea } from './patch-geometry.ts';
import { Rng, Stream } from './random.ts';
import { SCENARIOS } from './scenarios.ts';
import { lobedShape, starRing } from './star-shape.ts';

const FARMLAND_CODES = [['0101', 60], ['0103', 30], ['0102', 10]] as const;

export function permanentFarmlandLayer(ctx: LayerContext): GeneratedLayer {
  const { model, output } = ctx;
  const county = model.opts.countyCode;
  return {
    id: 'permanent-farmland',
    kind: 'permanent-farmland',
    title: '永久基本农田',
    fileName: 'permanent-farmland.fgb',
    fields: [
      stringField('BSM', '标识码'),
      stringField('YJJBNTTBBH', '永久基本农田图斑编号'),
      stringField('DLBM', '地类编码'),
      stringField('DLMC', '地类名称'),
      stringField('ZLDWDM', '坐落单位代码'),
      stringField('ZLDWMC', '坐落单位名称'),
      areaField('YJJBNTMJ', '永久基本农田面积'),
    ],
    *features() {
      let k = 0;
      const feature = (polygon: Polygon): GeneratedFeature => {
        k++;
        const rng = Rng.of(model.opts.seed, Stream.layerAttrs, 1, k);
        const [x, y] = ringCentre(polygon[0]);
        const { village } = locate(model.layout, x, y);
        const code = rng.weighted(FARMLAND_CODES);
        return {
          geometry: output([polygon]),
          properties: {
            BSM: `${county}3${String(k).padStart(11, '0')}`,
            YJJBNTTBBH: String(k).padStart(6, '0'),
            DLBM: code,
            DLMC: landUseName(code),
            ZLDWDM: `${village.code}0000000`,
            ZLDWMC: shortVillageName(village.name),
            YJJBNTMJ: round2(planarArea([polygon])),
          },
        };
      };
      for (let p = 0; p < model.patches; p++) {
        const { plan } = patchPlanOf(model, p);
        if (plan.farmland === 'none') continue;
        const patch = new PatchGeometry(model.opts.seed, plan);
        const polygons = patchFarmland(model.opts.seed, patch, model.opts.protectionVertices, (l) => SCENARIOS[plan.pieces[l].scenario].beforeCultivated);
        for (const polygon of polygons) yield feature(polygon);
      }
      let left = model.fillerPolygons;
      for (const slot of model.fillerSlots) {
        const count = Math.min(left, model.fillerPerSlot);
        left -= count;
        for (const polygon of fillerFarmland(model.opts.seed, model.layout, slot, count, model.opts.protectionVertices)) yield feature(polygon);
      }
    },
  };
}

export function farmlandReserveLayer(ctx: LayerContext): GeneratedLayer {
  const { model, output } = ctx;
  const county = model.opts.countyCode;
  return {
    id: 'farmland-reserve',
    kind: 'farmland-reserve',
    title: '永久基本农田储备区',
    fileName: 'farmland-reserve.fgb',
    fields: [stringField('BSM', '标识码'), stringField('ZLDWDM', '坐落单位代码'), stringField('ZLDWMC', '坐落单位名称'), areaField()],
    *features() {
      let k = 0;
      const feature = (geometry: NestedMultiPolygon): GeneratedFeature => {
        k++;
        const [x, y] = ringCentre(geometry[0][0]);
        const { village } = locate(model.layout, x, y);
        return {
          geometry: output(geometry),
          properties: {
            BSM: `${county}4${String(k).padStart(11, '0')}`,
            ZLDWDM: `${village.code}0000000`,
            ZLDWMC: shortVillageName(village.name),
            MJ: round2(planarArea(geometry)),
          },
        };
      };
      let coveredPatch = -1;
      let currentPatch = -1;
      for (const r of pieceRecords(model)) {
        const plan = r.patch.plan;
        if (plan.index !== currentPatch) {
          currentPatch = plan.index;
          const rng = Rng.of(model.opts.seed, Stream.layerAttrs, 2, plan.index);
          if (plan.farmland === 'none' && plan.theme !== 'forest' && plan.theme !== 'urban' && rng.chance(0.5)) {
            coveredPatch = plan.index;
            const shape = patchCover(rng, r.patch, 0.2 * plan.frame.cell);
            yield feature([[starRing(shape, model.opts.protectionVertices, rng, 0.004)]]);
          }
        }
        if (coveredPatch === plan.index) continue;
        if (SCENARIOS[r.scenario].changeType !== 'gain') continue;
        if (!Rng.of(model.opts.seed, Stream.pieceLayers, r.index, 2).chance(0.3)) continue;
        yield feature(r.patch.piece(plan.pieces[r.local]));
      }
    },
  };
}

export function highStandardFarmlandLayer(ctx: LayerContext): GeneratedLayer {
  const { model, output } = ctx;
  const name = model.divisions.countyName;
  return {
    id: 'high-standard-farmland',
    kind: 'high-standard-farmland',
    title: '高标准农田',
    fileName: 'high-standard-farmland.fgb',
    fields: [stringField('XMMC', '项目名称'), { name: 'JSND', type: 'int', title: '建设年度' }, areaField()],
    *features() {
      const feature = (rng: Rng, polygon: Polygon): GeneratedFeature => {
        const year = rng.int(2012, Math.max(2012, model.opts.surveyYear - 1));
        return {
          geometry: output([polygon]),
          properties: { XMMC: `${name}${year}年度高标准农田建设项目`, JSND: year, MJ: round2(planarArea([polygon])) },
        };
      };
      const vertices = Math.round(model.opts.protectionVertices * 1.5);
      for (let p = 0; p < model.patches; p++) {
        const { plan } = patchPlanOf(model, p);
        const rng = Rng.of(model.opts.seed, Stream.layerAttrs, 3, p);
        if (plan.farmland === 'none' || !rng.chance(0.4)) continue;
        const shape = patchCover(rng, new PatchGeometry(model.opts.seed, plan), rng.range(0.2, 0.8) * plan.frame.cell);
        yield feature(rng, [starRing(shape, vertices, rng, 0.004)]);
      }
      for (const slot of model.fillerSlots) {
        const rng = Rng.of(model.opts.seed, Stream.layerAttrs, 4, slot);
        if (!rng.chance(0.35)) continue;
        const s = model.layout.slots[slot];
        const half = (model.layout.slotSize * 0.44) / 1.15;
        const shape = lobedShape(rng, { cx: s.cx, cy: s.cy, rotation: rng.range(0, Math.PI), halfX: half, halfY: half * rng.range(0.6, 1), exponent: 4, lobeAmplitude: 0.15, lobes: [2, 6] });
        yield feature(rng, [starRing(shape, vertices, rng, 0.004)]);
      }
    },
  };
}
