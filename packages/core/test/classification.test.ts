// The 用地用海 (2023) code table, its crosswalk to the 三调 classes the rules are written for, and the choice of
// classification: declared, from S3 metadata, or decided from codes that belong to one table only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ClassificationOptionError,
  classificationFromMetadata,
  landUseCodeTable,
  parseClassificationOption,
  resolveClassification,
  YDYH_VERSION,
  type ClassificationTables,
  type LandUseCodeTable,
} from '../src/codes/index.ts';
import { classifyChange, createRuleSet } from '../src/rules/index.ts';

const sandiao = landUseCodeTable();
const ydyh = landUseCodeTable(YDYH_VERSION);
const ydyhRules = createRuleSet({ surveyYear: 2024 }, ydyh);
const sandiaoRules = createRuleSet({ surveyYear: 2024 }, sandiao);

describe('用地用海 code table', () => {
  it('holds the 24 一级 classes through their codes, 二级 and the 三级 codes the survey records', () => {
    const groups = new Set(ydyh.all().map((c) => c.group));
    expect([...groups].sort()).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(ydyh.get('060102')).toMatchObject({ name: '田间道', parent: '0601', group: '06', groupName: '农业设施建设用地', landClass: 'agricultural' });
    expect(ydyh.get('1101')).toMatchObject({ name: '物流仓储用地', groupName: '仓储用地', landClass: 'construction', cultivated: false });
    expect(ydyh.get('0101')).toMatchObject({ name: '水田', cultivated: true, paddy: true });
    expect(ydyh.get('05H1')).toBeUndefined();
    expect(ydyh.all()).toHaveLength(146);
  });

  // the crosswalk as the land-survey reference gives it for agriculture (三调 → 用地用海), read back through ruleConcept
  it.each([
    ['0101', '0101'], ['0102', '0102'], ['0103', '0103'],
    ['0201', '0201'], ['0202', '0202'], ['0203', '0203'], ['0204', '0205'],
    ['0301', '0301'], ['0302', '0302'], ['0305', '0303'], ['0307', '0304'],
    ['0401', '0401'], ['0403', '0402'], ['0404', '0403'],
    ['0304', '0501'], ['0306', '0502'], ['0402', '0503'], ['1108', '0504'], ['1105', '0505'], ['1106', '0506'], ['0303', '0507'],
    ['1006', '0601'], ['1006', '060101'], ['1006', '060102'],
    ['1202', '0602'], ['1202', '060201'], ['1202', '060202'], ['1202', '060203'],
    ['1101', '1701'], ['1102', '1702'], ['1103', '1703'], ['1104', '1704'], ['1107', '1705'], ['1110', '1706'],
    ['1201', '2301'], ['1208', '2302'], ['1203', '2303'], ['1204', '2304'], ['1205', '2305'], ['1206', '2306'], ['1207', '2307'],
    ['0603', '1003'],
  ])('三调 %s ↔ 用地用海 %s', (sandiaoCode, ydyhCode) => {
    expect(ydyh.ruleConcept(ydyhCode)?.code).toBe(sandiaoCode);
    expect(ydyh.get(ydyhCode)?.landClass).toBe(sandiao.get(sandiaoCode)?.landClass);
  });
});

describe('the rules read 用地用海 codes through the crosswalk (the misreadings of the issue)', () => {
  const piece = (beforeCode: string, afterCode: string) => ({ beforeCode, afterCode, beforePlanting: '', afterPlanting: '' });
  it('0101 → 1101 is 物流仓储 (construction), not natural flooding', () => {
    expect(classifyChange(piece('0101', '1101'), ydyhRules)?.changeType).toBe('non_agricultural');
    expect(classifyChange(piece('0101', '1101'), sandiaoRules)?.changeType).toBe('to_water');
  });
  it('0103 → 1202 is 公路 (construction), not an agricultural facility', () => {
    expect(classifyChange(piece('0103', '1202'), ydyhRules)?.changeType).toBe('non_agricultural');
    expect(classifyChange(piece('0103', '1202'), sandiaoRules)?.changeType).toBe('agricultural_facility');
  });
  it('0101 → 060202 (畜禽养殖设施) is an agricultural facility; 0101 → 1704 a fish pond; 0703 rural homestead', () => {
    expect(classifyChange(piece('0101', '060202'), ydyhRules)).toMatchObject({ changeType: 'agricultural_facility', tags: ['facility-agricultural', 'balance-out', 'paddy-loss'] });
    expect(classifyChange(piece('0102', '1704'), ydyhRules)?.tags).toEqual(['fish-pond', 'balance-out']);
    expect(classifyChange(piece('0102', '070301'), ydyhRules)?.tags).toEqual(['rural-homestead']);
  });
});

