// The detection stage on small hand-made cases, with areas checked against the official area of the expected shapes.
import { describe, expect, it } from 'vitest';
import {
  classifyPieces,
  detectTile,
  detectionsCsv,
  mergeTileResults,
  multiPolygon,
  officialAreaM2,
  roundHalfAwayFromZero,
  type ChangePiece,
  type MultiPolygon,
  type ProtectionFeature,
  type RunInfo,
  type TileInput,
} from '../src/index.ts';
import { hasPreparedArea } from '../src/geometry/prepared-area.ts';
import { crs, names, rect, rules, X0, Y0 } from './support/small-county.ts';

let nextIndex = 0;
function piece(over: Partial<ChangePiece> & { geometry: MultiPolygon }): ChangePiece {
  const i = nextIndex++;
  return { featureIndex: i, pieceId: `BSM${i}`, beforeCode: '0101', afterCode: '0702', locationCode: '4311020010010000000', ...over };
}

function input(pieces: ChangePiece[], protection: ProtectionFeature[] = []): TileInput {
  return {
    runId: '2024-000000000000',
    surveyYear: 2024,
    crs,
    pieces: classifyPieces(pieces, rules),
    protection,
    layers: [
      { id: 'pbf', kind: 'permanent-farmland', title: '永久基本农田' },
      { id: 'approved', kind: 'approved-construction', title: '已批建设用地' },
      { id: 'filing', kind: 'facility-filing', title: '设施农用地备案' },
      { id: 'temporary', kind: 'temporary-use', title: '临时用地' },
    ],
    rules,
    names,
  };
}

const pbf = (g: MultiPolygon, i = 0): ProtectionFeature => ({ layerId: 'pbf', kind: 'permanent-farmland', featureIndex: i, geometry: g });
const approval = (g: MultiPolygon, attributes: ProtectionFeature['attributes'], i = 0): ProtectionFeature => ({
  layerId: 'approved',
  kind: 'approved-construction',
  featureIndex: i,
  geometry: g,
  attributes,
});
const permit = (g: MultiPolygon, attributes: ProtectionFeature['attributes'], i = 0): ProtectionFeature => ({
  layerId: 'temporary',
  kind: 'temporary-use',
  featureIndex: i,
  geometry: g,
  attributes,
});

describe('detectTile', () => {
  it('keeps no prepared form of the geometries its result holds (pieces and clipped parts live to the files)', () => {
    const square = rect(X0, Y0, 100, 100);
    const r = detectTile(input([piece({ geometry: square })], [pbf(rect(X0 - 50, Y0 - 50, 100, 200))]));
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0].geometry).not.toBe(r.detections[0].geometry);
    for (const g of [...r.detections.map((d) => d.geometry), ...r.overlaps.map((o) => o.geometry)]) expect(hasPreparedArea(g)).toBe(false);
  });

  it('measures a 非农化 piece half inside permanent farmland with official areas of the real shapes', () => {
    const square = rect(X0, Y0, 100, 100);
    const r = detectTile(input([piece({ geometry: square })], [pbf(rect(X0 - 50, Y0 - 50, 100, 200))]));
    expect(r.detections).toHaveLength(1);
    const d = r.detections[0].row;
    expect(d.change_type).toBe('non_agricultural');
    expect(d.area_m2).toBe(officialAreaM2(square, crs));
    expect(d.permanent_farmland_m2).toBeCloseTo(officialAreaM2(rect(X0, Y0, 50, 100), crs), 2);
    expect(d.area_mu).toBeCloseTo(d.area_m2 * 0.0015, 4);
    expect(d.severity).toBe('critical');
    expect(d.county_name).toBe('零陵区');
    expect(d.township_name).toBe('朝阳街道');
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0].row.relation).toBe('crossing');
    expect(r.overlaps[0].row.share).toBeCloseTo(0.5, 4);
    const [lon, lat] = r.detections[0].lonLat;
    expect(lon).toBeGreaterThan(111);
    expect(lon).toBeLessThan(112.2);
    expect(lat).toBeGreaterThan(26);
    expect(lat).toBeLessThan(26.3);
  });

  it('does not count overlapping protection polygons of one layer twice', () => {
    const square = rect(X0, Y0, 100, 100);
    const r = detectTile(input([piece({ geometry: square })], [pbf(rect(X0 - 10, Y0 - 10, 120, 120), 0), pbf(rect(X0 - 20, Y0 - 20, 140, 140), 1)]));
    const d = r.detections[0].row;
    expect(d.permanent_farmland_m2).toBe(d.area_m2);
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0].row.relation).toBe('inside');
  });

  it('classifies each piece once and hands only detections to the tile', () => {
    const kept = piece({ geometry: rect(X0, Y0, 50, 50) });
    const classified = classifyPieces([piece({ beforeCode: '0301', afterCode: '0307', geometry: rect(X0, Y0, 50, 50) }), kept], rules);
    expect(classified.map((c) => [c.piece, c.classification.changeType])).toEqual([[kept, 'non_agricultural']]);
  });

  it('lists an unrepairable piece instead of dropping it silently', () => {
    const degenerate = multiPolygon([[[[X0, Y0], [X0 + 10, Y0], [X0, Y0], [X0 + 10, Y0]]]]);
    const r = detectTile(input([piece({ pieceId: 'BAD', geometry: degenerate })]));
    expect(r.detections).toHaveLength(0);
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'unrepairable', pieceId: 'BAD' })]);
    expect(r.stats.unrepairable).toBe(1);
  });

  it('repairs a bow-tie and counts the repair', () => {
    const bowtie = multiPolygon([[[[X0, Y0], [X0 + 100, Y0 + 100], [X0 + 100, Y0], [X0, Y0 + 100], [X0, Y0]]]]);
    const r = detectTile(input([piece({ geometry: bowtie })]));
    expect(r.detections).toHaveLength(1);
    expect(r.stats.repairedPieces).toBe(1);
    expect(r.detections[0].row.area_m2).toBeCloseTo(officialAreaM2(rect(X0, Y0, 100, 100), crs) / 2, 0);
  });

  it('marks a gain on a slope over 25° as ineligible, with the rule id', () => {
    const r = detectTile(input([piece({ beforeCode: '0201', afterCode: '0101', afterSlopeClass: '5', geometry: rect(X0, Y0, 60, 60) })]));
    const d = r.detections[0];
    expect(d.row.change_type).toBe('gain');
    expect(d.eligibleGain).toBe(false);
    expect(d.row.rule_ids).toContain('gain-slope-over-25');
  });
});

