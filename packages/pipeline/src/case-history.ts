// What a run's county result owes to earlier survey years (docs/VERIFICATION.md, "History"): the register as it
// stands with this run's detections added, the alert's case counts, the repeats and the suppressed false changes.
// Called by finalize before the county's files are rendered; reads the runs and answers already stored.
import type { CountyResult, Crs, DetectionCaseState } from '@landwatch/core';
import { lonLatGeometry } from './lon-lat-geometry.ts';
import { caseCounts, type CaseRegister, type RegisterDetection, type TaskRegistration } from '@landwatch/core/verification';
import { loadRegister, type RegisterStore } from './register-files.ts';

export interface CaseHistory {
  register: CaseRegister;
  /** alert id → what the task files and the county's files show of its case (status, deadline, repeat, …): only
   * these fields, so that the register's cases (with their detections and lists) are not kept through the write stage */
  caseOfAlert: Map<string, TaskRegistration>;
  /** the alert's `cases` */
  cases: { pending: number; overdue: number; closed: number; repeats: number };
  /** this run's detections marked repeat / suppressed */
  repeats: string[];
  suppressed: string[];
}


/**
 * This run's detection as the register reads it. Its outline in lon/lat is made only when the register compares
 * places (not in a county's first survey year: projecting every detection was a third of a second of the 20 k bench
 * county's write stage, for nothing), and forgotten once the register is built, so the cases the writers keep do not
 * hold a second outline of every detection. A class, so that the getter is one function on the prototype: a getter
 * in an object literal is a closure and a hidden class per detection.
 */
class RunDetection implements RegisterDetection {
  #outline: RegisterDetection['geometry'] | undefined;
  constructor(
    readonly row: RegisterDetection['row'],
    readonly lonLat: [number, number],
    readonly runTime: string,
    private readonly source: CountyResult['detections'][number]['geometry'],
    private readonly crs: Crs,
  ) {}
  get geometry(): RegisterDetection['geometry'] {
    return (this.#outline ??= lonLatGeometry(this.source, this.crs));
  }
  forget(): void {
    this.#outline = undefined;
  }
}

/** `asOf` is the run's own date, so that a repeated finalize writes the same bytes. */
export async function caseHistoryFor(store: RegisterStore, county: CountyResult, crs: Crs, asOf: string): Promise<CaseHistory> {
  const own = county.detections.map((d) => new RunDetection(d.row, d.lonLat, county.summary.generatedAt, d.geometry, crs));
  const { register } = await loadRegister(store, county.countyCode, asOf, own);
  for (const d of own) d.forget();
  const ids = new Set(county.detections.map((d) => d.row.alert_id));
  const caseOfAlert = new Map<string, TaskRegistration>();
  for (const c of register.cases) {
    let kept: TaskRegistration | undefined;
    for (const id of c.alert_ids) {
      if (!ids.has(id)) continue;
      kept ??= { case_id: c.case_id, status: c.status, overdue: c.overdue, repeat: c.repeat, suppressed_alert_ids: c.suppressed_alert_ids, latest: c.latest && { deadline: c.latest.deadline } };
      caseOfAlert.set(id, kept);
    }
  }
  return {
    register,
    caseOfAlert,
    cases: caseCounts(register),
    repeats: [...register.repeats].filter((id) => ids.has(id)).sort(),
    suppressed: [...register.suppressed].filter((id) => ids.has(id)).sort(),
  };
}

/**
 * A detection's case as the report and the workbook show it (gains have no case): one shared object per distinct
 * state (a county's cases have a handful: pending with no deadline, most of all), read-only, rather than one per
 * detection kept through the write stage.
 */
function caseStateOf(states: Map<string, DetectionCaseState>, c: TaskRegistration | undefined): DetectionCaseState | undefined {
  if (c === undefined) return undefined;
  const deadline = c.latest?.deadline ?? '';
  const key = `${c.status}\u0000${deadline}\u0000${c.overdue}`;
  let state = states.get(key);
  if (state === undefined) states.set(key, (state = { status: c.status, deadline, overdue: c.overdue }));
  return state;
}

/**
 * The county result with the history written in: each detection's `repeat` column and its case (status, deadline,
 * overdue) for the report and the workbook, and summary.json's `history` (repeats and suppressed false changes).
 * The detections are written into in place: finalize owns the merged county, and a copy of every detection (with
 * the original kept alive by the caller) was a second set of objects through the whole write stage.
 */
export function withHistory(county: CountyResult, history: CaseHistory): CountyResult {
  const repeats = new Set(history.repeats);
  const states = new Map<string, DetectionCaseState>();
  for (const d of county.detections) {
    // rows come from the tiles with repeat false
    if (repeats.has(d.row.alert_id)) d.row.repeat = true;
    const state = caseStateOf(states, history.caseOfAlert.get(d.row.alert_id));
    if (state) d.case = state;
  }
  return {
    ...county,
    summary: {
      ...county.summary,
      history: { repeats: history.repeats.length, repeatAlertIds: history.repeats, suppressed: history.suppressed.length, suppressedAlertIds: history.suppressed, cases: history.cases },
    } as CountyResult['summary'],
  };
}
