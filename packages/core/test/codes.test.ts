import { describe, expect, it } from 'vitest';
import {
  CURRENT_LAND_USE_CODE_VERSION,
  LAND_USE_CODE_VERSIONS,
  LEGACY_PLANTING_CODES,
  PLANTING_CODES,
  REFINEMENT_CODES,
  SETTLEMENT_CODES,
  SLOPE_CLASSES,
  UnknownCodeTableVersionError,
  landUseCodeTable,
  normalizeAttributeCode,
  normalizeLandUseCode,
  tallyUnknownCodes,
} from '../src/codes/index.ts';

// docs/LAND-SURVEY.md (Land-use codes), typed in again by hand: code 名称 一级 三大类(农/建/未).
const MAIN_TABLE = `
0303 红树林地 00 农|0304 森林沼泽 00 农|0306 灌丛沼泽 00 农|0402 沼泽草地 00 农|0603 盐田 00 建|1105 沿海滩涂 00 未
1106 内陆滩涂 00 未|1108 沼泽地 00 未|0101 水田 01 农|0102 水浇地 01 农|0103 旱地 01 农|0201 果园 02 农|0202 茶园 02 农
0203 橡胶园 02 农|0204 其他园地 02 农|0301 乔木林地 03 农|0302 竹林地 03 农|0305 灌木林地 03 农|0307 其他林地 03 农
0401 天然牧草地 04 农|0403 人工牧草地 04 农|0404 其他草地 04 未|05H1 商业服务业设施用地 05 建|0508 物流仓储用地 05 建
0601 工业用地 06 建|0602 采矿用地 06 建|0701 城镇住宅用地 07 建|0702 农村宅基地 07 建|08H1 机关团体新闻出版用地 08 建
08H2 科教文卫用地 08 建|0809 公用设施用地 08 建|0810 公园与绿地 08 建|09 特殊用地 09 建|1001 铁路用地 10 建
1002 轨道交通用地 10 建|1003 公路用地 10 建|1004 城镇村道路用地 10 建|1005 交通服务场站用地 10 建|1006 农村道路 10 农
1007 机场用地 10 建|1008 港口码头用地 10 建|1009 管道运输用地 10 建|1101 河流水面 11 未|1102 湖泊水面 11 未
1103 水库水面 11 农|1104 坑塘水面 11 农|1107 沟渠 11 农|1109 水工建筑用地 11 建|1110 冰川及永久积雪 11 未
1201 空闲地 12 建|1202 设施农用地 12 农|1203 田坎 12 农|1204 盐碱地 12 未|1205 沙地 12 未|1206 裸土地 12 未
1207 裸岩石砾地 12 未`;
// docs/LAND-SURVEY.md (Land-use codes): code 名称 parent.
const SUFFIXED_TABLE = `08H2A 高教用地 08H2|0810A 广场用地 0810|1104A 养殖坑塘 1104|1107A 干渠 1107|0201K 可调整果园 0201
|0202K 可调整茶园 0202|0203K 可调整橡胶园 0203|0204K 可调整其他园地 0204|0301K 可调整乔木林地 0301|0302K 可调整竹林地 0302
|0307K 可调整其他林地 0307|0403K 可调整人工牧草地 0403|1104K 可调整养殖坑塘 1104`;
const CLASS = { 农: 'agricultural', 建: 'construction', 未: 'unused' } as const;

