// The land-use code tables as data, one array per source table, transcribed literally from docs/LAND-SURVEY.md (Land-use codes)
// (TD/T 1055-2019 附录A 表A.2/A.4 工作分类 with 三大类, plus the suffixed codes found in real 三调/变更 data).
// Versions are assembled from these arrays in land-use-code-table.ts; never edit a published version's rows.

import type { LandClass } from '../types.ts';

/** How well a code (or its meaning) is attested: the land-survey reference's status tags. */
export type CodeStatus = 'confirmed' | 'single-source' | 'uncertain';

/** 一级类 (group) names of the 工作分类. '00' 湿地 is an overlay group: its classes keep their 03/04/06/11 codes. */
export const GROUP_NAMES: Readonly<Record<string, string>> = {
  '00': '湿地',
  '01': '耕地',
  '02': '种植园用地',
  '03': '林地',
  '04': '草地',
  '05': '商业服务业用地',
  '06': '工矿用地',
  '07': '住宅用地',
  '08': '公共管理与公共服务用地',
  '09': '特殊用地',
  '10': '交通运输用地',
  '11': '水域及水利设施用地',
  '12': '其他土地',
};

/** One row of a source table. */
export interface LandUseCodeRow {
  /** DLBM, e.g. '0101', '05H1', '0201K'. */
  code: string;
  /** 名称 as in the standard. */
  name: string;
  /** 一级类 code, '00'…'12'. */
  group: string;
  /** 三大类. */
  landClass: LandClass;
  /** For suffixed codes: the code they are statistically part of. */
  parent?: string;
  /** Suffix letter of a suffixed code. */
  suffix?: 'K' | 'A';
  /** the land-survey reference's status of the row. */
  status: CodeStatus;
}

const A: LandClass = 'agricultural';
const C: LandClass = 'construction';
const U: LandClass = 'unused';

/** [code, name, group, 三大类] — docs/LAND-SURVEY.md (Land-use codes), all [confirmed]. */
const MAIN: readonly [string, string, string, LandClass][] = [
  ['0303', '红树林地', '00', A],
  ['0304', '森林沼泽', '00', A],
  ['0306', '灌丛沼泽', '00', A],
  ['0402', '沼泽草地', '00', A],
  ['0603', '盐田', '00', C],
  ['1105', '沿海滩涂', '00', U],
  ['1106', '内陆滩涂', '00', U],
  ['1108', '沼泽地', '00', U],
  ['0101', '水田', '01', A],
  ['0102', '水浇地', '01', A],
  ['0103', '旱地', '01', A],
  ['0201', '果园', '02', A],
  ['0202', '茶园', '02', A],
  ['0203', '橡胶园', '02', A],
  ['0204', '其他园地', '02', A],
  ['0301', '乔木林地', '03', A],
  ['0302', '竹林地', '03', A],
  ['0305', '灌木林地', '03', A],
  ['0307', '其他林地', '03', A],
  ['0401', '天然牧草地', '04', A],
  ['0403', '人工牧草地', '04', A],
  ['0404', '其他草地', '04', U],
  ['05H1', '商业服务业设施用地', '05', C],
  ['0508', '物流仓储用地', '05', C],
  ['0601', '工业用地', '06', C],
  ['0602', '采矿用地', '06', C],
  ['0701', '城镇住宅用地', '07', C],
  ['0702', '农村宅基地', '07', C],
  ['08H1', '机关团体新闻出版用地', '08', C],
  ['08H2', '科教文卫用地', '08', C],
  ['0809', '公用设施用地', '08', C],
  ['0810', '公园与绿地', '08', C],
  ['09', '特殊用地', '09', C],
  ['1001', '铁路用地', '10', C],
  ['1002', '轨道交通用地', '10', C],
  ['1003', '公路用地', '10', C],
  ['1004', '城镇村道路用地', '10', C],
  ['1005', '交通服务场站用地', '10', C],
  ['1006', '农村道路', '10', A],
  ['1007', '机场用地', '10', C],
  ['1008', '港口码头用地', '10', C],
  ['1009', '管道运输用地', '10', C],
  ['1101', '河流水面', '11', U],
  ['1102', '湖泊水面', '11', U],
  ['1103', '水库水面', '11', A],
  ['1104', '坑塘水面', '11', A],
  ['1107', '沟渠', '11', A],
  ['1109', '水工建筑用地', '11', C],
  ['1110', '冰川及永久积雪', '11', U],
  ['1201', '空闲地', '12', C],
  ['1202', '设施农用地', '12', A],
  ['1203', '田坎', '12', A],
  ['1204', '盐碱地', '12', U],
  ['1205', '沙地', '12', U],
  ['1206', '裸土地', '12', U],
  ['1207', '裸岩石砾地', '12', U],
];

