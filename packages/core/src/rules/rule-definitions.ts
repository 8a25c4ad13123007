// The rules a detection can cite (rule_ids in the result files), with title, citation and a one-line summary.
// Citations follow DOMAIN.md §6 (document numbers [confirmed] there unless the citation says otherwise).
// S-LL = 零政发〔2024〕3号《零陵区耕地保护国土空间专项规划(2021-2035年)》, which restates the national rules verbatim.

import { UnknownRuleError } from './errors.ts';

/** One citable rule. */
export interface RuleDefinition {
  /** Stable kebab-case id, written into rule_ids. */
  id: string;
  /** 中文 title for reports. */
  title: string;
  /** Document + article. */
  citation: string;
  /** What the rule says and when LandWatch cites it. */
  summary: string;
}

const DOC_24 = '国办发明电〔2020〕24号《国务院办公厅关于坚决制止耕地"非农化"行为的通知》';
const DOC_44 = '国办发〔2020〕44号《国务院办公厅关于防止耕地"非粮化"稳定粮食生产的意见》';
const DOC_127 = '自然资发〔2020〕127号《自然资源部 农业农村部关于农村乱占耕地建房"八不准"的通知》';
const DOC_166 = '自然资发〔2021〕166号《关于严格耕地用途管制有关问题的通知》';
const DOC_2024 = '中办发〔2024〕13号《关于加强耕地保护提升耕地质量完善占补平衡的意见》; 自然资发〔2024〕204号';
const LAW = '《中华人民共和国土地管理法》(2019修正)';
const S_LL = '零政发〔2024〕3号 零陵区耕地保护国土空间专项规划(2021-2035年)';

