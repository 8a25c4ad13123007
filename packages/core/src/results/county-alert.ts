// The county alert message of DESIGN §6 (schema landwatch.county-alert/v1). Pure: file keys and links are given.
import { muFromM2, roundHalfAwayFromZero } from '../area/index.ts';
import type { ChangeType, Severity } from '../types.ts';
import { SEVERITIES } from '../types.ts';
import type { CountyResult } from './county-results.ts';
import { byUrgency } from './county-results.ts';

export const COUNTY_ALERT_SCHEMA = 'landwatch.county-alert/v1';

export interface CountyAlertFiles {
  bucket: string;
  detections: string;
  overlaps: string;
  csv: string;
  summary: string;
  report: string;
  links: { report: string; expiresAt: string };
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
  townships: { code: string; name: string; detections: number; areaMu: number }[];
  worst: { alertId: string; changeType: ChangeType; severity: Severity; areaMu: number; village: string; lonLat: [number, number] }[];
  balance: { outMu: number; inMu: number; paddyOutMu: number; paddyInMu: number; balanced: boolean };
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

export function buildCountyAlert(result: CountyResult, files: CountyAlertFiles, history?: { cases: CountyAlertCases; repeats: number }): CountyAlert {
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
    townships: s.townships.map((t) => ({ code: t.code, name: t.name, detections: t.count, areaMu: t.areaMu })),
    worst: [...result.detections]
      .filter((d) => d.row.change_type !== 'gain')
      .sort(byUrgency)
      .slice(0, ALERT_WORST_CASES)
      .map((d) => ({
        alertId: d.row.alert_id,
        changeType: d.row.change_type,
        severity: d.row.severity,
        areaMu: d.row.area_mu,
        village: d.row.village_name || d.row.village_code,
        lonLat: d.lonLat,
      })),
    balance: {
      outMu: mu(total.outM2),
      inMu: mu(total.inM2),
      paddyOutMu: mu(total.paddyOutM2),
      paddyInMu: mu(total.paddyInM2),
      balanced: total.balanced,
    },
    files,
    ...(history ? { cases: history.cases } : {}),
  };
}
