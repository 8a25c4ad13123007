// 三调工作分类 names for the land-use codes the generator writes (docs/LAND-SURVEY.md, "Land-use codes" and §1.2; 1208 is left out on purpose).
import { GeneratorInvariantError } from './errors.ts';

export const LAND_USE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '0303': '红树林地',
  '0304': '森林沼泽',
  '0306': '灌丛沼泽',
  '0402': '沼泽草地',
  '0603': '盐田',
  '1105': '沿海滩涂',
  '1106': '内陆滩涂',
  '1108': '沼泽地',
  '0101': '水田',
  '0102': '水浇地',
  '0103': '旱地',
  '0201': '果园',
  '0202': '茶园',
  '0203': '橡胶园',
  '0204': '其他园地',
  '0301': '乔木林地',
  '0302': '竹林地',
  '0305': '灌木林地',
  '0307': '其他林地',
  '0401': '天然牧草地',
  '0403': '人工牧草地',
  '0404': '其他草地',
  '05H1': '商业服务业设施用地',
  '0508': '物流仓储用地',
  '0601': '工业用地',
  '0602': '采矿用地',
  '0701': '城镇住宅用地',
  '0702': '农村宅基地',
  '08H1': '机关团体新闻出版用地',
  '08H2': '科教文卫用地',
  '0809': '公用设施用地',
  '0810': '公园与绿地',
  '09': '特殊用地',
  '1001': '铁路用地',
  '1002': '轨道交通用地',
  '1003': '公路用地',
  '1004': '城镇村道路用地',
  '1005': '交通服务场站用地',
  '1006': '农村道路',
  '1007': '机场用地',
  '1008': '港口码头用地',
  '1009': '管道运输用地',
  '1101': '河流水面',
  '1102': '湖泊水面',
  '1103': '水库水面',
  '1104': '坑塘水面',
  '1107': '沟渠',
  '1109': '水工建筑用地',
  '1110': '冰川及永久积雪',
  '1201': '空闲地',
  '1202': '设施农用地',
  '1203': '田坎',
  '1204': '盐碱地',
  '1205': '沙地',
  '1206': '裸土地',
  '1207': '裸岩石砾地',
  '08H2A': '高教用地',
  '0810A': '广场用地',
  '1104A': '养殖坑塘',
  '1107A': '干渠',
  '0201K': '可调整果园',
  '0202K': '可调整茶园',
  '0203K': '可调整橡胶园',
  '0204K': '可调整其他园地',
  '0301K': '可调整乔木林地',
  '0302K': '可调整竹林地',
  '0307K': '可调整其他林地',
  '0403K': '可调整人工牧草地',
  '1104K': '可调整养殖坑塘',
});

/** 耕地 codes. */
export const CULTIVATED_CODES: readonly string[] = ['0101', '0102', '0103'];

export function isCultivated(code: string): boolean {
  return code === '0101' || code === '0102' || code === '0103';
}

/** The 中文 name of a code the generator writes; throws on a code outside the table (a generator bug). */
export function landUseName(code: string): string {
  const name = LAND_USE_NAMES[code];
  if (name === undefined) throw new GeneratorInvariantError('land-use names', `code ${code} is not in docs/LAND-SURVEY.md, "Land-use codes"`);
  return name;
}
