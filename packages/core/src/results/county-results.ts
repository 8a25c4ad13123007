// Stage "finalize" (pure part): merge tile results into one result per county, with the summary and the 进出平衡
// ledger. Deterministic: the same tiles in any order give the same result.
import { muFromM2, roundHalfAwayFromZero } from '../area/index.ts';
import { BalanceLedger, RULES, type BalanceRow } from '../rules/index.ts';
import type { ChangeType, ProtectionKind, Severity } from '../types.ts';
import { CHANGE_TYPES, SEVERITIES } from '../types.ts';
import type { Detection, Overlap } from '../detect/detection.ts';
import type { PieceIssue, ProtectionLayerInfo, TileResult } from '../detect/detect-tile.ts';

export interface RunInfo {
  runId: string;
  surveyYear: number;
  /** ISO time recorded for the run (from the upload, so that reruns are byte-identical) */
  generatedAt: string;
  input: { file: string; featuresCount: number; crs: string; sha256OrEtag?: string };
  codeTableVersion: string;
  /** Classification the land-use codes were read in: 'sandiao' or 'ydyh' (docs/CLASSIFICATIONS.md). */
  classification?: string;
  ruleSetVersion: string;
  layers: (ProtectionLayerInfo & { source: string; version?: string })[];
  /** run-wide input checks made before detection (repairs are added from the tiles) */
  inputChecks?: Record<string, unknown>;
}

export interface CountAndArea {
  count: number;
  areaM2: number;
  areaMu: number;
}

export interface TownshipSummary extends CountAndArea {
  code: string;
  name: string;
  bySeverity: Partial<Record<Severity, number>>;
  permanentFarmlandM2: number;
}

export interface LayerSummary extends CountAndArea {
  id: string;
  kind: ProtectionKind;
  title: string;
}

export interface CountySummary {
  schema: 'landwatch.summary/v1';
  runId: string;
  surveyYear: number;
  generatedAt: string;
  county: { code: string; name: string };
  totals: CountAndArea & {
    bySeverity: Record<Severity, CountAndArea>;
    byChangeType: Record<ChangeType, CountAndArea>;
    byChangeTypeAndSeverity: Record<ChangeType, Record<Severity, CountAndArea>>;
  };
  permanentFarmland: CountAndArea;
  townships: TownshipSummary[];
  protectionLayers: LayerSummary[];
  balance: { rows: BalanceRow[]; total: Omit<BalanceRow, 'townshipCode'> };
  rulesFired: { id: string; title: string; citation: string; count: number }[];
  run: Omit<RunInfo, 'inputChecks' | 'runId' | 'surveyYear' | 'generatedAt'>;
  inputChecks: Record<string, unknown> & {
    piecesProcessed: number;
    repairedPieces: number;
    repairs: Record<string, number>;
    unrepairable: PieceIssue[];
    clipFailures: PieceIssue[];
  };
}

export interface CountyResult {
  countyCode: string;
  countyName: string;
  detections: Detection[];
  overlaps: Overlap[];
  summary: CountySummary;
}

const zero = (): CountAndArea => ({ count: 0, areaM2: 0, areaMu: 0 });
const add = (c: CountAndArea, m2: number) => {
  c.count++;
  c.areaM2 += m2;
};
const round2 = (x: number) => roundHalfAwayFromZero(x, 2);
const finish = (c: CountAndArea) => {
  c.areaM2 = round2(c.areaM2);
  c.areaMu = roundHalfAwayFromZero(muFromM2(c.areaM2), 4);
};

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Detections ordered most urgent first: severity, then area (largest first), then alert id. */
export function byUrgency(a: Detection, b: Detection): number {
  return (
    SEVERITY_RANK[a.row.severity] - SEVERITY_RANK[b.row.severity] ||
    b.row.area_m2 - a.row.area_m2 ||
    a.row.alert_id.localeCompare(b.row.alert_id)
  );
}

