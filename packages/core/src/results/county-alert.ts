// The county alert message (schema landwatch.county-alert/v1, functions/schemas/county-alert.v1.schema.json). Pure: file keys and links are given.
import { muFromM2, roundHalfAwayFromZero } from '../area/index.ts';
import type { ChangeType, Severity } from '../types.ts';
import { SEVERITIES } from '../types.ts';
import type { CountyResult } from './county-results.ts';
import { byUrgency } from './county-results.ts';
import { BALANCE_REGIME_LABELS } from './labels.ts';

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
  };
  permanentFarmland: { detections: number; areaMu: number };
  /** detections to be restored (every loss of 永久基本农田); area = their 永久基本农田 part */
  mustRestore: { detections: number; areaMu: number };
  paddyToDry: { detections: number; areaMu: number };
  restorableLoss: { detections: number; areaMu: number };
  townships: { code: string; name: string; detections: number; areaMu: number }[];
  worst: {
    alertId: string;
    changeType: ChangeType;
    severity: Severity;
    areaMu: number;
    village: string;
    lonLat: [number, number];
    /** why: the reasons column of the detection */
    reasons: string;
  }[];
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
  files: CountyAlertFiles;
}

/** How many worst cases the alert carries. */
const ALERT_WORST_CASES = 10;

const mu = (m2: number) => roundHalfAwayFromZero(muFromM2(m2), 4);

export function maxSeverity(result: CountyResult): Severity | 'none' {
  for (const s of SEVERITIES) if (result.summary.totals.bySeverity[s].count > 0) return s;
  return 'none';
}

export function buildCountyAlert(result: CountyResult, files: CountyAlertFiles): CountyAlert {
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
    totals: { detections: s.totals.count, areaMu: s.totals.areaMu, bySeverity, byChangeType },
    permanentFarmland: { detections: s.permanentFarmland.count, areaMu: s.permanentFarmland.areaMu },
    mustRestore: { detections: s.mustRestore.count, areaMu: s.mustRestore.areaMu },
    paddyToDry: { detections: s.paddyToDry.count, areaMu: s.paddyToDry.areaMu },
    restorableLoss: { detections: s.restorableLoss.count, areaMu: s.restorableLoss.areaMu },
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
        reasons: d.row.reasons,
      })),
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
  };
}