/** Every rule, grouped: 非农化, balance regimes, 一般耕地, 永久基本农田, 非粮化 planting, review, layers, gains, data. */
export const RULES: readonly RuleDefinition[] = Object.freeze(
  [
    // 非农化
    {
      id: 'six-prohibitions-nonagri',
      title: '六个严禁：严禁违规占用耕地从事非农建设',
      citation: `${DOC_24} 六个严禁第5条`,
      summary: '耕地转为建设用地（非农化）；未经农转用审批即为违法占地。',
    },
    {
      id: 'six-prohibitions-lake',
      title: '六个严禁：严禁违规占用耕地挖湖造景',
      citation: `${DOC_24} 六个严禁第3条`,
      summary: '耕地转为公园与绿地(0810)或湖泊水面(1102)，疑似挖湖造景。',
    },
    {
      id: 'six-prohibitions-afforestation',
      title: '六个严禁：严禁违规占用耕地绿化造林',
      citation: `${DOC_24} 六个严禁第1条`,
      summary: '耕地转为林地；未经批准的绿化造林被禁止（超标准绿色通道为第2条，数据中无法区分）。',
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
      citation: `${LAW} 第三十条; S-LL 第五章第二节`,
      summary: '非农建设经批准占用耕地须"占多少、垦多少"，先补后占、占优补优、占水田补水田。',
    },
    {
      id: 'in-out-balance',
      title: '耕地年度进出平衡',
      citation: `${DOC_166} 第二条; S-LL 第五章第三节`,
      summary:
        '一般耕地转为林地、草地、园地等其他农用地及农业设施建设用地，须在年度内补足同等数量、质量的可长期稳定利用耕地（以进定出）。适用于2021–2024年度。',
    },
    {
      id: 'unified-occupation-compensation',
      title: '改革后的耕地占补平衡（各类占用耕地统一纳入）',
      citation: DOC_2024,
      summary: '非农建设、造林种树、种果种茶等各类占用耕地统一实行占补平衡（以补定占）；本系统自2025年度起采用（可配置）。',
    },
    {
      id: 'paddy-balance',
      title: '转进水田不少于转出水田（占水田补水田）',
      citation: `S-LL 第五章第三节（年度转进的水田不少于转出的水田）; 国家层面水田条款未核实 (DOMAIN §6.4)`,
      summary: '转出（或占用）的部分为水田(0101)，须以水田平衡。',
    },
    // 一般耕地
    {
      id: 'five-shall-nots',
      title: '一般耕地"五不得"',
      citation: `${DOC_166} ("五不得"); S-LL 第五章第四节`,
      summary:
        '不得在一般耕地上挖湖造景、种植草皮；不得擅自扩大退耕还林还草还湿；不得超标准建设绿化带；未经批准不得实施国土绿化；未经批准社会资本不得将流转的一般耕地转为林地、园地。',
    },
    // 永久基本农田
    {
      id: 'pbf-nonagri',
      title: '永久基本农田非农建设占用',
      citation: `${LAW} 第三十五条; S-LL 第四章第三节`,
      summary: '永久基本农田一经划定不得擅自占用；国家重点建设项目确实难以避让的，农用地转用或征收须经国务院批准。',
    },
    {
      id: 'pbf-no-conversion',
      title: '永久基本农田不得转为其他农用地及农业设施建设用地',
      citation: `${DOC_166} 第一条`,
      summary: '永久基本农田不得转为林地、草地、园地等其他农用地及农业设施建设用地。',
    },
    {
      id: 'pbf-four-prohibitions',
      title: '永久基本农田"四严禁"',
      citation: `${DOC_166} ("四严禁"); S-LL 第四章第四节, 第五章第四节`,
      summary:
        '严禁发展林果业和挖塘养鱼；严禁种植苗木、草皮等绿化装饰植物；严禁挖湖造景、建设绿化带；严禁新增占用建设畜禽养殖设施、水产养殖设施和破坏耕作层的种植业设施。',
    },
    {
      id: 'pbf-special-protection',
      title: '永久基本农田特殊保护：不得擅自改变用途',
      citation: `${LAW} 第三十五条`,
      summary: '永久基本农田转为水域或未利用地，需核实是否为自然灾害或河湖水面自然扩大。',
    },
    {
      id: 'pbf-grain-priority',
      title: '永久基本农田重点用于粮食生产',
      citation: `${DOC_44}`,
      summary: '永久基本农田重点用于粮食生产，特别是稻谷、小麦、玉米；种植非粮作物与之冲突。',
    },
    {
      id: 'pbf-no-idle',
      title: '永久基本农田不得闲置、荒芜',
      citation: `${DOC_44}; S-LL 第四章第四节`,
      summary: '永久基本农田未耕种（撂荒）。',
    },
    // 非粮化 planting attributes
    {
      id: 'grain-priority',
      title: '耕地利用优先序',
      citation: `${DOC_44}; 《土地管理法实施条例》(2021) 第十二条`,
      summary: '耕地主要用于粮食和棉、油、糖、蔬菜等农产品生产；一般耕地种植非粮作物在不破坏耕作层时允许（提示）。',
    },
    {
      id: 'tree-intercrop',
      title: '林粮间作：耕地转为林地的前兆',
      citation: `${DOC_166}; ${DOC_24} 六个严禁第1条`,
      summary: '耕地种植属性变为林粮间作(LLJZ)，需关注是否转为林地。',
    },
    {
      id: 'abandonment',
      title: '耕地撂荒',
      citation: `${DOC_44}; S-LL 第十章第二节（田长制：对抛荒行为进行劝诫）`,
      summary: '耕地种植属性变为未耕种(WG)。',
    },
    // review
    {
      id: 'natural-change-review',
      title: '需核查：自然因素或建设前期',
      citation: `${DOC_166} (进出平衡豁免：国家安排的生态退耕、自然灾害损毁难以复耕、河湖水面自然扩大造成永久淹没)`,
      summary: '耕地转为河流/湖泊水面或未利用地：可能为自然淹没、灾毁（可豁免），也可能是挖湖或推土动土（建设前期）。',
    },
    // protection layers
    {
      id: 'urban-development-boundary',
      title: '位于城镇开发边界内',
      citation: `${LAW} 第四十四条（农用地转用审批）; DESIGN §4`,
      summary: '城镇开发边界内的非农化属规划用途，但仍须办理农用地转用审批。',
    },
    {
      id: 'approved-construction',
      title: '已批建设用地覆盖',
      citation: `${LAW} 第四十四条; DESIGN §4 (农转用/征收/供地批复图层)`,
      summary: '非农化图斑被已批建设用地覆盖（全部或部分）；核实是否按批准范围和用途建设。',
    },
    {
      id: 'facility-filing',
      title: '设施农用地备案覆盖',
      citation: `${DOC_166}; DESIGN §4 (设施农用地备案图层)`,
      summary: '转为设施农用地(1202)的图斑有备案（全部或部分）；仍须落实耕地平衡。',
    },
    {
      id: 'temporary-use',
      title: '临时用地',
      citation: `${LAW} 第五十七条; 自然资规〔2021〕2号（临时用地管理，文号见 DOMAIN §6.1，未完全核实）`,
      summary: '位于已批临时用地范围内：使用期满须复垦；原则上不得占用永久基本农田。',
    },
    {
      id: 'ecological-redline',
      title: '涉及生态保护红线',
      citation: 'DESIGN §4; DOMAIN §6.2 (特殊区域)',
      summary: '图斑与生态保护红线重叠，报告重叠面积。',
    },
    {
      id: 'high-standard-farmland',
      title: '涉及高标准农田',
      citation: 'DESIGN §4; DOMAIN §6.6 (国家规则原文未检索到)',
      summary: '在高标准农田内转出耕地，作为重点关注标记。',
    },
    {
      id: 'farmland-reserve',
      title: '涉及永久基本农田储备区',
      citation: 'S-LL 第四章 (储备区按一般耕地管理)',
      summary: '图斑与永久基本农田储备区重叠；储备区按一般耕地管理，报告重叠面积。',
    },
    // gains
    {
      id: 'gain-candidate',
      title: '耕地流入：转进 / 补充耕地候选',
      citation: `${DOC_166} (转进); ${LAW} 第三十条 (补充耕地)`,
      summary: '非耕地变为耕地；符合条件的可计入年度转进或补充耕地。',
    },
    {
      id: 'gain-slope-over-25',
      title: '不得在25°以上陡坡地上整治耕地',
      citation: 'S-LL 第五章第三节四（规范引导耕地转进）; 国家出处未核实 (DOMAIN §6.4)',
      summary: '流入耕地坡度级别为5（>25°），不能作为转进耕地。',
    },
    {
      id: 'gain-unstable-refinement',
      title: '不得在河道、湖区、林区、牧区、沙荒、石漠化土地上整治耕地',
      citation: 'S-LL 第五章第三节四; 国家出处未核实 (DOMAIN §6.4)',
      summary: '流入耕地细化代码为 HDGD/HQGD/LQGD/MQGD/SHGD/SMGD（不稳定耕地），不能作为转进耕地。',
    },
    {
      id: 'gain-in-ecological-redline',
      title: '不得在生态保护红线内整治耕地',
      citation: 'S-LL 第五章第三节四; 国家出处未核实 (DOMAIN §6.4)',
      summary: '流入耕地与生态保护红线重叠（超过最小重叠阈值），不能作为转进耕地。',
    },
    {
      id: 'gain-in-settlement',
      title: '不得将城镇村庄范围内整治耕地作为转进来源',
      citation: 'S-LL 第五章第三节四; 国家出处未核实 (DOMAIN §6.4)',
      summary: '流入耕地城镇村属性码为 201/202/203（A类独立工业用地是否计入可配置）。',
    },
    {
      id: 'gain-abandoned',
      title: '转进耕地须可长期稳定利用',
      citation: `${DOC_166} (可以长期稳定利用耕地); S-LL 第五章第三节`,
      summary: '流入耕地种植属性为未耕种(WG)，不是长期稳定利用的耕地。',
    },
    {
      id: 'gain-not-in-out-source',
      title: '进出平衡转进须来自其他农用地或农业设施建设用地',
      citation: `${DOC_166} (林地、草地、园地等其他农用地及农业设施建设用地整治为耕地)`,
      summary: '进出平衡期间，由建设用地或未利用地变为耕地属补充耕地（占补平衡），不计入进出平衡转进。',
    },
    {
      id: 'gain-unverifiable-attribute',
      title: '转进条件无法核验：属性值未知',
      citation: 'DOMAIN §3 (代码表); LandWatch 数据校验',
      summary: '坡度级别、细化代码或城镇村属性码的值不在代码表中，无法判断转进资格，暂不计入。',
    },
    // data
    {
      id: 'uncertain-land-use-code',
      title: '地类编码含义未确定',
      citation: 'DOMAIN §1.2 (1208 后备耕地：不在 TD/T 1055-2019 中)',
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
