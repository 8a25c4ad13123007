import { describe, expect, it } from 'vitest';
import { UnknownLandUseCodeError, landUseCodeTable } from '../src/codes/index.ts';
import {
  DECISION_TABLE,
  PROTECTION_EFFECTS,
  RULES,
  RuleInputError,
  RuleSetConfigError,
  TAGS,
  UnknownRuleError,
  assessDetection,
  classifyChange,
  coverageOf,
  createRuleSet,
  isSignificant,
  ruleById,
  type Classification,
} from '../src/rules/index.ts';
import { applySeverityEffect } from '../src/rules/severity.ts';
import { CHANGE_TYPES, PROTECTION_KINDS } from '../src/types.ts';

const rules2023 = createRuleSet({ surveyYear: 2023 });
const table = landUseCodeTable();
const codes = table.all().map((c) => c.code);
const cultivated = ['0101', '0102', '0103'];

describe('RULES', () => {
  it('has unique ids, a 中文 title, a citation and a summary for every rule', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.title).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.citation.length).toBeGreaterThan(5);
      expect(rule.summary.length).toBeGreaterThan(5);
    }
  });

  it('keeps the document numbers of the national rules', () => {
    expect(ruleById('in-out-balance').citation).toContain('自然资发〔2021〕166号');
    expect(ruleById('permanent-farmland-four-prohibitions').citation).toContain('自然资发〔2021〕166号');
    expect(ruleById('five-shall-nots').citation).toContain('自然资发〔2021〕166号');
    expect(ruleById('six-prohibitions-nonagri').citation).toContain('国办发明电〔2020〕24号');
    expect(ruleById('grain-priority').citation).toContain('国办发〔2020〕44号');
    expect(ruleById('unified-occupation-compensation').citation).toContain('中办发〔2024〕13号');
    expect(ruleById('eight-prohibitions-housing').citation).toContain('自然资发〔2020〕127号');
  });

  it('names no rule with the pbf- prefix (it reads as the protobuf package)', () => {
    expect(RULES.filter((r) => r.id.startsWith('pbf')).map((r) => r.id)).toEqual([]);
    expect(DECISION_TABLE.filter((r) => r.id.startsWith('pbf')).map((r) => r.id)).toEqual([]);
  });

  it('cites legal documents only: no internal notes in citations users receive', () => {
    for (const rule of RULES) expect(rule.citation, rule.id).not.toMatch(/DOMAIN|DESIGN|§|S-LL|未核实|unverified/);
  });

  it('ruleById throws UnknownRuleError for unknown ids', () => {
    expect(() => ruleById('no-such-rule')).toThrow(UnknownRuleError);
  });

  it('defines every rule id the decision table and the classifier can emit', () => {
    for (const row of DECISION_TABLE) for (const id of row.ruleIds ?? []) expect(() => ruleById(id)).not.toThrow();
    for (const rules of [rules2023, createRuleSet({ surveyYear: 2025 })]) {
      for (const before of codes) {
        for (const after of codes) {
          const c = classifyChange({ beforeCode: before, afterCode: after }, rules);
          for (const id of c?.ruleIds ?? []) expect(() => ruleById(id), id).not.toThrow();
          for (const tag of c?.tags ?? []) expect(Object.keys(TAGS)).toContain(tag);
        }
      }
    }
  });
});