describe('classification option and S3 metadata', () => {
  it('parses the option (case-insensitive; empty = auto) and rejects anything else naming its source', () => {
    expect(parseClassificationOption('YDYH', '--classification')).toBe('ydyh');
    expect(parseClassificationOption(undefined, '--classification')).toBe('auto');
    expect(() => parseClassificationOption('gbt21010', '--classification')).toThrow(
      new ClassificationOptionError('gbt21010', '--classification'),
    );
  });
  it('reads landwatch-classification from user metadata in any case', () => {
    expect(classificationFromMetadata({ 'landwatch-classification': 'sandiao' })).toBe('sandiao');
    expect(classificationFromMetadata({ 'Landwatch-Classification': 'ydyh' })).toBe('ydyh');
    expect(classificationFromMetadata({})).toBe('auto');
    expect(classificationFromMetadata(undefined)).toBe('auto');
  });
});

describe('auto: evidence from codes that exist in only one table', () => {
  it('a 用地用海-only code (1701) decides ydyh; a 三调-only code (05H1, 0201K) decides sandiao', () => {
    expect(resolveClassification('auto', ['0101', '1701', '1101'], 'u.fgb')).toMatchObject({ ok: true, classification: 'ydyh' });
    expect(resolveClassification('auto', ['0101', '05H1', '1101'], 'u.fgb')).toMatchObject({ ok: true, classification: 'sandiao' });
    expect(resolveClassification('auto', ['0101', '0201k'], 'u.fgb')).toMatchObject({ ok: true, classification: 'sandiao' });
  });
  it('codes that mean the same in both tables need no decision: 三调 is read', () => {
    expect(resolveClassification('auto', ['0101', '0102', '0201'], 'u.fgb')).toMatchObject({ ok: true, classification: 'sandiao' });
  });
  it('only colliding codes: rejected, naming the codes, both meanings and the option to set', () => {
    expect(resolveClassification('auto', ['0101', '1101', '0103', '1202', '0601'], 'u.fgb')).toEqual({
      ok: false,
      reasons: [
        'u.fgb: cannot tell the classification: the land-use codes 0601 (工业用地 / 农村道路), 1101 (河流水面 / 物流仓储用地), 1202 (设施农用地 / 公路用地) are valid in both 三调工作分类 and 用地用海分类 with different meanings, and no code belongs to only one of them; set --classification sandiao or --classification ydyh (for an upload: S3 user metadata landwatch-classification)',
      ],
    });
  });
  it('codes of both tables at once: rejected, listing each side', () => {
    expect(resolveClassification('auto', ['05H1', '1701', '0101'], 'u.fgb')).toEqual({
      ok: false,
      reasons: [
        'u.fgb: land-use codes of both classifications: only in 三调工作分类 05H1; only in 用地用海分类 1701; set --classification sandiao or --classification ydyh (for an upload: S3 user metadata landwatch-classification)',
      ],
    });
  });
  it('a declared classification is used without looking at the codes', () => {
    expect(resolveClassification('ydyh', ['05H1'], 'u.fgb')).toMatchObject({ ok: true, classification: 'ydyh' });
  });
});

/** A table that records every per-code lookup made on it. */
function watched(table: LandUseCodeTable, log: string[]): LandUseCodeTable {
  return {
    version: table.version,
    all: () => table.all(),
    get: (code) => (log.push(`${table.version} ${code}`), table.get(code)),
    ruleConcept: (code) => (log.push(`${table.version} ${code}`), table.ruleConcept(code)),
  };
}

describe('property: a code is only ever looked up in the table the run declared or detected', () => {
  const union = [...new Set([...sandiao.all(), ...ydyh.all()].map((c) => c.code))];
  it('holds for any upload and any option', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...union), fc.constantFrom(...union)), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('sandiao' as const, 'ydyh' as const, 'auto' as const),
        (pairs, option) => {
          const log: string[] = [];
          const tables: ClassificationTables = { sandiao: watched(sandiao, log), ydyh: watched(ydyh, log) };
          const decision = resolveClassification(option, pairs.flat(), 'u.fgb', tables);
          expect(log).toEqual([]); // deciding reads the tables' code lists, never one code
          if (!decision.ok) return;
          if (option !== 'auto') expect(decision.classification).toBe(option);
          const rules = createRuleSet({ surveyYear: 2024 }, decision.table);
          for (const [before, after] of pairs) {
            if (decision.table.get(before) === undefined || decision.table.get(after) === undefined) continue; // validation rejects these
            classifyChange({ beforeCode: before, afterCode: after, beforePlanting: '', afterPlanting: '' }, rules);
          }
          const version = decision.table.version;
          for (const entry of log) expect(entry.startsWith(`${version} `)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
