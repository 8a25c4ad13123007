// Layers drawn over individual change pieces: 已批建设用地 over part of the 非农化 pieces (whole piece or half a
// cell), 设施农用地备案 over some →1202 pieces, 临时用地 over some bare-soil, quarry and road pieces.
import type { NestedMultiPolygon } from '@landwatch/core';
import { pieceRecords, round2, type GeneratedFeature, type PieceRecord } from './change-pieces.ts';
import { areaField, stringField, type GeneratedLayer, type LayerContext } from './layer-types.ts';
import { planarArea } from './patch-geometry.ts';
import { Rng, Stream } from './random.ts';
import { SCENARIOS } from './scenarios.ts';

type Coverage = 'whole' | 'half' | null;

/** Whole piece, half of its first cell, or nothing — decided per piece and layer. */
function coverage(r: PieceRecord, rng: Rng, whole: number, half: number): Coverage {
  const roll = rng.next();
  if (roll < whole) return 'whole';
  if (roll < whole + half) return r.patch.plan.pieces[r.local].cells.length > 0 ? 'half' : 'whole';
  return null;
}

function covered(r: PieceRecord, how: 'whole' | 'half'): NestedMultiPolygon {
  const piece = r.patch.plan.pieces[r.local];
  return how === 'whole' ? r.patch.piece(piece) : [r.patch.halfCell(piece.cells[0])];
}

function* pieceLayerFeatures(
  ctx: LayerContext,
  layerNo: number,
  decide: (r: PieceRecord, rng: Rng) => Coverage,
  properties: (k: number, rng: Rng, areaM2: number) => GeneratedFeature['properties'],
): Generator<GeneratedFeature> {
  const { model, output } = ctx;
  let k = 0;
  for (const r of pieceRecords(model)) {
    const rng = Rng.of(model.opts.seed, Stream.pieceLayers, r.index, layerNo);
    const how = decide(r, rng);
    if (!how) continue;
    const plane = covered(r, how);
    k++;
    yield { geometry: output(plane), properties: properties(k, rng, round2(planarArea(plane))) };
  }
}

export function approvedConstructionLayer(ctx: LayerContext): GeneratedLayer {
  const { opts } = ctx.model;
  return {
    id: 'approved-construction',
    kind: 'approved-construction',
    title: '已批建设用地',
    fileName: 'approved-construction.fgb',
    fields: [stringField('PCMC', '批次名称'), stringField('PZJG', '批准机关'), stringField('PZWH', '批准文号'), stringField('PZRQ', '批准日期'), areaField()],
    features: () =>
      pieceLayerFeatures(
        ctx,
        11,
        (r, rng) => {
          const key = SCENARIOS[r.scenario].key;
          if (SCENARIOS[r.scenario].changeType === 'non_agricultural') return coverage(r, rng, 0.45, 0.15);
          if (key === 'construction-construction' || key === 'other-to-construction') return coverage(r, rng, 0.1, 0);
          return null;
        },
        (_, rng, areaM2) => {
          const year = rng.int(opts.surveyYear - 4, opts.surveyYear);
          // most batches are approved by the province; a few (national key projects) by the State Council
          const stateCouncil = rng.chance(0.15);
          return {
            PCMC: `${ctx.model.divisions.countyName}${year}年度第${rng.int(1, 12)}批次城镇建设用地`,
            PZJG: stateCouncil ? '国务院' : '省人民政府',
            PZWH: `${provinceAbbreviation(opts.countyCode)}政地〔${year}〕${rng.int(1, 999)}号`,
            PZRQ: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
            MJ: areaM2,
          };
        },
      ),
  };
}

export function facilityFilingLayer(ctx: LayerContext): GeneratedLayer {
  const { opts } = ctx.model;
  return {
    id: 'facility-filing',
    kind: 'facility-filing',
    title: '设施农用地备案',
    fileName: 'facility-filing.fgb',
    fields: [stringField('BAH', '备案号'), stringField('SSLX', '设施类型'), areaField()],
    // the filing number lives in BAH, not in the default PZWH: named in layers.json
    attributeFields: { reference: 'BAH' },
    features: () =>
      pieceLayerFeatures(
        ctx,
        12,
        (r, rng) => {
          if (r.codes.afterCode !== '1202') return null;
          return coverage(r, rng, SCENARIOS[r.scenario].changeType === 'agricultural_facility' ? 0.5 : 0.3, 0.05);
        },
        (k, rng, areaM2) => ({
          BAH: `${opts.countyCode}SSNY${opts.surveyYear}${String(k).padStart(4, '0')}`,
          SSLX: rng.pick(['种植设施', '畜禽养殖设施', '水产养殖设施']),
          MJ: areaM2,
        }),
      ),
  };
}

export function temporaryUseLayer(ctx: LayerContext): GeneratedLayer {
  const { opts } = ctx.model;
  return {
    id: 'temporary-use',
    kind: 'temporary-use',
    title: '临时用地',
    fileName: 'temporary-use.fgb',
    fields: [stringField('XMMC', '项目名称'), stringField('PZWH', '批准文号'), stringField('QSRQ', '起始日期'), stringField('JSRQ', '结束日期'), areaField()],
    features: () =>
      pieceLayerFeatures(
        ctx,
        13,
        (r, rng) => {
          const after = r.codes.afterCode;
          const type = SCENARIOS[r.scenario].changeType;
          if (type === 'to_unused' && after === '1206') return coverage(r, rng, 0.3, 0.1);
          if (type === 'non_agricultural' && (after === '0602' || after === '1003')) return coverage(r, rng, 0.1, 0);
          if (SCENARIOS[r.scenario].beforeCultivated && type === null) return coverage(r, rng, 0.02, 0);
          return null;
        },
        (_, rng, areaM2) => {
          const start = opts.surveyYear - rng.int(0, 1);
          return {
            XMMC: rng.pick(['高速公路施工便道', '取土场', '预制梁场', '输电线路塔基施工', '管道施工作业带', '弃渣场']),
            PZWH: `${ctx.model.divisions.countyName.slice(0, 2)}自然资临〔${start}〕${rng.int(1, 300)}号`,
            QSRQ: `${start}-${String(rng.int(1, 12)).padStart(2, '0')}-01`,
            JSRQ: `${start + 2}-${String(rng.int(1, 12)).padStart(2, '0')}-01`,
            MJ: areaM2,
          };
        },
      ),
  };
}

const PROVINCE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '蒙', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏',
  '33': '浙', '34': '皖', '35': '闽', '36': '赣', '37': '鲁', '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂',
  '46': '琼', '50': '渝', '51': '川', '52': '黔', '53': '滇', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁',
  '65': '新',
};

function provinceAbbreviation(countyCode: string): string {
  return PROVINCE_ABBREVIATIONS[countyCode.slice(0, 2)] ?? '';
}
