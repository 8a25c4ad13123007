// The alert's worst list: cases past their deadline in the case register come first, each group in urgency order
// (severity, then area), so that an office sees first what it already promised and did not do.
import { describe, expect, it } from 'vitest';
import {
  buildCountyAlert,
  classifyPieces,
  createRuleSet,
  crsFromEpsg,
  detectTile,
  divisionNamesFrom,
  mergeTileResults,
  multiPolygon,
  type ChangePiece,
  type CountyResult,
  type DetectionCaseState,
  type MultiPolygon,
  type RunInfo,
} from '../src/index.ts';

const crs = crsFromEpsg(4525); // CGCS2000 3° GK zone 37 (零陵区)
const X0 = 37_560_000;
const Y0 = 2_900_000;
const rect = (x: number, y: number, w: number, h: number): MultiPolygon =>
  multiPolygon([[[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]]);
const rules = createRuleSet({ surveyYear: 2024 });
const run: RunInfo = {
  runId: '2024-000000000000',
  surveyYear: 2024,
  generatedAt: '2025-01-01T00:00:00Z',
  input: { file: 'x.fgb', featuresCount: 5, crs: 'EPSG:4525' },
  codeTableVersion: 'v',
  ruleSetVersion: 'r',
  layers: [],
};

// four losses of different kinds and sizes, and a gain (never in the worst list)
const pieces: ChangePiece[] = [
  { beforeCode: '0101', afterCode: '0702', size: 120 },
  { beforeCode: '0103', afterCode: '0702', size: 90 },
  { beforeCode: '0103', afterCode: '0201', size: 70 },
  { beforeCode: '0101', afterCode: '0201', size: 50 },
  { beforeCode: '0201', afterCode: '0103', size: 60 },
].map((p, i) => ({ featureIndex: i, pieceId: `BSM${i}`, beforeCode: p.beforeCode, afterCode: p.afterCode, locationCode: '4311020010010000000', geometry: rect(X0 + i * 300, Y0, p.size, p.size) }));

const [base] = mergeTileResults(
  [
    detectTile({
      runId: run.runId,
      surveyYear: run.surveyYear,
      crs,
      pieces: classifyPieces(pieces, rules),
      protection: [],
      layers: [],
      rules,
      names: divisionNamesFrom({ '431102': '零陵区', '431102001': '朝阳街道' }),
    }),
  ],
  run,
) as [CountyResult];

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