describe('createRuleSet', () => {
  it('fills defaults and derives the balance regime from the survey year', () => {
    expect(rules2023.config).toEqual({
      surveyYear: 2023,
      treat1208AsCultivated: false,
      settlementAVariantsCountAsSettlement: false,
      balanceRegime: 'in-out-balance',
      overlapMinM2: 1,
      overlapMinShare: 0.01,
    });
    expect(createRuleSet({ surveyYear: 2024 }).config.balanceRegime).toBe('in-out-balance');
    expect(createRuleSet({ surveyYear: 2025 }).config.balanceRegime).toBe('unified-occupation-compensation');
    expect(createRuleSet({ surveyYear: 2025, balanceRegime: 'in-out-balance' }).config.balanceRegime).toBe('in-out-balance');
    expect(rules2023.version).toBe(`2026.2/${table.version}`);
    expect(createRuleSet({ surveyYear: 2023 }, landUseCodeTable('tdt1055-2019')).version).toBe('2026.2/tdt1055-2019');
    expect(Object.isFrozen(rules2023.config)).toBe(true);
  });

  it('rejects bad values', () => {
    expect(() => createRuleSet({ surveyYear: 23 })).toThrow(RuleSetConfigError);
    expect(() => createRuleSet({ surveyYear: 2023.5 })).toThrow(RuleSetConfigError);
    expect(() => createRuleSet({ surveyYear: 2023, balanceRegime: 'x' as never })).toThrow(RuleSetConfigError);
    expect(() => createRuleSet({ surveyYear: 2023, overlapMinShare: 1 })).toThrow(RuleSetConfigError);
    expect(() => createRuleSet({ surveyYear: 2023, overlapMinM2: -1 })).toThrow(RuleSetConfigError);
    expect(() => createRuleSet({ surveyYear: 2023, treat1208AsCultivated: 'yes' as never })).toThrow(RuleSetConfigError);
  });
});

describe('classifyChange over the whole code table (docs/RULES.md "Change types")', () => {
  it('耕地 → every non-耕地 code is a detection of the type its 三大类 / code list says', () => {
    for (const after of table.all()) {
      if (after.cultivated) continue;
      const c = classifyChange({ beforeCode: '0102', afterCode: after.code }, rules2023)!;
      expect(c, after.code).not.toBeNull();
      const base = after.parent ?? after.code;
      const expected =
        after.landClass === 'construction'
          ? 'non_agricultural'
          : ['1202', '1006'].includes(base)
            ? 'agricultural_facility'
            : ['1101', '1102', '1103', '1107'].includes(base)
              ? 'to_water'
              : ['1105', '1106', '1108', '1204', '1205', '1206', '1207', '1110'].includes(base)
                ? 'to_unused'
                : 'non_grain_land';
      expect(c.changeType, after.code).toBe(expected);
      // 转出 of the 进出平衡 ledger: 耕地流出 to other 农用地 (incl. 0404 其他草地), 农业设施建设用地, and water targets
      // that are 农用地 (1103, 1107); the 湿地 1105/1106/1108 are 未利用地 and, like 1101/1102, not counted.
      const out =
        expected === 'non_grain_land' ||
        expected === 'agricultural_facility' ||
        (expected === 'to_water' && after.landClass === 'agricultural');
      expect(c.tags.includes('balance-out'), after.code).toBe(out);
    }
  });

  it('every non-耕地 → 耕地 is a gain; non-耕地 → non-耕地 is a detection only for restorable land', () => {
    for (const before of codes) {
      for (const after of codes) {
        const c = classifyChange({ beforeCode: before, afterCode: after }, rules2023);
        const b = cultivated.includes(before);
        const a = cultivated.includes(after);
        const restorable = before.endsWith('K') || before === '1208';
        if (!b && !a && !restorable) expect(c, `${before}→${after}`).toBeNull();
        if (!b && !a && restorable && c !== null) expect(c.changeType, `${before}→${after}`).toBe('restorable_loss');
        if (!b && a) expect(c?.changeType, `${before}→${after}`).toBe('gain');
        // no planting attributes given: only 水改旱 is a detection, 旱改水 feeds the ledger only
        const expected = before === '0101' && after !== '0101' ? 'paddy_to_dry' : after === '0101' && before !== '0101' ? 'dry_to_paddy' : null;
        if (b && a) expect(c?.changeType ?? null, `${before}→${after}`).toBe(expected);
      }
    }
  });

  it('paddy loss / gain follow 0101 only', () => {
    const f = (b: string, a: string, bp?: string, ap?: string) =>
      classifyChange({ beforeCode: b, afterCode: a, beforePlanting: bp, afterPlanting: ap }, rules2023)!;
    expect(f('0101', '0201')).toMatchObject({ paddyLoss: true, paddyGain: false });
    expect(f('0102', '0201')).toMatchObject({ paddyLoss: false, paddyGain: false });
    expect(f('1104', '0101')).toMatchObject({ paddyLoss: false, paddyGain: true });
    expect(f('0101', '0102', 'LS', 'FLS')).toMatchObject({ changeType: 'paddy_to_dry', paddyLoss: true, tags: ['paddy-to-dry', 'paddy-loss'] });
    expect(f('0103', '0101', 'LS', 'WG')).toMatchObject({ changeType: 'abandoned', paddyGain: true });
  });

  it('treat1208AsCultivated moves 1208 into 耕地', () => {
    const as耕地 = createRuleSet({ surveyYear: 2023, treat1208AsCultivated: true });
    expect(classifyChange({ beforeCode: '1208', afterCode: '0101' }, as耕地)).toBeNull();
    expect(classifyChange({ beforeCode: '1208', afterCode: '0601' }, as耕地)?.changeType).toBe('non_agricultural');
    expect(classifyChange({ beforeCode: '1208', afterCode: '0601' }, rules2023)?.changeType).toBe('restorable_loss');
    expect(classifyChange({ beforeCode: '1208', afterCode: '1208', afterPlanting: 'WG' }, as耕地)?.changeType).toBe('abandoned');
  });

  it('throws UnknownLandUseCodeError naming the field', () => {
    expect(() => classifyChange({ beforeCode: '0101', afterCode: '2302' }, rules2023)).toThrow(UnknownLandUseCodeError);
    try {
      classifyChange({ beforeCode: '', afterCode: '0101' }, rules2023);
    } catch (err) {
      expect(err).toMatchObject({ code: '', field: 'beforeCode', tableVersion: table.version });
    }
    const old = createRuleSet({ surveyYear: 2023 }, landUseCodeTable('tdt1055-2019'));
    expect(() => classifyChange({ beforeCode: '0101', afterCode: '1208' }, old)).toThrow(/1208.*tdt1055-2019/);
  });
});

