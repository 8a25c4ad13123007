// A small county in CGCS2000 Gauss-Krüger zone 37 (零陵区), made by the real detect stage: the set-up that tests of
// the detect stage, the alert and the case register share.
import {
  classifyPieces,
  createRuleSet,
  crsFromEpsg,
  detectTile,
  divisionNamesFrom,
  mergeTileResults,
  multiPolygon,
  type ChangePiece,
  type CountyResult,
  type MultiPolygon,
  type RunInfo,
} from '../../src/index.ts';

export const crs = crsFromEpsg(4525); // CGCS2000 3° GK zone 37 (零陵区)
export const X0 = 37_560_000;
export const Y0 = 2_900_000;
export const rect = (x: number, y: number, w: number, h: number): MultiPolygon =>
  multiPolygon([[[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]]);
export const rules = createRuleSet({ surveyYear: 2024 });
export const names = divisionNamesFrom({ '431102': '零陵区', '431102001': '朝阳街道' });

/** The run of a survey-year-2024 upload of five pieces, without protection layers. */
export function runOf(runId: string, file: string): RunInfo {
  return {
    runId,
    surveyYear: 2024,
    generatedAt: '2025-01-01T00:00:00Z',
    input: { file, featuresCount: 5, crs: 'EPSG:4525' },
    codeTableVersion: 'v',
    ruleSetVersion: 'r',
    layers: [],
  };
}

/** Four losses of different kinds and sizes (so that their urgency order is fixed) and a gain, as one county. */
export function fourLossesAndAGain(run: RunInfo): CountyResult {
  const pieces: ChangePiece[] = [
    { beforeCode: '0101', afterCode: '0702', size: 120 },
    { beforeCode: '0103', afterCode: '0702', size: 90 },
    { beforeCode: '0103', afterCode: '0201', size: 70 },
    { beforeCode: '0101', afterCode: '0201', size: 50 },
    { beforeCode: '0201', afterCode: '0103', size: 60 },
  ].map((p, i) => ({ featureIndex: i, pieceId: `BSM${i}`, beforeCode: p.beforeCode, afterCode: p.afterCode, locationCode: '4311020010010000000', geometry: rect(X0 + i * 300, Y0, p.size, p.size) }));
  const tile = detectTile({ runId: run.runId, surveyYear: run.surveyYear, crs, pieces: classifyPieces(pieces, rules), protection: [], layers: [], rules, names });
  return mergeTileResults([tile], run)[0]!;
}
