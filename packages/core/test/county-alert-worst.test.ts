// The alert's worst list: cases past their deadline in the case register come first, each group in urgency order
// (severity, then area), so that an office sees first what it already promised and did not do.
import { describe, expect, it } from 'vitest';
import { buildCountyAlert, type CountyResult, type DetectionCaseState } from '../src/index.ts';
import { fourLossesAndAGain, runOf } from './support/small-county.ts';

// four losses of different kinds and sizes, and a gain (never in the worst list)
const base = fourLossesAndAGain(runOf('2024-000000000000', 'x.fgb'));

const files = { detections: 'd.fgb', overlaps: 'o.fgb', csv: 'd.csv', summary: 's.json', report: 'r.html' };
const worstIds = (result: CountyResult) => buildCountyAlert(result, files).worst.map((w) => w.alertId);

/** The county result with the given alerts' cases in the register, overdue or not. */
function withCases(states: Record<string, DetectionCaseState>): CountyResult {
  return { ...base, detections: base.detections.map((d) => (states[d.row.alert_id] ? { ...d, case: states[d.row.alert_id] } : d)) };
}
const overdue: DetectionCaseState = { status: 'rectifying', deadline: '2024-12-31', overdue: true };
const onTime: DetectionCaseState = { status: 'rectifying', deadline: '2025-12-31', overdue: false };

describe('the alert worst list', () => {
  const urgency = worstIds(base);

  it('without a register: the losses by urgency, no gain', () => {
    expect(urgency).toHaveLength(4);
    expect(new Set(urgency)).toEqual(new Set(base.detections.filter((d) => d.row.change_type !== 'gain').map((d) => d.row.alert_id)));
  });

  it('overdue cases first, each group in urgency order; a case on time keeps its place', () => {
    const [first, second, third, fourth] = urgency as [string, string, string, string];
    expect(worstIds(withCases({ [fourth]: overdue, [second]: overdue, [first]: onTime }))).toEqual([second, fourth, first, third]);
  });

  it('cases none of which is overdue keep the urgency order', () => {
    expect(worstIds(withCases(Object.fromEntries(urgency.map((id) => [id, onTime]))))).toEqual(urgency);
  });
});