/** [code, name, parent] — docs/LAND-SURVEY.md (Land-use codes). A-codes are [confirmed]; K-codes are confirmed as codes, their meaning
 * ("可调整地类": former 耕地 with intact plough layer) is single-source, hence 'single-source'. */
const SUFFIXED: readonly [string, string, string][] = [
  ['08H2A', '高教用地', '08H2'],
  ['0810A', '广场用地', '0810'],
  ['1104A', '养殖坑塘', '1104'],
  ['1107A', '干渠', '1107'],
  ['0201K', '可调整果园', '0201'],
  ['0202K', '可调整茶园', '0202'],
  ['0203K', '可调整橡胶园', '0203'],
  ['0204K', '可调整其他园地', '0204'],
  ['0301K', '可调整乔木林地', '0301'],
  ['0302K', '可调整竹林地', '0302'],
  ['0307K', '可调整其他林地', '0307'],
  ['0403K', '可调整人工牧草地', '0403'],
  ['1104K', '可调整养殖坑塘', '1104'],
];

function mainRows(): LandUseCodeRow[] {
  return MAIN.map(([code, name, group, landClass]) => ({ code, name, group, landClass, status: 'confirmed' }));
}

function suffixedRows(): LandUseCodeRow[] {
  const byCode = new Map(MAIN.map((row) => [row[0], row]));
  return SUFFIXED.map(([code, name, parent]) => {
    const parentRow = byCode.get(parent);
    if (parentRow === undefined) throw new Error(`code table data: parent ${parent} of ${code} missing`);
    const suffix = code.endsWith('K') ? 'K' : 'A';
    return {
      code,
      name,
      // A suffixed code sits in its parent's group and 三大类 (docs/LAND-SURVEY.md (Land-use codes): "statistically part of its parent").
      group: parentRow[2],
      landClass: parentRow[3],
      parent,
      suffix,
      status: suffix === 'K' ? 'single-source' : 'confirmed',
    };
  });
}

/**
 * Codes seen in 2025–2026 change data that are not in TD/T 1055 (docs/CLASSIFICATIONS.md, §1.2).
 * `1208 后备耕地`: definition not retrieved; 三大类 农 per one source; deliberately NOT 耕地 (the rule set has a
 * `treat1208AsCultivated` switch). Group 12 because it is a 三调-style extension of 其他土地 (用地用海 2302 后备耕地).
 */
function extension2025Rows(): LandUseCodeRow[] {
  return [{ code: '1208', name: '后备耕地', group: '12', landClass: A, status: 'uncertain' }];
}

/** Rows of each published version, keyed by version id. */
export const LAND_USE_CODE_ROWS: Readonly<Record<string, () => LandUseCodeRow[]>> = {
  /** TD/T 1055-2019 工作分类 + the K/A suffixed codes found in 三调 data. */
  'tdt1055-2019': () => [...mainRows(), ...suffixedRows()],
  /** The above + codes seen in 2025–2026 annual change data (1208 后备耕地, uncertain). */
  'tdt1055-2019+2025': () => [...mainRows(), ...suffixedRows(), ...extension2025Rows()],
};

/** The version used when none is asked for. */
export const CURRENT_LAND_USE_CODE_VERSION = 'tdt1055-2019+2025';