describe('overlap coverage (≥ 1 m², and ≥ 1 % of the piece only below 200 m²)', () => {
  it('classifies none / partial / full', () => {
    expect(coverageOf(0, 1000, rules2023)).toBe('none');
    expect(coverageOf(0.99, 50, rules2023)).toBe('none'); // 2 % but < 1 m²
    expect(coverageOf(99, 10_000, rules2023)).toBe('none'); // ≥ 1 m² but 0.99 % (and < 200 m²)
    expect(coverageOf(199, 100_000, rules2023)).toBe('none'); // 0.2 %, < 200 m²
    expect(coverageOf(200, 100_000, rules2023)).toBe('partial'); // 0.2 %, but the smallest mapped parcel
    expect(coverageOf(9_000, 1_000_000, rules2023)).toBe('partial'); // 0.9 % of 1 km²: real
    expect(coverageOf(0.5, 1_000_000, rules2023)).toBe('none'); // a 0.5 m² sliver
    expect(coverageOf(100, 10_000, rules2023)).toBe('partial');
    expect(coverageOf(9_900, 10_000, rules2023)).toBe('partial'); // remainder 100 m² = 1 %
    expect(coverageOf(9_901, 10_000, rules2023)).toBe('full'); // remainder 0.99 % (< 200 m²)
    expect(coverageOf(999_000, 1_000_000, rules2023)).toBe('partial'); // remainder 0.1 % but 1 000 m²
    expect(coverageOf(999.5, 1000, rules2023)).toBe('full'); // remainder 0.5 m²
    expect(coverageOf(1200, 1000, rules2023)).toBe('full'); // clipping noise is clamped
    expect(coverageOf(5, 0, rules2023)).toBe('none');
    expect(isSignificant(1, 100, rules2023)).toBe(true);
  });

  it('honours configured thresholds', () => {
    const strict = createRuleSet({ surveyYear: 2023, overlapMinM2: 10, overlapMinShare: 0 });
    expect(coverageOf(9, 10_000, strict)).toBe('none');
    expect(coverageOf(10, 10_000, strict)).toBe('partial');
  });
});

describe('severity effects', () => {
  it('set / atLeast / atMost / lower with a floor', () => {
    expect(applySeverityEffect('low', { set: 'high' })).toBe('high');
    expect(applySeverityEffect('medium', { atLeast: 'critical' })).toBe('critical');
    expect(applySeverityEffect('critical', { atLeast: 'high' })).toBe('critical');
    expect(applySeverityEffect('critical', { atMost: 'low' })).toBe('low');
    expect(applySeverityEffect('info', { atMost: 'low' })).toBe('info');
    expect(applySeverityEffect('critical', { lower: 1, floor: 'medium' })).toBe('high');
    expect(applySeverityEffect('high', { lower: 2, floor: 'medium' })).toBe('medium');
    expect(applySeverityEffect('low', { lower: 1, floor: 'medium' })).toBe('low'); // never raises
  });
});

