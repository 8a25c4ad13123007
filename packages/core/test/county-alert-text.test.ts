// The alert's forwardable text: counts, the counts later rule sets add, as many worst cases as fit in 500 characters.
import { describe, expect, it } from 'vitest';
import { countyAlertText, ALERT_TEXT_MAX } from '../src/results/county-alert-text.ts';
import type { CountyAlert, CountyAlertCase } from '../src/results/county-alert.ts';

const worstCase = (i: number, extra: Partial<CountyAlertCase> = {}): CountyAlertCase => ({
  alertId: `LW2024-431102-${i}`,
  pieceId: `43110200000000${String(i).padStart(4, '0')}`,
  changeType: 'non_agricultural',
  changeTypeName: '非农化(转为建设用地)',
  severity: 'critical',
  severityName: '极严重',
  areaMu: 12.3456,
  permanentFarmlandMu: 12.3456,
  township: { code: '431102103', name: '黄田铺镇' },
  village: '百美田村委会',
  villageCode: '431102103222',
  before: { code: '0101', name: '水田' },
  after: { code: '0702', name: '农村宅基地' },
  reasons: '耕地转为建设用地（非农化）：须农用地转用审批并落实耕地占补平衡',
  disposition: 'approval_check',
  dispositionName: '核查用地审批',
  lonLat: [111.6, 26.2],
  ...extra,
});

const body = (worst: CountyAlertCase[], extra: Record<string, unknown> = {}): Omit<CountyAlert, 'text' | 'files'> => ({
  schema: 'landwatch.county-alert/v2',
  alertBatchId: '2024-3f9c0a1b2c3d:431102',
  runId: '2024-3f9c0a1b2c3d',
  surveyYear: 2024,
  generatedAt: '2026-11-22T10:00:00Z',
  county: { code: '431102', name: '零陵区' },
  totals: { detections: 12, areaMu: 100.5, bySeverity: { critical: 10, info: 2 }, byChangeType: { non_agricultural: 10, gain: 2 } },
  permanentFarmland: { detections: 10, areaMu: 90 },
  mustRestore: { detections: 0, areaMu: 0 },
  paddyToDry: { detections: 0, areaMu: 0 },
  restorableLoss: { detections: 0, areaMu: 0 },
  townships: [],
  worst,
  balance: { label: '进出平衡', outMu: 90, inMu: 3, paddyOutMu: 80, paddyInMu: 0, pbfOutMu: 0, occupiedMu: 0, balanced: false },
  ...extra,
});

describe('countyAlertText', () => {
  it('states the counts, the balance and the cases, each with its disposition when given', () => {
    const text = countyAlertText(body([worstCase(1, { disposition: 'restore', dispositionName: '整改恢复' })]));
    expect(text).toBe(
      '【耕地变化监测】零陵区（431102）2024年度：监测图斑12个，共100.5亩，其中耕地流失10个；极严重10个、严重0个；' +
        '涉及永久基本农田10个（90亩）。进出平衡：转出90亩，转进3亩，未平衡。' +
        '重点图斑：1.黄田铺镇百美田村委会 图斑431102000000000001 0101水田→0702农村宅基地 12.35亩（极严重，整改恢复）。' +
        '详见报告report.html与清单detections.xlsx。',
    );
  });

  it('adds 必须整改恢复, 水改旱 and 可恢复地类流失 when the alert carries them, and says 占补平衡 from 2025', () => {
    const text = countyAlertText(
      body([], { surveyYear: 2025, mustRestore: { detections: 3, areaMu: 7.5 }, paddyToDry: { detections: 0, areaMu: 0 }, restorableLoss: { detections: 2, areaMu: 1.25 } }),
    );
    expect(text).toContain('涉及永久基本农田10个（90亩）；必须整改恢复3个（7.5亩）；可恢复地类流失2个（1.25亩）。占补平衡：');
    expect(text).not.toContain('水改旱');
  });

  it('lists as many cases as fit and stays within 500 characters', () => {
    const text = countyAlertText(body(Array.from({ length: 10 }, (_, i) => worstCase(i + 1))));
    expect([...text].length).toBeLessThanOrEqual(ALERT_TEXT_MAX);
    expect(text).toContain('4.黄田铺镇');
    expect(text).not.toContain('10.黄田铺镇');
    expect(text.endsWith('详见报告report.html与清单detections.xlsx。')).toBe(true);
  });

  it('cuts an overlong county name to 500 characters', () => {
    const text = countyAlertText(body([], { county: { code: '431102', name: '县'.repeat(600) } }));
    expect([...text].length).toBe(ALERT_TEXT_MAX);
    expect(text.endsWith('…')).toBe(true);
  });
});
