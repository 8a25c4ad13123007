// The county alert message (docs/ALERT.md, schema landwatch.county-alert/v2; v1 is what consumers of the first
// version read, see countyAlertV1). Pure: file keys and links are given.
import { muFromM2, roundHalfAwayFromZero } from '../area/index.ts';
import type { ChangeType, Severity } from '../types.ts';
import { SEVERITIES } from '../types.ts';
import type { Detection } from '../detect/detection.ts';
import type { CountyResult } from './county-results.ts';
import { sortedByUrgency } from './county-results.ts';
import { countyAlertText } from './county-alert-text.ts';
import { BALANCE_REGIME_LABELS, CHANGE_TYPE_LABELS, DISPOSITION_LABELS, SEVERITY_LABELS } from './labels.ts';

export const COUNTY_ALERT_SCHEMA = 'landwatch.county-alert/v2';
/** The first version, still read by older consumers (countyAlertV1 turns a v2 message into one). */
export const COUNTY_ALERT_SCHEMA_V1 = 'landwatch.county-alert/v1';

export interface CountyAlertFiles {
  /** absent when the files are on a local disk (the CLI's alert.json): keys are then relative to --out */
  bucket?: string;
  detections: string;
  overlaps: string;
  csv: string;
  /** detections.xlsx */
  xlsx?: string;
  summary: string;
  report: string;
  /** presigned links, when the files are in S3 */
  links?: { report: string; xlsx?: string; expiresAt: string };
}

/** One of the worst cases, with what an office needs to find the piece and act on it. */
export interface CountyAlertCase {
  alertId: string;
  /** the piece's BSM, to find it in the county's own database */
  pieceId: string;
  changeType: ChangeType;
  changeTypeName: string;
  severity: Severity;
  severityName: string;
  areaMu: number;
  permanentFarmlandMu: number;
  township: { code: string; name: string };
  village: string;
  villageCode: string;
  before: { code: string; name: string };
  after: { code: string; name: string };
  /** the Chinese sentences of the rules that fired, each with its legal basis */
  reasons: string;
  /** 处置建议 code and its Chinese name */
  disposition: string;
  dispositionName: string;
  lonLat: [number, number];
}

export interface CountyAlert {
  schema: typeof COUNTY_ALERT_SCHEMA;
  alertBatchId: string;
  runId: string;
  surveyYear: number;
  generatedAt: string;
  county: { code: string; name: string };
  totals: {
    detections: number;
    areaMu: number;
    bySeverity: Partial<Record<Severity, number>>;
    byChangeType: Partial<Record<ChangeType, number>>;
    /** detections of this run on the place of a closed or false-change case (docs/VERIFICATION.md, "History") */
    repeats?: number;
  };
  permanentFarmland: { detections: number; areaMu: number };
  /** detections to be restored (every loss of 永久基本农田); area = their 永久基本农田 part */
  mustRestore: { detections: number; areaMu: number };
  paddyToDry: { detections: number; areaMu: number };
  restorableLoss: { detections: number; areaMu: number };
  townships: { code: string; name: string; detections: number; areaMu: number }[];
  worst: CountyAlertCase[];
  balance: {
    /** 进出平衡 (to 2024) or 占补平衡 (from 2025) */
    label: string;
    outMu: number;
    inMu: number;
    paddyOutMu: number;
    paddyInMu: number;
    /** 永久基本农田 lost: restored, never balanced */
    pbfOutMu: number;
    /** 非农化 占用 (占补平衡 only) */
    occupiedMu: number;
    balanced: boolean;
  };
  /** a Chinese summary of at most ALERT_TEXT_MAX characters, to forward as it is (SMS, WeChat) */
  text: string;
  files: CountyAlertFiles;
  /** the county's case register after this run (docs/VERIFICATION.md) */
  cases?: CountyAlertCases;
}

/** Counts from the county's case register. */
export interface CountyAlertCases {
  pending: number;
  overdue: number;
  closed: number;
  repeats: number;
}

/** How many worst cases the alert carries. */
export const ALERT_WORST_CASES = 10;

const mu = (m2: number) => roundHalfAwayFromZero(muFromM2(m2), 4);

export function maxSeverity(result: CountyResult): Severity | 'none' {
  for (const s of SEVERITIES) if (result.summary.totals.bySeverity[s].count > 0) return s;
  return 'none';
}

/** The counts of the county's case register after this run (the verification round trip). */
export interface CountyAlertHistory {
  cases: CountyAlertCases;
  repeats: number;
}

/** The alert an office receives for one county and run. */
export function buildCountyAlert(result: CountyResult, files: CountyAlertFiles, history?: CountyAlertHistory): CountyAlert {
  const { files: keys, ...body } = alertBody(result, files, history);
  return { ...body, text: countyAlertText(body), files: keys, ...(history ? { cases: history.cases } : {}) };
}

