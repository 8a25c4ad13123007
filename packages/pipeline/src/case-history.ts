// What a run's county result owes to earlier survey years (docs/VERIFICATION.md, "History"): the register as it
// stands with this run's detections added, the alert's case counts, the repeats and the suppressed false changes.
// Called by finalize before the county's files are rendered; reads the runs and answers already stored.
import type { CountyResult, Crs, DetectionCaseState } from '@landwatch/core';
import { lonLatGeometry } from './lon-lat-geometry.ts';
import { caseCounts, type CaseRegister, type RegisterCase, type RegisterDetection } from '@landwatch/core/verification';
import { loadRegister, type RegisterStore } from './register-files.ts';

export interface CaseHistory {
  register: CaseRegister;
  /** alert id → its case, for the task CSV's status, deadline and repeat columns */
  caseOfAlert: Map<string, RegisterCase>;
  /** the alert's `cases` */
  cases: { pending: number; overdue: number; closed: number; repeats: number };
  /** this run's detections marked repeat / suppressed */
  repeats: string[];
  suppressed: string[];
}


/** `asOf` is the run's own date, so that a repeated finalize writes the same bytes. */
export async function caseHistoryFor(store: RegisterStore, county: CountyResult, crs: Crs, asOf: string): Promise<CaseHistory> {
  // outlines in lon/lat only when the register compares places (not in a county's first survey year): projecting
  // every detection was a third of a second of the 20 k bench county's write stage, for nothing
  const own: RegisterDetection[] = county.detections.map((d) => {
    let lonLat: RegisterDetection['geometry'] | undefined;
    return {
      row: d.row,
      get geometry() {
        return (lonLat ??= lonLatGeometry(d.geometry, crs));
      },
      lonLat: d.lonLat,
      runTime: county.summary.generatedAt,
    };
  });
  const { register } = await loadRegister(store, county.countyCode, asOf, own);
  const ids = new Set(county.detections.map((d) => d.row.alert_id));
  const caseOfAlert = new Map<string, RegisterCase>();
  for (const c of register.cases) for (const id of c.alert_ids) if (ids.has(id)) caseOfAlert.set(id, c);
  return {
    register,
    caseOfAlert,
    cases: caseCounts(register),
    repeats: [...register.repeats].filter((id) => ids.has(id)).sort(),
    suppressed: [...register.suppressed].filter((id) => ids.has(id)).sort(),
  };
}

/** A detection's case as the report and the workbook show it (gains have no case). */
function caseState(c: RegisterCase | undefined): DetectionCaseState | undefined {
  return c && { status: c.status, deadline: c.latest?.deadline ?? '', overdue: c.overdue };
}

/**
 * The county result with the history written in: each detection's `repeat` column and its case (status, deadline,
 * overdue) for the report and the workbook, and summary.json's `history` (repeats and suppressed false changes).
 */
export function withHistory(county: CountyResult, history: CaseHistory): CountyResult {
  const repeats = new Set(history.repeats);
  return {
    ...county,
    detections: county.detections.map((d) => {
      const state = caseState(history.caseOfAlert.get(d.row.alert_id));
      // a row is copied only when its repeat flag changes (rows come from the tiles with repeat false): a copy of
      // every row was a second set of ~40-field objects live through the whole write stage
      const repeat = repeats.has(d.row.alert_id);
      const row = d.row.repeat === repeat ? d.row : { ...d.row, repeat };
      // written out, not spread: a spread copy given a property it did not have (case) got a hidden class of its own,
      // one per detection with a case (35 000 at 100 000 pieces: 12 MB of maps, and every writer's reads of these
      // objects megamorphic)
      const { geometry, lonLat, featureIndex, tags, reasons, eligibleGain } = d;
      return state
        ? { row, geometry, lonLat, featureIndex, tags, reasons, eligibleGain, case: state }
        : { row, geometry, lonLat, featureIndex, tags, reasons, eligibleGain };
    }),
    summary: {
      ...county.summary,
      history: { repeats: history.repeats.length, repeatAlertIds: history.repeats, suppressed: history.suppressed.length, suppressedAlertIds: history.suppressed, cases: history.cases },
    } as CountyResult['summary'],
  };
}