describe('detectTile: layer attributes and the new columns', () => {
  const square = rect(X0, Y0, 100, 100);
  const cover = rect(X0 - 10, Y0 - 10, 120, 120);

  it('a provincial approval does not clear construction inside 永久基本农田; a State Council approval does', () => {
    const provincial = detectTile(input([piece({ geometry: square })], [pbf(cover), approval(cover, { authority: '湖南省人民政府', reference: '湘政土批〔2024〕12号' })]));
    expect(provincial.detections[0].row).toMatchObject({ severity: 'critical', disposition: 'restore', approval_refs: '湘政土批〔2024〕12号' });
    expect(provincial.detections[0].row.rule_ids).toContain('permanent-farmland-approval-authority');
    const council = detectTile(input([piece({ geometry: square })], [pbf(cover), approval(cover, { authority: '国务院', reference: '国函〔2024〕3号' })]));
    expect(council.detections[0].row).toMatchObject({ severity: 'low', disposition: 'approval_check', approval_refs: '国函〔2024〕3号' });
  });

  it('an approval dated after the change (GXSJ) is flagged as 未批先建', () => {
    const r = detectTile(input([piece({ geometry: square, surveyDate: '2024-03-01' })], [approval(cover, { reference: 'A-1', date: '2024-06-30' })]));
    expect(r.detections[0].row.rule_ids).toEqual(['six-prohibitions-nonagri', 'occupation-compensation', 'eight-prohibitions-housing', 'approved-construction', 'approval-after-change']);
    expect(r.detections[0].row.severity).toBe('medium');
    expect(r.detections[0].row).toMatchObject({ change_date: '2024-03-01', stock: false });
  });

  it('an expired temporary-use permit covers nothing; a valid one marks the piece', () => {
    const bare = (over: Partial<ChangePiece> = {}) => piece({ beforeCode: '0103', afterCode: '1206', geometry: square, ...over });
    const expired = detectTile(input([bare()], [permit(cover, { reference: 'L-1', start: '2021-01-01', end: '2023-12-31' })]));
    expect(expired.detections[0].row).toMatchObject({ temporary_use_m2: 0, approval_refs: '' });
    expect(expired.detections[0].row.rule_ids).toEqual(['natural-change-review', 'temporary-use-expired']);
    const valid = detectTile(input([bare()], [permit(cover, { reference: 'L-2', start: '2024-01-01', end: '2025-12-31' })]));
    expect(valid.detections[0].row.rule_ids).toEqual(['natural-change-review', 'temporary-use']);
    expect(valid.detections[0].row.approval_refs).toBe('L-2');
  });

  it('net_area_m2 deducts the 田坎 coefficient (BGQKCXS for a loss, BGHKCXS for a gain); stock before 2020-09-10', () => {
    const r = detectTile(
      input([
        piece({ beforeCode: '0103', afterCode: '0201', beforeDeductionCoefficient: 0.1, afterDeductionCoefficient: 0.5, surveyDate: '2020-09-09', geometry: square }),
        piece({ beforeCode: '0201', afterCode: '0103', beforeDeductionCoefficient: 0.5, afterDeductionCoefficient: 0.2, geometry: rect(X0 + 200, Y0, 100, 100) }),
      ]),
    );
    const [loss, gain] = r.detections.map((d) => d.row);
    expect(loss.net_area_m2).toBe(roundHalfAwayFromZero(loss.area_m2 * 0.9, 2));
    expect(loss).toMatchObject({ change_date: '2020-09-09', stock: true });
    expect(gain.net_area_m2).toBe(roundHalfAwayFromZero(gain.area_m2 * 0.8, 2));
    expect(gain).toMatchObject({ change_date: '', stock: false, disposition: 'none' });
  });

  it('a 旱改水 piece is no detection but reaches the ledger', () => {
    const r = detectTile(input([piece({ beforeCode: '0103', afterCode: '0101', beforePlanting: 'LS', afterPlanting: 'LS', geometry: square })]));
    expect(r.detections).toHaveLength(0);
    expect(r.balanceOnly).toEqual([expect.objectContaining({ countyCode: '431102', townshipCode: '431102001', netAreaM2: officialAreaM2(square, crs) })]);
  });
});

