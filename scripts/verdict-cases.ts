// Prints the verdict (change_type, severity, rule ids, disposition) of the cases county offices raised against the
// rules (docs/RULES.md), one line each, for review and for before/after comparisons:
//   node --import tsx scripts/verdict-cases.ts [path/to/packages/core/src]
// The optional path runs the same cases against another checkout's core (e.g. an older commit's).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Overlaps = Record<string, number>;
interface Case {
  name: string;
  before: string;
  after: string;
  beforePlanting?: string;
  afterPlanting?: string;
  areaM2: number;
  overlapsM2?: Overlaps;
  facts?: string[];
  surveyYear?: number;
}

const PBF = 'permanent-farmland';
const CASES: Case[] = [
  { name: 'orchard 1 km², 9 000 m² strip of 永久基本农田', before: '0103', after: '0201', areaM2: 1_000_000, overlapsM2: { [PBF]: 9000 } },
  { name: 'orchard wholly on 永久基本农田', before: '0103', after: '0201', areaM2: 1000, overlapsM2: { [PBF]: 1000 } },
  { name: '0.5 m² sliver of 永久基本农田 on 1 km² construction', before: '0103', after: '0601', areaM2: 1_000_000, overlapsM2: { [PBF]: 0.5 } },
  { name: 'construction in 永久基本农田, provincial approval', before: '0101', after: '0601', areaM2: 600, overlapsM2: { [PBF]: 600, 'approved-construction': 600 } },
  { name: 'construction in 永久基本农田, State Council approval', before: '0101', after: '0601', areaM2: 600, overlapsM2: { [PBF]: 600, 'approved-construction': 600, 'approved-state-council': 600 } },
  { name: 'new 1202 facility in 永久基本农田 with a filing', before: '0101', after: '1202', areaM2: 800, overlapsM2: { [PBF]: 800, 'facility-filing': 800 } },
  { name: 'bare soil, valid temporary-use permit', before: '0103', after: '1206', areaM2: 1000, overlapsM2: { 'temporary-use': 1000 } },
  { name: 'bare soil, expired temporary-use permit', before: '0103', after: '1206', areaM2: 1000, overlapsM2: { 'temporary-use': 1000 }, facts: ['expired'] },
  { name: 'construction approved after GXSJ', before: '0103', after: '0601', areaM2: 1000, overlapsM2: { 'approved-construction': 1000 }, facts: ['approval-after-change'] },
  { name: '水田 → 旱地', before: '0101', after: '0103', beforePlanting: 'LS', afterPlanting: 'LS', areaM2: 1000 },
  { name: '水田 → 旱地 in 永久基本农田', before: '0101', after: '0103', beforePlanting: 'LS', afterPlanting: 'LS', areaM2: 1000, overlapsM2: { [PBF]: 1000 } },
  { name: '旱地 → 水田', before: '0103', after: '0101', beforePlanting: 'LS', afterPlanting: 'LS', areaM2: 1000 },
  { name: '0201 JKHF → 0601', before: '0201', after: '0601', beforePlanting: 'JKHF', areaM2: 1000 },
  { name: '0301K → 0201', before: '0301K', after: '0201', areaM2: 1000 },
  { name: '1208 后备耕地 → 0702', before: '1208', after: '0702', areaM2: 1000 },
  { name: '0101 → 1107 沟渠 in 永久基本农田', before: '0101', after: '1107', areaM2: 1000, overlapsM2: { [PBF]: 1000 } },
  { name: 'LLJZ on 永久基本农田', before: '0103', after: '0103', beforePlanting: 'LS', afterPlanting: 'LLJZ', areaM2: 1000, overlapsM2: { [PBF]: 1000 } },
  { name: 'FLS → FLS on 永久基本农田', before: '0103', after: '0103', beforePlanting: 'FLS', afterPlanting: 'FLS', areaM2: 1000, overlapsM2: { [PBF]: 1000 } },
  { name: 'WG → WG on 永久基本农田', before: '0101', after: '0101', beforePlanting: 'WG', afterPlanting: 'WG', areaM2: 1000, overlapsM2: { [PBF]: 1000 } },
  { name: '0103 → 0403 人工牧草地', before: '0103', after: '0403', areaM2: 1000 },
  { name: '0103 → 0404 其他草地', before: '0103', after: '0404', areaM2: 1000 },
  { name: '0103 → 0201 园地 (一般耕地)', before: '0103', after: '0201', areaM2: 1000 },
  { name: '0101 → 1105 沿海滩涂', before: '0101', after: '1105', areaM2: 1000 },
  { name: '0101 → 1106 内陆滩涂', before: '0101', after: '1106', areaM2: 1000 },
  { name: '0101 → 1108 沼泽地', before: '0101', after: '1108', areaM2: 1000 },
  { name: 'gain 0201 → 0101', before: '0201', after: '0101', areaM2: 1000 },
  { name: '2025: 0101 → 0601', before: '0101', after: '0601', areaM2: 1000, surveyYear: 2025 },
];

const src = resolve(process.argv[2] ?? 'packages/core/src');
const rulesModule = await import(pathToFileURL(`${src}/rules/index.ts`).href);
const { classifyChange, assessDetection, createRuleSet, PROTECTION_EFFECTS } = rulesModule;
const knownKeys = new Set([...Object.keys(PROTECTION_EFFECTS), ...(rulesModule.ATTRIBUTE_OVERLAP_KEYS ?? ['approved-state-council', 'temporary-use-expired'])]);
const attributesRead = 'defaultBalanceRegime' in rulesModule; // older cores ignore layer attributes

console.log('| case | change_type | severity | rule_ids | disposition |');
console.log('|---|---|---|---|---|');
for (const c of CASES) {
  const rules = createRuleSet({ surveyYear: c.surveyYear ?? 2024 });
  const cls = classifyChange({ beforeCode: c.before, afterCode: c.after, beforePlanting: c.beforePlanting, afterPlanting: c.afterPlanting }, rules);
  if (cls === null) {
    console.log(`| ${c.name} | (no detection) | | | |`);
    continue;
  }
  const overlaps: Overlaps = {};
  for (const [k, v] of Object.entries(c.overlapsM2 ?? {})) if (knownKeys.has(k) && (attributesRead || !k.startsWith('approved-state'))) overlaps[k] = v;
  if (attributesRead && c.facts?.includes('expired')) {
    overlaps['temporary-use-expired'] = overlaps['temporary-use'];
    delete overlaps['temporary-use'];
  }
  const facts = attributesRead ? (c.facts ?? []).filter((f) => f !== 'expired') : undefined;
  if (cls.changeType === 'dry_to_paddy') {
    console.log(`| ${c.name} | (no detection; ledger dry_to_paddy_m2) | | | |`);
    continue;
  }
  const a = assessDetection(cls, { areaM2: c.areaM2, overlapsM2: overlaps, facts, afterCode: c.after }, rules);
  console.log(`| ${c.name} | ${cls.changeType} | ${a.severity} | ${a.ruleIds.join(';')} | ${a.disposition ?? '—'} |`);
}
