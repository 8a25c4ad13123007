// docs/RULES.md "Protection layers": what each protection-layer kind does to a verdict (label for reports, effect for documentation).

import type { ProtectionKind } from '../types.ts';

/** Label (中文) and effect of each protection-layer kind; the decision table implements the effects. */
export const PROTECTION_EFFECTS: Readonly<Record<ProtectionKind, { label: string; effect: string }>> = Object.freeze({
  'permanent-farmland': {
    label: '永久基本农田',
    effect: 'Conversion inside it is forbidden (四严禁, 永农不得转为其他农用地): severity escalates (rows permanent-farmland-*).',
  },
  'farmland-reserve': {
    label: '永久基本农田储备区',
    effect: 'Reported; managed as 一般耕地 (row farmland-reserve).',
  },
  'high-standard-farmland': {
    label: '高标准农田',
    effect: 'Reported; a conversion there is flagged and raised to at least medium (row high-standard-farmland).',
  },
  'ecological-redline': {
    label: '生态保护红线',
    effect: 'Reported (row ecological-redline); a gain inside it is not an eligible 转进 (gain-in-ecological-redline).',
  },
  'urban-development-boundary': {
    label: '城镇开发边界',
    effect: '非农化 fully inside it is planned use: one level lower, not below medium; still needs approval (urban-boundary-*).',
  },
  'approved-construction': {
    label: '已批建设用地（农转用/征收/供地）',
    effect: '非农化 fully covered: at most low; partly covered: one level lower, not below medium (approved-*).',
  },
  'facility-filing': {
    label: '设施农用地备案',
    effect: '→1202 fully covered: at most low (one level lower if in 永久基本农田); partly: one level lower (facility-filing-*; never below critical in 永久基本农田).',
  },
  'temporary-use': {
    label: '临时用地',
    effect: 'The covered part is marked temporary use; severity unchanged (temporary-use*).',
  },
  context: {
    label: '其他参考图层',
    effect: 'Overlap area reported only.',
  },
});