const rows = (text: string) =>
  text
    .split(/[|\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split(' '));

describe('land-use code table', () => {
  const table = landUseCodeTable();

  it('defaults to the current version; unknown versions throw', () => {
    expect(table.version).toBe(CURRENT_LAND_USE_CODE_VERSION);
    expect(LAND_USE_CODE_VERSIONS).toEqual(['tdt1055-2019', 'tdt1055-2019+2025', 'ydyh-2023']);
    expect(landUseCodeTable('tdt1055-2019+2025')).toBe(table);
    expect(() => landUseCodeTable('gbt21010-2007')).toThrow(UnknownCodeTableVersionError);
    expect(() => landUseCodeTable('toString')).toThrow(UnknownCodeTableVersionError);
  });

  it.each(rows(MAIN_TABLE))('§1.1 %s %s round-trips with group %s and 三大类 %s', (code, name, group, cls) => {
    for (const raw of [code, code.toLowerCase(), ` ${code}\t`]) {
      const entry = table.get(normalizeLandUseCode(raw));
      expect(entry).toMatchObject({ code, name, group, landClass: CLASS[cls as keyof typeof CLASS], status: 'confirmed' });
      expect(entry?.parent).toBeUndefined();
    }
  });

  it.each(rows(SUFFIXED_TABLE))('§1.2 %s %s maps to its parent %s', (code, name, parent) => {
    const entry = table.get(code)!;
    const parentEntry = table.get(parent)!;
    expect(entry).toMatchObject({ code, name, parent, suffix: code.slice(-1) });
    expect(entry.landClass).toBe(parentEntry.landClass);
    expect(entry.group).toBe(parentEntry.group);
    expect(entry.cultivated).toBe(false);
    expect(entry.status).toBe(entry.suffix === 'K' ? 'single-source' : 'confirmed');
  });

  it('holds exactly §1.1 + §1.2 + 1208, nothing else', () => {
    const expected = [...rows(MAIN_TABLE), ...rows(SUFFIXED_TABLE)].map((r) => r[0]);
    expect(table.all().map((c) => c.code).sort()).toEqual([...expected, '1208'].sort());
    expect(landUseCodeTable('tdt1055-2019').all().map((c) => c.code).sort()).toEqual(expected.sort());
  });

  it('keeps 1208 后备耕地 as uncertain, not 耕地, only in the +2025 version', () => {
    expect(table.get('1208')).toMatchObject({ name: '后备耕地', group: '12', status: 'uncertain', cultivated: false, paddy: false });
    expect(landUseCodeTable('tdt1055-2019').get('1208')).toBeUndefined();
  });

  it('flags 耕地 = 0101–0103 and 水田 = 0101 only', () => {
    expect(table.all().filter((c) => c.cultivated).map((c) => c.code)).toEqual(['0101', '0102', '0103']);
    expect(table.all().filter((c) => c.paddy).map((c) => c.code)).toEqual(['0101']);
  });

  it('names every group; 00 湿地 is the overlay group of eight wetland classes', () => {
    for (const c of table.all()) expect(c.groupName).toBeTruthy();
    expect(table.all().filter((c) => c.group === '00').map((c) => c.code)).toEqual(
      ['0303', '0304', '0306', '0402', '0603', '1105', '1106', '1108'],
    );
    expect(table.get('0101')?.groupName).toBe('耕地');
    expect(table.get('1104K')?.groupName).toBe('水域及水利设施用地');
  });

  it('agrees with the 建设用地 regex of docs/LAND-SURVEY.md (Land-use codes)', () => {
    const re = /^(05|06|07|08|09|100[1-5]|100[7-9]|1109|1201)/;
    for (const c of table.all()) {
      expect(re.test(c.code), c.code).toBe(c.landClass === 'construction');
    }
  });

  it('is read-only', () => {
    expect(Object.isFrozen(table.all())).toBe(true);
    expect(Object.isFrozen(table.get('0101'))).toBe(true);
  });
});

describe('normalizeLandUseCode / tallyUnknownCodes', () => {
  it('trims and upper-cases, guesses nothing', () => {
    expect(normalizeLandUseCode(' 05h1 ')).toBe('05H1');
    expect(normalizeLandUseCode('0201k')).toBe('0201K');
    expect(normalizeLandUseCode(1101)).toBe('1101');
    expect(normalizeLandUseCode(101)).toBe('101');
    expect(normalizeLandUseCode(null)).toBe('');
    expect(normalizeLandUseCode(undefined)).toBe('');
    expect(normalizeLandUseCode('\u30000102\u3000')).toBe('0102'); // ideographic spaces
  });

  it('counts unknown codes by normalised value, most frequent first', () => {
    const table = landUseCodeTable();
    const tally = tallyUnknownCodes(['0101', '101', ' 101', 'xx', '', '05h1', '2302', '2302', '2302', '101'], table);
    expect([...tally]).toEqual([
      ['101', 3],
      ['2302', 3],
      ['', 1],
      ['XX', 1],
    ]);
    expect(tallyUnknownCodes(['1208'], landUseCodeTable('tdt1055-2019')).get('1208')).toBe(1);
    expect(tallyUnknownCodes(['1208'], table).size).toBe(0);
  });

  it('works on attribute lists too', () => {
    expect([...tallyUnknownCodes(['LS', 'GZ', 'fls', 'ZZ'], PLANTING_CODES)]).toEqual([
      ['GZ', 1],
      ['ZZ', 1],
    ]);
  });
});

describe('attribute code lists', () => {
  it('ZZSXDM: six 耕地 values and two 恢复属性 values; removed codes are kept apart', () => {
    expect(PLANTING_CODES.field).toBe('ZZSXDM');
    expect(PLANTING_CODES.all().filter((c) => c.onCultivated).map((c) => c.code)).toEqual(['LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG']);
    expect(PLANTING_CODES.all().filter((c) => c.restorable).map((c) => c.code)).toEqual(['JKHF', 'GCHF']);
    expect(PLANTING_CODES.get('FLS')?.name).toBe('种植非粮食作物');
    for (const legacy of LEGACY_PLANTING_CODES.all()) expect(PLANTING_CODES.get(legacy.code)).toBeUndefined();
    expect(LEGACY_PLANTING_CODES.all().map((c) => c.code)).toEqual(['GZ', 'YM', 'LM', 'LH', 'MC', 'KT', 'GSYY', 'SSLM']);
  });

  it('TBXHDM: the six unstable 耕地 refinements', () => {
    expect(REFINEMENT_CODES.all().filter((c) => c.unstableCultivated).map((c) => c.code)).toEqual(
      ['HDGD', 'HQGD', 'LQGD', 'MQGD', 'SHGD', 'SMGD'],
    );
    expect(REFINEMENT_CODES.get('YJGD')?.status).toBe('uncertain');
    expect(REFINEMENT_CODES.all()).toHaveLength(17);
  });

  it('GDPDJB: five contiguous bins, class 5 is > 25°', () => {
    const classes = SLOPE_CLASSES.all();
    expect(classes.map((c) => c.code)).toEqual(['1', '2', '3', '4', '5']);
    for (let i = 1; i < classes.length; i++) expect(classes[i].minDeg).toBe(classes[i - 1].maxDeg);
    expect(SLOPE_CLASSES.get('5')).toMatchObject({ minDeg: 25, maxDeg: null });
    expect(SLOPE_CLASSES.get('05')).toBeUndefined();
  });

  it('CZCSXM: 201/202/203 are 城镇村庄范围, A-variants are stand-alone industrial land', () => {
    expect(SETTLEMENT_CODES.all().map((c) => `${c.code} ${c.name}`)).toEqual([
      '201 城市',
      '201A 城市独立工业用地',
      '202 建制镇',
      '202A 建制镇独立工业用地',
      '203 村庄',
      '203A 村庄独立工业用地',
      '204 盐田及采矿用地',
      '205 特殊用地',
    ]);
    expect(SETTLEMENT_CODES.all().filter((c) => c.settlement).map((c) => c.code)).toEqual(['201', '202', '203']);
    expect(SETTLEMENT_CODES.all().filter((c) => c.standaloneIndustrial).map((c) => c.code)).toEqual(['201A', '202A', '203A']);
  });

  it('normalizeAttributeCode: blank is absent, nothing else guessed', () => {
    expect(normalizeAttributeCode(' fls ')).toBe('FLS');
    expect(normalizeAttributeCode('')).toBeUndefined();
    expect(normalizeAttributeCode('  ')).toBeUndefined();
    expect(normalizeAttributeCode(null)).toBeUndefined();
    expect(normalizeAttributeCode(5)).toBe('5');
    expect(normalizeAttributeCode('203a')).toBe('203A');
  });
});
