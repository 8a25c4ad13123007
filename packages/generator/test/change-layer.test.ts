import { describe, expect, it } from 'vitest';
import { divisionsOf, shortVillageName } from '../src/index.ts';
import { classify } from './support/classify.ts';
import { CULTIVATED, DOMAIN_LAND_USE, PLANTING, REFINEMENTS, SETTLEMENT, SLOPE } from './support/domain-codes.ts';
import { DEMO_CHANGES, demoCounty } from './support/fixture.ts';
import { bboxOf, distinctPoints, hasRepeatedPoints, isClosed, multiPolygonArea, polygonProblems, selfCrosses } from './support/geometry-checks.ts';

const CHANGE_TYPES = ['non_agricultural', 'non_grain_land', 'agricultural_facility', 'to_water', 'to_unused', 'non_grain_planting', 'tree_intercrop', 'abandoned', 'paddy_to_dry', 'restorable_loss', 'gain'];

describe('change layer (DLTBGXGC) of the demo county', () => {
  const { county, pieces, invalid } = demoCounty();

  it('is 零陵区 431102 in CGCS2000 GK zone 37 (EPSG:4525), with the requested number of pieces', () => {
    expect(county.countyCode).toBe('431102');
    expect(county.countyName).toBe('零陵区');
    expect(county.crsEpsg).toBe(4525);
    expect(county.surveyYear).toBe(2024);
    expect(pieces).toHaveLength(DEMO_CHANGES);
    for (const f of pieces.slice(0, 200)) {
      for (const [x, y] of f.geometry[0][0]) {
        expect(x).toBeGreaterThan(37_400_000);
        expect(x).toBeLessThan(37_700_000);
        expect(y).toBeGreaterThan(2_830_000);
        expect(y).toBeLessThan(2_980_000);
      }
    }
  });

  it('has every change_type, most pieces are not detections, and expected counts match the codes', () => {
    const counts: Record<string, number> = Object.fromEntries(CHANGE_TYPES.map((t) => [t, 0]));
    let none = 0;
    for (const f of pieces) {
      const type = classify(f.properties);
      if (type) counts[type]++;
      else none++;
    }
    expect(counts).toEqual(county.expected.changeTypeCounts);
    expect(none).toBe(county.expected.nonDetections);
    for (const t of CHANGE_TYPES) expect(counts[t], t).toBeGreaterThan(0);
    expect(none / pieces.length).toBeGreaterThan(0.5);
  });

  it('carries exactly the DLTBGXGC fields, with the declared types', () => {
    const names = county.changeFields.map((f) => f.name);
    expect(names).toEqual([
      'BSM', 'BGQDLBM', 'BGHDLBM', 'BGQDLMC', 'BGHDLMC', 'BGHZLDWDM', 'BGHZLDWMC', 'BGQTBBSM', 'BGHTBBSM', 'BGQTBBH',
      'BGHTBBH', 'BGQZZSXDM', 'BGHZZSXDM', 'BGHTBXHDM', 'BGHCZCSXM', 'BGHGDPDJB', 'BGQTBDLMJ', 'BGHTBDLMJ', 'TBBGMJ',
      'GXSJ', 'SJNF', 'BGXW', 'XZQTZLX',
    ]);
    for (const f of county.changeFields) expect(f.title).toMatch(/[\u4e00-\u9fff]/);
    const required = new Set(['BSM', 'BGQDLBM', 'BGHDLBM', 'BGQDLMC', 'BGHDLMC', 'BGHZLDWDM', 'BGHZLDWMC', 'BGQTBBSM', 'BGHTBBSM', 'BGQTBBH', 'BGHTBBH', 'TBBGMJ', 'GXSJ', 'SJNF', 'BGXW', 'XZQTZLX']);
    const problems: string[] = [];
    for (const f of pieces) {
      const keys = Object.keys(f.properties).join(',');
      if (keys !== names.join(',')) problems.push(`${f.properties.BSM}: fields ${keys}`);
      for (const field of county.changeFields) {
        const v = f.properties[field.name];
        const ok =
          v === null ? !required.has(field.name) : field.type === 'string' ? typeof v === 'string' : field.type === 'int' ? Number.isInteger(v) : typeof v === 'number';
        if (!ok) problems.push(`${f.properties.BSM}: ${field.name} = ${JSON.stringify(v)}`);
      }
      if (f.properties.GXSJ !== '2024-12-31' || f.properties.SJNF !== 2024 || f.properties.XZQTZLX !== '0') problems.push(`${f.properties.BSM}: date/year/XZQTZLX`);
    }
    expect(problems).toEqual([]);
  });

  it('uses only docs/LAND-SURVEY.md, "Land-use codes" land-use codes with their names, and docs/LAND-SURVEY.md, "Land-use codes"/§3 attribute codes', () => {
    for (const f of pieces) {
      const p = f.properties;
      expect(DOMAIN_LAND_USE[p.BGQDLBM as string], String(p.BGQDLBM)).toBe(p.BGQDLMC);
      expect(DOMAIN_LAND_USE[p.BGHDLBM as string], String(p.BGHDLBM)).toBe(p.BGHDLMC);
      if (p.BGQZZSXDM !== null) expect(PLANTING).toContain(p.BGQZZSXDM);
      if (p.BGHZZSXDM !== null) expect(PLANTING).toContain(p.BGHZZSXDM);
      if (p.BGHTBXHDM !== null) expect(REFINEMENTS).toContain(p.BGHTBXHDM);
      if (p.BGHCZCSXM !== null) expect(SETTLEMENT).toContain(p.BGHCZCSXM);
      if (p.BGHGDPDJB !== null) expect(SLOPE).toContain(p.BGHGDPDJB);
      // 耕地 carries a grain/non-grain planting code; other land never does (docs/LAND-SURVEY.md, "The change layer's fields" validity rules).
      const grainCodes = ['LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG'];
      if (CULTIVATED.includes(p.BGHDLBM as string)) expect(grainCodes).toContain(p.BGHZZSXDM);
      else if (p.BGHZZSXDM !== null) expect(['JKHF', 'GCHF']).toContain(p.BGHZZSXDM);
    }
  });

  it('contains the change kinds the pipeline must recognise, with realistic codes', () => {
    const by = (type: string) => pieces.filter((f) => classify(f.properties) === type).map((f) => f.properties);
    const afterCodes = (type: string) => new Set(by(type).map((p) => p.BGHDLBM));
    const nonAgri = afterCodes('non_agricultural');
    for (const code of ['0702', '0810', '1102', '0601', '1003']) expect(nonAgri, code).toContain(code);
    const nonGrain = [...afterCodes('non_grain_land')];
    for (const prefix of ['02', '03', '04', '1104']) expect(nonGrain.some((c) => String(c).startsWith(prefix)), prefix).toBe(true);
    expect(nonGrain.some((c) => String(c).endsWith('K'))).toBe(true);
    expect([...afterCodes('agricultural_facility')].sort()).toEqual(['1006', '1202']);
    expect([...afterCodes('to_water')].sort()).toEqual(['1101', '1103', '1107']);
    const unused = afterCodes('to_unused');
    expect(unused).toContain('1206');
    expect(unused).toContain('1106');
    expect([...unused].some((c) => ['1204', '1205', '1207'].includes(String(c)))).toBe(true);
    expect(by('non_grain_planting').every((p) => p.BGHZZSXDM === 'FLS')).toBe(true);
    // Gains: some restored (JKHF/GCHF before), some from K-codes, some ineligible (slope class 5, 河道耕地, inside a village).
    const gains = by('gain');
    expect(gains.some((p) => p.BGQZZSXDM === 'JKHF')).toBe(true);
    expect(gains.some((p) => p.BGQZZSXDM === 'GCHF')).toBe(true);
    expect(gains.some((p) => String(p.BGQDLBM).endsWith('K'))).toBe(true);
    expect(gains.some((p) => p.BGHGDPDJB === '5')).toBe(true);
    expect(gains.some((p) => p.BGHTBXHDM === 'HDGD')).toBe(true);
    expect(gains.some((p) => p.BGHCZCSXM === '203')).toBe(true);
    expect(gains.some((p) => p.BGHDLBM === '0101')).toBe(true);
    // 水田 among the converted 耕地; not-detections include forest→forest and construction→construction.
    expect(by('non_agricultural').some((p) => p.BGQDLBM === '0101')).toBe(true);
    const rest = pieces.filter((f) => classify(f.properties) === null).map((f) => f.properties);
    expect(rest.some((p) => String(p.BGQDLBM).startsWith('03') && String(p.BGHDLBM).startsWith('03'))).toBe(true);
    expect(rest.some((p) => p.BGQDLBM === '0702' || p.BGQDLBM === '0701')).toBe(true);
    expect(rest.some((p) => CULTIVATED.includes(p.BGQDLBM as string) && CULTIVATED.includes(p.BGHDLBM as string))).toBe(true);
  });

  it('locates pieces in real villages of the county (12-digit code + 0000000), spread over its townships', () => {
    const divisions = divisionsOf('431102');
    const villages = new Map(divisions.townships.flatMap((t) => t.villages.map((v) => [v.code, v.name] as const)));
    const townships = new Set<string>();
    for (const f of pieces) {
      const code = f.properties.BGHZLDWDM as string;
      expect(code).toMatch(/^431102\d{6}0000000$/);
      const village = code.slice(0, 12);
      expect(villages.has(village), village).toBe(true);
      expect(f.properties.BGHZLDWMC).toBe(shortVillageName(villages.get(village) as string));
      townships.add(code.slice(0, 9));
    }
    expect(townships.size).toBeGreaterThanOrEqual(Math.ceil(divisions.townships.length * 0.8));
  });

  it('has unique ids; BGXW 1 exactly when the parcel id stays the same', () => {
    const bsm = new Set(pieces.map((f) => f.properties.BSM));
    expect(bsm.size).toBe(pieces.length);
    for (const f of pieces) {
      const p = f.properties;
      expect(p.BSM).toMatch(/^431102\d{12}$/);
      expect(p.BGXW === '1').toBe(p.BGQTBBSM === p.BGHTBBSM);
      expect(['1', '2']).toContain(p.BGXW);
    }
  });

  it('gives areas equal to the planar piece area, with 2 decimals', () => {
    for (const [i, f] of pieces.entries()) {
      const p = f.properties;
      expect(Math.round((p.TBBGMJ as number) * 100) / 100).toBe(p.TBBGMJ);
      expect(p.BGQTBDLMJ).toBe(p.TBBGMJ);
      expect(p.BGHTBDLMJ).toBe(p.TBBGMJ);
      if (!invalid.has(i)) expect(Math.abs(multiPolygonArea(f.geometry) - (p.TBBGMJ as number))).toBeLessThan(0.02);
    }
  });

  it('makes valid, irregular pieces: 5–60 vertices, ≈ 20–400 m across, some with holes, some multipolygons', () => {
    let holes = 0;
    let multi = 0;
    const sizes: number[] = [];
    for (const [i, f] of pieces.entries()) {
      if (invalid.has(i)) continue;
      for (const polygon of f.geometry) expect(polygonProblems(polygon), String(f.properties.BSM)).toEqual([]);
      const vertices = f.geometry.flat().reduce((n, ring) => n + ring.length, 0);
      expect(vertices).toBeGreaterThanOrEqual(5);
      expect(vertices).toBeLessThanOrEqual(60);
      const [x0, y0, x1, y1] = bboxOf(f.geometry);
      sizes.push(Math.max(x1 - x0, y1 - y0));
      if (f.geometry.some((polygon) => polygon.length > 1)) holes++;
      if (f.geometry.length > 1) multi++;
    }
    sizes.sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThan(15);
    expect(sizes[Math.floor(sizes.length * 0.01)]).toBeGreaterThanOrEqual(20);
    expect(sizes[sizes.length - 1]).toBeLessThan(450);
    expect(sizes[Math.floor(sizes.length * 0.99)]).toBeLessThanOrEqual(400);
    expect(holes).toBeGreaterThan(20);
    expect(multi).toBeGreaterThan(20);
  });

  it('breaks a few detection pieces on purpose: bow-ties, an unclosed ring, repeated points, exactly one unrepairable', () => {
    const broken = county.expected.invalidGeometries;
    expect(broken).toHaveLength(6);
    expect(broken.filter((b) => b.kind === 'unrepairable')).toHaveLength(1);
    expect(new Set(broken.map((b) => b.kind))).toEqual(new Set(['unrepairable', 'bowtie', 'unclosed', 'repeated']));
    for (const b of broken) {
      const f = pieces[b.index];
      expect(f.properties.BSM).toBe(b.bsm);
      expect(classify(f.properties), b.bsm).not.toBeNull();
      const ring = f.geometry[0][0];
      if (b.kind === 'bowtie') expect(isClosed(ring) && selfCrosses(ring)).toBe(true);
      if (b.kind === 'unclosed') expect(isClosed(ring)).toBe(false);
      if (b.kind === 'repeated') expect(isClosed(ring) && hasRepeatedPoints(ring) && !selfCrosses(ring)).toBe(true);
      if (b.kind === 'unrepairable') expect(distinctPoints(ring)).toBeLessThan(3);
    }
  });
});