function alertCase(d: Detection): CountyAlertCase {
  const r = d.row;
  return {
    alertId: r.alert_id,
    pieceId: r.piece_id,
    changeType: r.change_type,
    changeTypeName: CHANGE_TYPE_LABELS[r.change_type] ?? r.change_type,
    severity: r.severity,
    severityName: SEVERITY_LABELS[r.severity],
    areaMu: r.area_mu,
    permanentFarmlandMu: mu(r.permanent_farmland_m2),
    township: { code: r.township_code, name: r.township_name },
    village: r.village_name || r.village_code,
    villageCode: r.village_code,
    before: { code: r.before_code, name: r.before_name },
    after: { code: r.after_code, name: r.after_name },
    reasons: r.reasons,
    disposition: r.disposition,
    dispositionName: DISPOSITION_LABELS[r.disposition] ?? r.disposition,
    lonLat: d.lonLat,
  };
}

/** A v2 message as a landwatch.county-alert/v1 message, for consumers that still read the first version. */
export function countyAlertV1(alert: CountyAlert): Record<string, unknown> {
  const { files } = alert;
  return {
    schema: COUNTY_ALERT_SCHEMA_V1,
    alertBatchId: alert.alertBatchId,
    runId: alert.runId,
    surveyYear: alert.surveyYear,
    generatedAt: alert.generatedAt,
    county: alert.county,
    totals: alert.totals,
    permanentFarmland: alert.permanentFarmland,
    townships: alert.townships,
    worst: alert.worst.map((w) => ({ alertId: w.alertId, changeType: w.changeType, severity: w.severity, areaMu: w.areaMu, village: w.village, lonLat: w.lonLat })),
    balance: { outMu: alert.balance.outMu, inMu: alert.balance.inMu, paddyOutMu: alert.balance.paddyOutMu, paddyInMu: alert.balance.paddyInMu, balanced: alert.balance.balanced },
    files: {
      bucket: files.bucket,
      detections: files.detections,
      overlaps: files.overlaps,
      csv: files.csv,
      summary: files.summary,
      report: files.report,
      links: files.links && { report: files.links.report, expiresAt: files.links.expiresAt },
    },
  };
}

function alertBody(result: CountyResult, files: CountyAlertFiles, history?: CountyAlertHistory): Omit<CountyAlert, 'text' | 'cases'> {
  const s = result.summary;
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const [k, v] of Object.entries(s.totals.bySeverity)) if (v.count > 0) bySeverity[k as Severity] = v.count;
  const byChangeType: Partial<Record<ChangeType, number>> = {};
  for (const [k, v] of Object.entries(s.totals.byChangeType)) if (v.count > 0) byChangeType[k as ChangeType] = v.count;
  const total = s.balance.total;
  return {
    schema: COUNTY_ALERT_SCHEMA,
    alertBatchId: `${s.runId}:${result.countyCode}`,
    runId: s.runId,
    surveyYear: s.surveyYear,
    generatedAt: s.generatedAt,
    county: { code: result.countyCode, name: result.countyName },
    totals: { detections: s.totals.count, areaMu: s.totals.areaMu, bySeverity, byChangeType, ...(history ? { repeats: history.repeats } : {}) },
    permanentFarmland: { detections: s.permanentFarmland.count, areaMu: s.permanentFarmland.areaMu },
    mustRestore: { detections: s.mustRestore.count, areaMu: s.mustRestore.areaMu },
    paddyToDry: { detections: s.paddyToDry.count, areaMu: s.paddyToDry.areaMu },
    restorableLoss: { detections: s.restorableLoss.count, areaMu: s.restorableLoss.areaMu },
    townships: s.townships.map((t) => ({ code: t.code, name: t.name, detections: t.count, areaMu: t.areaMu })),
    // cases past their deadline first (docs/VERIFICATION.md), then by urgency
    worst: sortedByUrgency(
      result.detections.filter((d) => d.row.change_type !== 'gain'),
      true,
    )
      .slice(0, ALERT_WORST_CASES)
      .map(alertCase),
    balance: {
      label: BALANCE_REGIME_LABELS[s.balance.regime],
      outMu: mu(total.outM2),
      inMu: mu(total.inM2),
      paddyOutMu: mu(total.paddyOutM2),
      paddyInMu: mu(total.paddyInM2),
      pbfOutMu: mu(total.pbfOutM2),
      occupiedMu: mu(total.occupiedM2),
      balanced: total.balanced,
    },
    files,
    ...(history ? { cases: history.cases } : {}),
  };
}
