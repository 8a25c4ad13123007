// Large zones: 生态保护红线 over the hills, 城镇开发边界 around the city and the township seats, and a context
// layer (粮食生产功能区) of a few blobs over the countryside.
import type { Polygon, Ring } from '@landwatch/core';
import { ringCentre, round2 } from './change-pieces.ts';
import { holeRing } from './farmland-shapes.ts';
import { areaField, stringField, type GeneratedLayer, type LayerContext } from './layer-types.ts';
import { planarArea } from './patch-geometry.ts';
import { Rng, Stream } from './random.ts';
import { lobedShape, radiusAt, starContains, starRing, type StarShape } from './star-shape.ts';

const REDLINE_TYPES = ['水源涵养', '生物多样性维护', '水土保持'];
const HILL_NAMES = ['阳明山', '紫金山', '四明山', '舜皇山', '九嶷山', '萌渚岭', '都庞岭', '越城岭'];

export function ecologicalRedlineLayer(ctx: LayerContext): GeneratedLayer {
  const { model, output } = ctx;
  const { countyCode } = model.opts;
  return {
    id: 'ecological-redline',
    kind: 'ecological-redline',
    title: '生态保护红线',
    fileName: 'ecological-redline.fgb',
    fields: [stringField('HXBM', '红线编码'), stringField('HXMC', '红线名称'), stringField('HXLX', '红线类型'), areaField()],
    *features() {
      const vertices = Math.max(400, model.opts.protectionVertices * 4);
      for (const [i, hill] of model.layout.hills.entries()) {
        const rng = Rng.of(model.opts.seed, Stream.blob, 1, i);
        const holes: Ring[] = [];
        const holeCount = rng.int(0, 2);
        const r = Math.min(radiusAt(hill, 0), radiusAt(hill, Math.PI / 2));
        for (let k = 0; k < holeCount; k++) {
          const a = rng.range(0, 2 * Math.PI);
          const d = rng.range(0, 0.4) * r;
          const hole = holeRing(rng, hill.cx + d * Math.cos(a), hill.cy + d * Math.sin(a), rng.range(0.04, 0.08) * r, 40);
          if (hole.every(([x, y]) => starContains(hill, x, y, 0.85)) && !holes.some((h) => overlaps(h, hole))) holes.push(hole);
        }
        const polygon: Polygon = [starRing(hill, vertices, rng, 0.003), ...holes];
        const type = rng.pick(REDLINE_TYPES);
        yield {
          geometry: output([polygon]),
          properties: {
            HXBM: `${countyCode}${String(i + 1).padStart(4, '0')}`,
            HXMC: `${model.divisions.countyName}${HILL_NAMES[i % HILL_NAMES.length]}${type}生态保护红线`,
            HXLX: type,
            MJ: round2(planarArea([polygon])),
          },
        };
      }
    },
  };
}

export function urbanDevelopmentBoundaryLayer(ctx: LayerContext): GeneratedLayer {
  const { model, output } = ctx;
  const { layout, divisions } = model;
  return {
    id: 'urban-development-boundary',
    kind: 'urban-development-boundary',
    title: '城镇开发边界',
    fileName: 'urban-development-boundary.fgb',
    fields: [
      stringField('BSM', '标识码'),
      stringField('XZQDM', '行政区代码'),
      stringField('XZQMC', '行政区名称'),
      stringField('GHFQDM', '规划分区代码'),
      stringField('GHFQMC', '规划分区名称'),
      areaField(),
    ],
    *features() {
      const vertices = Math.max(200, model.opts.protectionVertices * 2);
      const zones: { shape: StarShape; code: string; name: string }[] = [
        { shape: layout.cityBoundary, code: model.opts.countyCode, name: `${divisions.countyName}中心城区` },
        ...layout.townBoundaries.map((b) => ({ shape: b.shape, code: layout.townships[b.township].code, name: layout.townships[b.township].name })),
      ];
      for (const [i, zone] of zones.entries()) {
        const rng = Rng.of(model.opts.seed, Stream.blob, 2, i);
        const polygon: Polygon = [starRing(zone.shape, i === 0 ? vertices * 2 : vertices, rng, 0.003)];
        yield {
          geometry: output([polygon]),
          properties: {
            BSM: `${model.opts.countyCode}5${String(i + 1).padStart(11, '0')}`,
            XZQDM: zone.code,
            XZQMC: zone.name,
            GHFQDM: '11',
            GHFQMC: '城镇集中建设区',
            MJ: round2(planarArea([polygon])),
          },
        };
      }
    },
  };
}

/** Context layer: 粮食生产功能区, a few blobs (disjoint) over the countryside; reported as overlap area only. */
export function grainZoneLayer(ctx: LayerContext): GeneratedLayer {
  const { model, output } = ctx;
  return {
    id: 'grain-production-zone',
    kind: 'context',
    title: '粮食生产功能区',
    fileName: 'grain-production-zone.fgb',
    fields: [stringField('MC', '名称'), areaField()],
    *features() {
      const frame = model.layout.frame;
      const rng = Rng.of(model.opts.seed, Stream.blob, 3);
      const scale = Math.sqrt(frame.areaM2 / 1960e6);
      const count = rng.int(4, 8);
      const placed: StarShape[] = [];
      for (let attempt = 0; placed.length < count && attempt < 2000; attempt++) {
        const radius = rng.range(1500, 3500) * scale;
        const a = rng.range(0, 2 * Math.PI);
        const d = Math.sqrt(rng.next()) * frame.outline.maxRadius * 0.7;
        const x = frame.centre[0] + d * Math.cos(a);
        const y = frame.centre[1] + d * Math.sin(a);
        if (!starContains(frame.outline, x, y, 0.75)) continue;
        const shape = lobedShape(rng, { cx: x, cy: y, rotation: rng.range(0, Math.PI), halfX: radius, halfY: radius * rng.range(0.5, 0.9), exponent: 2, lobeAmplitude: 0.25, lobes: [2, 6] });
        if (placed.some((s) => Math.hypot(s.cx - x, s.cy - y) < s.maxRadius + shape.maxRadius)) continue;
        placed.push(shape);
      }
      for (const [i, shape] of placed.entries()) {
        const polygon: Polygon = [starRing(shape, Math.max(150, model.opts.protectionVertices), rng, 0.003)];
        yield {
          geometry: output([polygon]),
          properties: { MC: `${model.divisions.countyName}粮食生产功能区${i + 1}号片区`, MJ: round2(planarArea([polygon])) },
        };
      }
    },
  };
}

function overlaps(a: Ring, b: Ring): boolean {
  const [ax, ay] = ringCentre(a);
  const [bx, by] = ringCentre(b);
  const ra = Math.max(...a.map(([x, y]) => Math.hypot(x - ax, y - ay)));
  const rb = Math.max(...b.map(([x, y]) => Math.hypot(x - bx, y - by)));
  return Math.hypot(ax - bx, ay - by) < ra + rb;
}
