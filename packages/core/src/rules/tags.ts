// The tags a Classification can carry, with their meaning. Tags are facts about the code change that the decision
// table and the balance ledger read; rule ids are what the report cites.

/** Tag → meaning. */
export const TAGS = {
  // 非农化
  'rural-homestead': '耕地 → 0702 农村宅基地 (八不准)',
  'dig-lake-landscaping': '耕地 → 0810 公园与绿地 or 1102 湖泊水面: suspected 挖湖造景',
  // 非粮化 land-class targets
  plantation: '耕地 → 02 园地 (+K)',
  forest: '耕地 → 03 林地 (+K), incl. the wetland forests 0303/0304/0306',
  grassland: '耕地 → 04 草地 (+K), incl. 0402 沼泽草地 and 0404 其他草地',
  'fish-pond': '耕地 → 1104 坑塘水面 (+A/K): 挖塘',
  wetland: '耕地 → a class of the 00 湿地 group',
  'other-agricultural': '耕地 → another 农用地 class (1203 田坎, 1208 后备耕地 when not counted as 耕地)',
  'adjustable-k-code': 'the target (or, for a gain, the source) is a K-code (可调整地类)',
  // facilities
  'facility-agricultural': '耕地 → 1202 设施农用地',
  'rural-road': '耕地 → 1006 农村道路',
  // water / unused
  reservoir: '耕地 → 1103 水库水面',
  ditch: '耕地 → 1107 沟渠 (+A)',
  'possible-natural-flooding': '耕地 → 1101/1102 or the 湿地 1105/1106/1108: may be 河湖水面自然扩大 (not counted as 转出)',
  'possible-natural-disaster': '耕地 → 1204/1205/1207/1110: may be 自然灾害损毁 (not counted as 转出)',
  'possible-pre-construction': '耕地 → 1206 裸土地: often 推土/动土 before construction',
  'natural-grassland': '耕地 → 0401 天然牧草地 (退耕还草, one of the 五不得)',
  // 耕地 → 耕地
  'paddy-to-dry': '0101 水田 → 0102/0103 (水改旱): its own ledger column, apart from 转出',
  'dry-to-paddy': '0102/0103 → 0101 水田 (旱改水): its own ledger column, apart from 转进',
  // restorable land
  'to-construction': 'restorable land → 建设用地',
  // 水田
  'paddy-loss': 'before is 0101 水田, after is not',
  'paddy-gain': 'after is 0101 水田, before is not',
  // gains
  'from-agricultural': 'gain from 农用地 (a 进出平衡 转进 source)',
  'from-construction': 'gain from 建设用地 (复垦: 补充耕地)',
  'from-unused': 'gain from 未利用地 (开垦: 补充耕地)',
  restorable: 'before-state carried JKHF/GCHF (恢复属性), a K-code or 1208 (gains and restorable_loss)',
  // ledger
  'balance-out': 'counts as 转出 in the 进出平衡 ledger',
  'balance-in': 'counts as 转进 in the 进出平衡 ledger',
  'balance-occupied': '非农化 counted as 占用 under the unified 占补平衡 (from 2025)',
  // data
  'uncertain-code': 'before or after code has status uncertain (e.g. 1208)',
} as const;

/** A tag name. */
export type Tag = keyof typeof TAGS;