export function mergeTileResults(tiles: readonly TileResult[], run: RunInfo): CountyResult[] {
  type WithClass = TileResult['detections'][number];
  const byCounty = new Map<string, { detections: WithClass[]; overlaps: Overlap[] }>();
  const issues: PieceIssue[] = [];
  const repairs: Record<string, number> = {};
  let piecesProcessed = 0;
  let repairedPieces = 0;
  for (const tile of tiles) {
    piecesProcessed += tile.stats.pieces;
    repairedPieces += tile.stats.repairedPieces;
    for (const [k, v] of Object.entries(tile.stats.repaired)) repairs[k] = (repairs[k] ?? 0) + v;
    issues.push(...tile.issues);
    for (const d of tile.detections) {
      let c = byCounty.get(d.row.county_code);
      if (!c) byCounty.set(d.row.county_code, (c = { detections: [], overlaps: [] }));
      c.detections.push(d);
    }
    for (const o of tile.overlaps) byCounty.get(o.row.county_code)?.overlaps.push(o);
  }
  issues.sort((a, b) => a.featureIndex - b.featureIndex || (a.layerId ?? '').localeCompare(b.layerId ?? ''));

  const results: CountyResult[] = [];
  for (const [countyCode, c] of [...byCounty].sort(([a], [b]) => a.localeCompare(b))) {
    c.detections.sort((a, b) => a.featureIndex - b.featureIndex);
    const order = new Map(c.detections.map((d, i) => [d.row.alert_id, i]));
    c.overlaps.sort((a, b) => (order.get(a.row.alert_id) ?? 0) - (order.get(b.row.alert_id) ?? 0) || a.row.layer_id.localeCompare(b.row.layer_id));
    const countyName = c.detections.find((d) => d.row.county_name)?.row.county_name ?? '';
    results.push({
      countyCode,
      countyName,
      detections: c.detections,
      overlaps: c.overlaps,
      summary: summarize(countyCode, countyName, c.detections, c.overlaps, run, {
        piecesProcessed,
        repairedPieces,
        repairs,
        unrepairable: issues.filter((i) => i.kind === 'unrepairable'),
        clipFailures: issues.filter((i) => i.kind === 'clip-failed'),
      }),
    });
  }
  return results;
}

function summarize(
  countyCode: string,
  countyName: string,
  detections: (Detection & { classification: import('../rules/index.ts').Classification })[],
  overlaps: Overlap[],
  run: RunInfo,
  checks: CountySummary['inputChecks'],
): CountySummary {
  const totals = zero();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, zero()])) as Record<Severity, CountAndArea>;
  const byChangeType = Object.fromEntries(CHANGE_TYPES.map((t) => [t, zero()])) as Record<ChangeType, CountAndArea>;
  const byBoth = Object.fromEntries(
    CHANGE_TYPES.map((t) => [t, Object.fromEntries(SEVERITIES.map((s) => [s, zero()]))]),
  ) as Record<ChangeType, Record<Severity, CountAndArea>>;
  const permanentFarmland = zero();
  const townships = new Map<string, TownshipSummary>();
  const ruleCounts = new Map<string, number>();
  const ledger = new BalanceLedger();
  for (const d of detections) {
    const r = d.row;
    add(totals, r.area_m2);
    add(bySeverity[r.severity], r.area_m2);
    add(byChangeType[r.change_type], r.area_m2);
    add(byBoth[r.change_type][r.severity], r.area_m2);
    if (r.permanent_farmland_m2 > 0) add(permanentFarmland, r.permanent_farmland_m2);
    let t = townships.get(r.township_code);
    if (!t) {
      townships.set(
        r.township_code,
        (t = { code: r.township_code, name: r.township_name, ...zero(), bySeverity: {}, permanentFarmlandM2: 0 }),
      );
    }
    add(t, r.area_m2);
    t.bySeverity[r.severity] = (t.bySeverity[r.severity] ?? 0) + 1;
    t.permanentFarmlandM2 += r.permanent_farmland_m2;
    for (const id of r.rule_ids.split(';').filter(Boolean)) ruleCounts.set(id, (ruleCounts.get(id) ?? 0) + 1);
    ledger.add({
      townshipCode: r.township_code,
      classification: d.classification,
      areaM2: r.area_m2,
      paddyM2: r.paddy_m2,
      eligible: d.eligibleGain,
    });
  }
  const layerSummaries: LayerSummary[] = run.layers.map((l) => ({ id: l.id, kind: l.kind, title: l.title, ...zero() }));
  const layerById = new Map(layerSummaries.map((l) => [l.id, l]));
  for (const o of overlaps) {
    const l = layerById.get(o.row.layer_id);
    if (l) add(l, o.row.area_m2);
  }
  for (const c of [totals, permanentFarmland, ...Object.values(bySeverity), ...Object.values(byChangeType), ...layerSummaries]) finish(c);
  for (const perType of Object.values(byBoth)) for (const c of Object.values(perType)) finish(c);
  const townshipList = [...townships.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const t of townshipList) {
    finish(t);
    t.permanentFarmlandM2 = round2(t.permanentFarmlandM2);
  }
  const knownRules = new Map(RULES.map((r) => [r.id, r]));
  const { runId, surveyYear, generatedAt, inputChecks, ...runRest } = run;
  return {
    schema: 'landwatch.summary/v1',
    runId,
    surveyYear,
    generatedAt,
    county: { code: countyCode, name: countyName },
    totals: { ...totals, bySeverity, byChangeType, byChangeTypeAndSeverity: byBoth },
    permanentFarmland,
    townships: townshipList,
    protectionLayers: layerSummaries,
    balance: { rows: ledger.rows(), total: ledger.total() },
    rulesFired: [...ruleCounts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, count]) => ({ id, title: knownRules.get(id)?.title ?? id, citation: knownRules.get(id)?.citation ?? '', count })),
    run: runRest,
    inputChecks: { ...(inputChecks ?? {}), ...checks },
  };
}