describe('decision table', () => {
  it('has unique ids and a base row for every change type (the last base row per type has no tag condition)', () => {
    expect(new Set(DECISION_TABLE.map((r) => r.id)).size).toBe(DECISION_TABLE.length);
    for (const type of [...CHANGE_TYPES, 'dry_to_paddy' as const]) {
      const bases = DECISION_TABLE.filter((r) => r.phase === 'base' && r.when.changeTypes.includes(type));
      expect(bases.length, type).toBeGreaterThan(0);
      const last = bases[bases.length - 1];
      expect(last.when.anyTag ?? last.when.overlaps ?? last.when.eligible, type).toBeUndefined();
    }
  });

  it('is frozen data', () => {
    expect(Object.isFrozen(DECISION_TABLE)).toBe(true);
    expect(Object.isFrozen(DECISION_TABLE[0].when)).toBe(true);
  });

  it('永久基本农田 escalation never lowers, and no overlap ever changes a gain from info', () => {
    const everything = Object.fromEntries(PROTECTION_KINDS.map((k) => [k, 1000]));
    for (const before of ['0101', '0201']) {
      for (const after of codes) {
        const c = classifyChange({ beforeCode: before, afterCode: after }, rules2023);
        if (c === null) continue;
        const plain = assessDetection(c, { areaM2: 1000, overlapsM2: {} }, rules2023);
        const pbf = assessDetection(c, { areaM2: 1000, overlapsM2: { 'permanent-farmland': 1000 } }, rules2023);
        const rank = ['info', 'low', 'medium', 'high', 'critical'];
        expect(rank.indexOf(pbf.severity)).toBeGreaterThanOrEqual(rank.indexOf(plain.severity));
        if (c.changeType === 'gain') {
          expect(assessDetection(c, { areaM2: 1000, overlapsM2: everything }, rules2023).severity).toBe('info');
        }
      }
    }
  });

  it('rejects bad assessment input', () => {
    const c: Classification = classifyChange({ beforeCode: '0101', afterCode: '0601' }, rules2023)!;
    expect(() => assessDetection(c, { areaM2: -1, overlapsM2: {} }, rules2023)).toThrow(RuleInputError);
    expect(() => assessDetection(c, { areaM2: Number.NaN, overlapsM2: {} }, rules2023)).toThrow(RuleInputError);
    expect(() => assessDetection(c, { areaM2: 10, overlapsM2: { pbf: 5 } as never }, rules2023)).toThrow(/protection kind/);
    expect(() => assessDetection(c, { areaM2: 10, overlapsM2: { 'approved-state-council': 5 } }, rules2023)).not.toThrow();
    expect(() =>
      assessDetection(c, { areaM2: 10, overlapsM2: { 'permanent-farmland': -5 } }, rules2023),
    ).toThrow(RuleInputError);
  });

  it('says {balance} by regime', () => {
    const input = { beforeCode: '0102', afterCode: '0201' };
    const old = assessDetection(classifyChange(input, rules2023)!, { areaM2: 10, overlapsM2: {} }, rules2023);
    const rules2025 = createRuleSet({ surveyYear: 2025 });
    const now = assessDetection(classifyChange(input, rules2025)!, { areaM2: 10, overlapsM2: {} }, rules2025);
    expect(old.reasons[0]).toContain('进出平衡');
    expect(now.reasons[0]).toContain('占补平衡');
    expect(now.ruleIds).toContain('unified-occupation-compensation');
    expect(now.ruleIds).not.toContain('in-out-balance');
  });
});

describe('PROTECTION_EFFECTS', () => {
  it('describes every protection kind', () => {
    expect(Object.keys(PROTECTION_EFFECTS).sort()).toEqual([...PROTECTION_KINDS].sort());
    for (const kind of PROTECTION_KINDS) expect(PROTECTION_EFFECTS[kind].label).toMatch(/[\u4e00-\u9fff]/);
  });
});
