// The rules a detection can cite (rule_ids in the result files), with title, citation and a one-line summary.
// Citations name legal documents by number and title only: they are printed in the files county offices receive.
// Where a figure or a national source is uncertain, the comment beside the rule says so (docs/RULES.md "Sources").
// 零政发〔2024〕3号 (the 零陵区 farmland-protection plan) restates the national rules verbatim; it is cited where no
// national text was retrieved.

import { UnknownRuleError } from './errors.ts';

/** One citable rule. */
export interface RuleDefinition {
  /** Stable kebab-case id, written into rule_ids. */
  id: string;
  /** 中文 title for reports. */
  title: string;
  /** Document number and title (+ article). */
  citation: string;
  /** What the rule says and when LandWatch cites it. */
  summary: string;
}

const DOC_24 = '国办发明电〔2020〕24号《国务院办公厅关于坚决制止耕地"非农化"行为的通知》';
const DOC_44 = '国办发〔2020〕44号《国务院办公厅关于防止耕地"非粮化"稳定粮食生产的意见》';
const DOC_127 = '自然资发〔2020〕127号《自然资源部 农业农村部关于农村乱占耕地建房"八不准"的通知》';
const DOC_166 = '自然资发〔2021〕166号《关于严格耕地用途管制有关问题的通知》';
const DOC_13 = '中办发〔2024〕13号《关于加强耕地保护提升耕地质量完善占补平衡的意见》';
// the number is certain, the exact wording of the title less so (docs/RULES.md "Sources")
const DOC_204 = '自然资发〔2024〕204号《自然资源部 农业农村部关于改革完善耕地占补平衡管理的通知》';
const LAW = '《中华人民共和国土地管理法》';
const REG = '《中华人民共和国土地管理法实施条例》';
const DOC_TEMP = '自然资规〔2021〕2号《关于规范临时用地管理的通知》';
const S_LL = '零政发〔2024〕3号《零陵区耕地保护国土空间专项规划(2021-2035年)》';
const TDT = 'TD/T 1055-2019《第三次全国国土调查技术规程》';

