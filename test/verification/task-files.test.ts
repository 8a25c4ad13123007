// Task packages: one KML and one CSV per township, read back as the field team's tools read them — the KML with
// GDAL's KML driver (what QGIS uses; phone map apps read the same structure), the CSV as text with its BOM.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crsFromEpsg, makeTransform, multiPolygon, type CountyResult, type Detection, type MultiPolygon } from '@landwatch/core';
import { TASK_COLUMNS, ANSWER_COLUMNS } from '@landwatch/core/verification';
import { renderTaskFiles } from '@landwatch/pipeline';
import { ogrinfo } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-tasks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GK = crsFromEpsg(4525); // CGCS2000 3° zone 37 (111°E), the generator's default
const toGk = makeTransform(crsFromEpsg(4490), GK);
const squareGk = (lon: number, lat: number): MultiPolygon => {
  const d = 0.001;
  return multiPolygon([[[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]].map((p) => toGk(p as [number, number]))]]);
};

function detection(alertId: string, township: string, changeType: string, lon: number, lat: number, name = '朝阳街道'): Detection {
  return {
    row: {
      alert_id: alertId, county_code: '431102', township_code: township, village_code: `${township}001`, county_name: '零陵区',
      township_name: name, village_name: '一村 & <二组>', piece_id: alertId.slice(-4), before_parcel_id: '', after_parcel_id: '',
      before_code: '0101', before_name: '水田', after_code: '0702', after_name: '农村宅基地', before_planting: '', after_planting: '',
      change_type: changeType as Detection['row']['change_type'], severity: 'critical', rule_ids: ['permanent-farmland-four-prohibitions'],
      reasons: '永久基本农田违反"四严禁"，须整改恢复', inspection_category: 'construction', disposition: 'restore',
      area_m2: 1234.5, area_mu: 1.8518, net_area_m2: 1234.5, official_area_m2: null,
      paddy_m2: 0, permanent_farmland_m2: 0, farmland_reserve_m2: 0, high_standard_farmland_m2: 0, ecological_redline_m2: 0, urban_boundary_m2: 0,
      approved_m2: 0, facility_filing_m2: 0, temporary_use_m2: 0, approval_refs: '', change_date: '', stock: false, repeat: false, survey_year: 2024, run_id: '2024-aaaaaaaaaaaa',
    },
    geometry: squareGk(lon, lat),
    lonLat: [lon + 0.0005, lat + 0.0005],
    featureIndex: 0,
    tags: [],
    reasons: [],
  };
}

const county = {
  countyCode: '431102',
  countyName: '零陵区',
  detections: [
    detection('LW2024-431102-000000000b', '431102001', 'non_agricultural', 111.61, 26.41),
    detection('LW2024-431102-000000000a', '431102001', 'non_grain_land', 111.62, 26.42),
    detection('LW2024-431102-000000000c', '431102002', 'non_agricultural', 111.63, 26.43, '石岩头镇'),
    detection('LW2024-431102-000000000d', '431102002', 'gain', 111.64, 26.44, '石岩头镇'),
  ],
  overlaps: [],
  summary: { surveyYear: 2024 },
} as unknown as CountyResult;

describe('renderTaskFiles', () => {
  const files = renderTaskFiles(county, GK);

  it('writes one KML and one CSV per township with cases (gains are not cases)', () => {
    expect(files.map((f) => f.name)).toEqual(['tasks/431102001.kml', 'tasks/431102001.csv', 'tasks/431102002.kml', 'tasks/431102002.csv']);
  });

  it('the KML opens in GDAL: outlines and centre points named by alert id, in lon/lat', () => {
    const path = join(work, '431102001.kml');
    writeFileSync(path, files[0].bytes);
    const info = ogrinfo(['-ro', '-al', path]);
    expect([...info.matchAll(/^Layer name: (.*)$/gm)].map((m) => m[1])).toEqual(['图斑范围', '图斑中心点']);
    expect([...info.matchAll(/^\s+Name \(String\) = (.*)$/gm)].map((m) => m[1])).toEqual([
      'LW2024-431102-000000000a', 'LW2024-431102-000000000b', 'LW2024-431102-000000000a', 'LW2024-431102-000000000b',
    ]);
    expect([...info.matchAll(/^  POINT \((.*)\)$/gm)].map((m) => m[1])).toEqual(['111.6205 26.4205', '111.6105 26.4105']);
    // the outline came back from Gauss-Krüger to lon/lat within a millimetre's worth of degrees
    const first = /MULTIPOLYGON \(\(\(([\d.]+) ([\d.]+)/.exec(info)!;
    expect([Number(first[1]), Number(first[2])].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([111.62, 26.42]);
  });

  it('the CSV is UTF-8 with BOM: the cases, most urgent first, with blank answer columns', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[1].bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe([...TASK_COLUMNS, ...ANSWER_COLUMNS].join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['LW2024-431102-000000000a', 'LW2024-431102-000000000b']);
    expect(lines[1].endsWith(','.repeat(ANSWER_COLUMNS.length))).toBe(true);
  });
});