describe('mergeTileResults', () => {
  const run: RunInfo = {
    runId: '2024-000000000000',
    surveyYear: 2024,
    generatedAt: '2025-01-01T00:00:00Z',
    input: { file: 'x.fgb', featuresCount: 4, crs: 'EPSG:4525' },
    codeTableVersion: 'v',
    ruleSetVersion: 'r',
    layers: [{ id: 'pbf', kind: 'permanent-farmland', title: '永久基本农田', source: 'pbf.fgb' }],
  };
  const a = detectTile(input([piece({ geometry: rect(X0, Y0, 100, 100) }), piece({ beforeCode: '0103', afterCode: '0201', geometry: rect(X0 + 200, Y0, 80, 80) })], [pbf(rect(X0, Y0, 400, 400))]));
  const b = detectTile(input([piece({ beforeCode: '0201', afterCode: '0101', geometry: rect(X0 + 500, Y0, 90, 90) })]));

  it('gives the same result whatever the order of the tiles', () => {
    expect(JSON.stringify(mergeTileResults([b, a], run))).toBe(JSON.stringify(mergeTileResults([a, b], run)));
  });

  it('sums totals, per township and per layer, and balances gains against losses', () => {
    const [county] = mergeTileResults([a, b], run);
    const s = county.summary;
    expect(s.totals.count).toBe(3);
    expect(s.totals.areaM2).toBeCloseTo(county.detections.reduce((x, d) => x + d.row.area_m2, 0), 2);
    expect(s.townships).toHaveLength(1);
    expect(s.protectionLayers[0].count).toBe(2);
    expect(s.balance.rows).toHaveLength(1);
    // both losses lie wholly in 永久基本农田: restored, neither balanced (转出) nor, before 2025, occupied
    const losses = county.detections.filter((d) => d.row.change_type !== 'gain').map((d) => d.row.net_area_m2);
    expect(s.balance.total.outM2).toBe(0);
    expect(s.balance.total.pbfOutM2).toBe(roundHalfAwayFromZero(losses[0] + losses[1], 2));
    expect(s.mustRestore.count).toBe(2);
  });

  it('writes a CSV with BOM, one row per detection, quoting where needed', () => {
    const [county] = mergeTileResults([a, b], run);
    county.detections[0].row.village_name = '东岳宫,社区';
    const csv = detectionsCsv(county.detections);
    expect(csv.startsWith('\uFEFFalert_id,')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
    expect(csv).toContain('"东岳宫,社区"');
  });

  it('joins rule ids with ";" only when a file is written (the row keeps the list)', () => {
    const [county] = mergeTileResults([a, b], run);
    const last = county.detections[county.detections.length - 1];
    expect(Array.isArray(last.row.rule_ids)).toBe(true);
    const lines = detectionsCsv([last]).slice(1).split('\r\n');
    const at = lines[0].split(',').indexOf('rule_ids');
    expect(lines[1].split(',')[at]).toBe(last.row.rule_ids.join(';'));
  });
});