/** Every rule, grouped: 非农化, balance regimes, 一般耕地, 永久基本农田, 非粮化 planting, review, layers, gains, data. */
export const RULES: readonly RuleDefinition[] = Object.freeze(
  [
    // 非农化
    {
      id: 'six-prohibitions-nonagri',
      title: '六个严禁：严禁违规占用耕地从事非农建设',
      citation: `${DOC_24} 六个严禁第五条`,
      summary: '耕地转为建设用地（非农化）；未经农转用审批即为违法占地。',
    },
    {
      id: 'six-prohibitions-lake',
      title: '六个严禁：严禁违规占用耕地挖湖造景',
      citation: `${DOC_24} 六个严禁第三条`,
      summary: '耕地转为公园与绿地(0810)或湖泊水面(1102)，疑似挖湖造景。',
    },
    {
      id: 'six-prohibitions-afforestation',
      title: '六个严禁：严禁违规占用耕地绿化造林',
      citation: `${DOC_24} 六个严禁第一条`,
      summary: '耕地转为林地；未经批准的绿化造林被禁止（超标准绿色通道为第二条，数据中无法区分）。',
    },
    {
      id: 'eight-prohibitions-housing',
      title: '八不准：农村乱占耕地建房',
      citation: DOC_127,
      summary: '耕地转为农村宅基地(0702)；不准占用永久基本农田建房，不准强占多占耕地建房等。',
    },
    // balance regimes
    {
      id: 'occupation-compensation',
      title: '耕地占补平衡（非农建设占用耕地）',
      citation: `${LAW} 第三十条`,
      summary: '非农建设经批准占用耕地须"占多少、垦多少"，先补后占、占优补优、占水田补水田。',
    },
    {
      id: 'in-out-balance',
      title: '耕地年度进出平衡',
      citation: `${DOC_166} 第二条`,
      summary:
        '一般耕地转为林地、草地、园地等其他农用地及农业设施建设用地，须在年度内补足同等数量、质量的可长期稳定利用耕地（以进定出）。适用于2021–2024年度。',
    },
    {
      id: 'unified-occupation-compensation',
      title: '改革后的耕地占补平衡（各类占用耕地统一纳入）',
      citation: `${DOC_13}; ${DOC_204}`,
      summary: '非农建设、造林种树、种果种茶等各类占用耕地统一实行占补平衡（以补定占）；自2025年度起适用。',
    },
    {
      // the national 水田 clause was not retrieved; the 零陵区 plan states it for annual balances
      id: 'paddy-balance',
      title: '转进水田不少于转出水田（占水田补水田）',
      citation: `${S_LL} 第五章第三节; ${DOC_13}`,
      summary: '转出（或占用）的部分为水田(0101)，须以水田平衡。',
    },
    {
      id: 'paddy-to-dry',
      title: '水田改为旱地、水浇地（水改旱）',
      citation: `${DOC_13}; ${DOC_44}`,
      summary: '水田(0101)变为水浇地(0102)或旱地(0103)：减少水田规模，须稳定水田面积、核实原因。',
    },
    {
      id: 'restorable-land-loss',
      title: '可恢复耕地（恢复属性、可调整地类、后备耕地）被占用',
      citation: `${DOC_13}; ${DOC_204}`,
      summary:
        '三调标注为即可恢复(JKHF)/工程恢复(GCHF)、可调整地类(K)或1208后备耕地的土地转为建设用地或林地、园地、坑塘：补充耕地以恢复优质耕地为主，可恢复耕地资源减少。',
    },
    // 一般耕地
    {
      id: 'five-shall-nots',
      title: '一般耕地"五不得"',
      citation: `${DOC_166} 第一条（"五不得"）`,
      summary:
        '不得在一般耕地上挖湖造景、种植草皮；不得擅自扩大退耕还林还草还湿；不得超标准建设绿化带；未经批准不得实施国土绿化；未经批准社会资本不得将流转的一般耕地转为林地、园地。',
    },
    // 永久基本农田
    {
      id: 'permanent-farmland-non-agricultural',
      title: '永久基本农田非农建设占用',
      citation: `${LAW} 第三十五条、第四十四条、第四十六条`,
      summary: '永久基本农田一经划定不得擅自占用；国家重点建设项目确实难以避让的，农用地转用或征收须经国务院批准。',
    },
    {
      id: 'permanent-farmland-approval-authority',
      title: '占用永久基本农田的批准机关须为国务院',
      citation: `${LAW} 第四十四条、第四十六条`,
      summary: '覆盖图斑的批准文件批准机关不是国务院（或未载明）：不能作为占用永久基本农田的合法依据。',
    },
    {
      id: 'permanent-farmland-no-conversion',
      title: '永久基本农田不得转为其他农用地及农业设施建设用地',
      citation: `${DOC_166} 第一条`,
      summary: '永久基本农田不得转为林地、草地、园地等其他农用地及农业设施建设用地。',
    },
    {
      id: 'permanent-farmland-four-prohibitions',
      title: '永久基本农田"四严禁"',
      citation: `${DOC_166} 第一条（"四严禁"）`,
      summary:
        '严禁占用永久基本农田发展林果业和挖塘养鱼；严禁种植苗木、草皮等绿化装饰植物；严禁挖湖造景、建设绿化带；严禁新增占用建设畜禽养殖设施、水产养殖设施和破坏耕作层的种植业设施。',
    },
    {
      id: 'permanent-farmland-special-protection',
      title: '永久基本农田特殊保护：不得擅自改变用途',
      citation: `${LAW} 第三十五条`,
      summary: '永久基本农田转为水域或未利用地，需核实是否为自然灾害或河湖水面自然扩大。',
    },
    {
      id: 'permanent-farmland-grain-priority',
      title: '永久基本农田重点用于粮食生产',
      citation: DOC_44,
      summary: '永久基本农田重点用于粮食生产，特别是稻谷、小麦、玉米；种植非粮作物、水田改旱与之冲突。',
    },
    {
      id: 'permanent-farmland-no-idle',
      title: '永久基本农田不得闲置、荒芜',
      citation: `${DOC_44}; ${LAW} 第三十八条`,
      summary: '永久基本农田未耕种（撂荒）。',
    },
    // 非粮化 planting attributes
    {
      id: 'grain-priority',
      title: '耕地利用优先序',
      citation: `${DOC_44}; ${REG} 第十二条`,
      summary: '耕地主要用于粮食和棉、油、糖、蔬菜等农产品生产；一般耕地种植非粮作物在不破坏耕作层时允许（提示）。',
    },
    {
      id: 'tree-intercrop',
      title: '林粮间作：耕地转为林地的前兆',
      citation: `${DOC_166}; ${DOC_24} 六个严禁第一条`,
      summary: '耕地种植属性为林粮间作(LLJZ)，需关注是否转为林地。',
    },
    {
      id: 'abandonment',
      title: '耕地撂荒',
      citation: `${DOC_44}; ${LAW} 第三十八条`,
      summary: '耕地种植属性为未耕种(WG)。',
    },
    // review
    {
      id: 'natural-change-review',
      title: '需核查：自然因素或建设前期',
      citation: `${DOC_166} 第二条（进出平衡不计：国家安排的生态退耕、自然灾害损毁难以复耕、河湖水面自然扩大造成永久淹没）`,
      summary: '耕地转为河流/湖泊水面、滩涂沼泽或未利用地：可能为自然淹没、灾毁（不计入转出），也可能是挖湖或推土动土（建设前期）。',
    },
    // protection layers
    {
      id: 'urban-development-boundary',
      title: '位于城镇开发边界内',
      citation: `${LAW} 第四十四条（农用地转用审批）`,
      summary: '城镇开发边界内的非农化属规划用途，但仍须办理农用地转用审批。',
    },
    {
      id: 'approved-construction',
      title: '已批建设用地覆盖',
      citation: `${LAW} 第四十四条`,
      summary: '非农化图斑被已批建设用地（农转用/征收/供地）覆盖（全部或部分）；核实是否按批准范围和用途建设。',
    },
    {
      id: 'approval-after-change',
      title: '批准日期晚于变更：疑似未批先建',
      citation: `${LAW} 第四十四条、第七十七条`,
      summary: '覆盖图斑的批准文件批准日期晚于图斑更新时间(GXSJ)：建设在批准之前，疑似未批先建。',
    },
    {
      id: 'facility-filing',
      title: '设施农用地备案覆盖',
      citation: DOC_166,
      summary: '转为设施农用地(1202)的图斑有备案（全部或部分）；仍须落实耕地平衡；永久基本农田上不得新增设施。',
    },
    {
      // the 临时用地 notice's number is uncertain between sources (自然资规〔2021〕2号 / 自然资办发〔2021〕42号)
      id: 'temporary-use',
      title: '临时用地',
      citation: `${LAW} 第五十七条; ${DOC_TEMP}`,
      summary: '位于已批临时用地范围内：使用期满须复垦；原则上不得占用永久基本农田。',
    },
    {
      id: 'temporary-use-expired',
      title: '临时用地使用期满',
      citation: `${LAW} 第五十七条; ${DOC_TEMP}`,
      summary: '覆盖图斑的临时用地批准止于调查标准时点之前：使用期满应恢复种植条件，不再视为临时用地。',
    },
    {
      id: 'ecological-redline',
      title: '涉及生态保护红线',
      citation: `${DOC_166}; ${S_LL} 第四章`,
      summary: '图斑与生态保护红线重叠，报告重叠面积。',
    },
    {
      // no national rule singling out 高标准农田 was retrieved; the flag is a reporting choice
      id: 'high-standard-farmland',
      title: '涉及高标准农田',
      citation: `${DOC_44}; ${DOC_13}`,
      summary: '在高标准农田内转出耕地，作为重点关注标记。',
    },
    {
      id: 'farmland-reserve',
      title: '涉及永久基本农田储备区',
      citation: `${S_LL} 第四章（储备区按一般耕地管理）`,
      summary: '图斑与永久基本农田储备区重叠；储备区按一般耕地管理，报告重叠面积。',
    },
    // gains (the exclusions below come from the 零陵区 plan; their national origin was not retrieved)
    {
      id: 'gain-candidate',
      title: '耕地流入：转进 / 补充耕地候选',
      citation: `${DOC_166} 第二条; ${LAW} 第三十条`,
      summary: '非耕地变为耕地；符合条件的可计入年度转进或补充耕地。',
    },
    {
      id: 'gain-slope-over-25',
      title: '不得在25°以上陡坡地上整治耕地',
      citation: `${S_LL} 第五章第三节`,
      summary: '流入耕地坡度级别为5（>25°），不能作为转进耕地。',
    },
    {
      id: 'gain-unstable-refinement',
      title: '不得在河道、湖区、林区、牧区、沙荒、石漠化土地上整治耕地',
      citation: `${S_LL} 第五章第三节`,
      summary: '流入耕地细化代码为 HDGD/HQGD/LQGD/MQGD/SHGD/SMGD（不稳定耕地），不能作为转进耕地。',
    },
    {
      id: 'gain-in-ecological-redline',
      title: '不得在生态保护红线内整治耕地',
      citation: `${S_LL} 第五章第三节`,
      summary: '流入耕地与生态保护红线重叠（超过最小重叠阈值），不能作为转进耕地。',
    },
    {
      id: 'gain-in-settlement',
      title: '不得将城镇村庄范围内整治耕地作为转进来源',
      citation: `${S_LL} 第五章第三节`,
      summary: '流入耕地城镇村属性码为 201/202/203（A类独立工业用地是否计入可配置）。',
    },
    {
      id: 'gain-abandoned',
      title: '转进耕地须可长期稳定利用',
      citation: `${DOC_166} 第二条`,
      summary: '流入耕地种植属性为未耕种(WG)，不是长期稳定利用的耕地。',
    },
    {
      id: 'gain-not-in-out-source',
      title: '进出平衡转进须来自其他农用地或农业设施建设用地',
      citation: `${DOC_166} 第二条`,
      summary: '进出平衡期间，由建设用地或未利用地变为耕地属补充耕地（占补平衡），不计入进出平衡转进。',
    },
    {
      id: 'gain-unverifiable-attribute',
      title: '转进条件无法核验：属性值未知',
      citation: `${DOC_166} 第二条; ${TDT}`,
      summary: '坡度级别、细化代码或城镇村属性码的值不在代码表中，无法判断转进资格，暂不计入。',
    },
    // data
    {
      id: 'uncertain-land-use-code',
      title: '地类编码含义未确定',
      citation: TDT,
      summary: '变化涉及含义未确定的地类编码（如1208后备耕地），结论需人工核实。',
    },
  ].map((rule) => Object.freeze(rule)),
);

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id; throws UnknownRuleError for an unknown id. */
export function ruleById(id: string): RuleDefinition {
  const rule = byId.get(id);
  if (rule === undefined) throw new UnknownRuleError(id);
  return rule;
}
