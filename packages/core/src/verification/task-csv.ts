// tasks/{townshipCode}.csv (docs/VERIFICATION.md, "Task packages"): a township's cases with the verification
// columns left blank, ready to be filled in and sent back as the answer file. Overdue cases first, then by
// severity and area, so that the field team starts with what matters.
import type { DetectionRow } from '../detect/detection.ts';
import { SEVERITIES } from '../types.ts';
import { ANSWER_COLUMNS, type Answer } from './answer-fields.ts';
import type { RegisterCase } from './build-register.ts';
import { csvTableParts } from './csv-table.ts';
import { lazyMap } from '../lazy-map.ts';

/** Identification columns the field team reads (before the blank answer columns). */
export const TASK_COLUMNS = [
  'alert_id',
  'case_id',
  'county_code',
  'township_code',
  'township_name',
  'village_code',
  'village_name',
  'piece_id',
  'before_code',
  'before_name',
  'after_code',
  'after_name',
  'change_type',
  'severity',
  'disposition',
  'area_m2',
  'area_mu',
  'centroid_lon',
  'centroid_lat',
  'status',
  'previous_deadline',
  'repeat',
] as const;
export type TaskColumn = (typeof TASK_COLUMNS)[number];

/** What a task file shows of a case: its id, status, previous deadline, repeat and overdue flags, and the alerts it
 * suppressed (a whole RegisterCase will do; finalize keeps only these fields of each case for its write stage). */
export type TaskRegistration = Pick<RegisterCase, 'case_id' | 'status' | 'overdue' | 'repeat' | 'suppressed_alert_ids'> & { latest?: Pick<Answer, 'deadline'> };

export interface TaskCase {
  /** the detection's own row: the task CSV shows these of its columns */
  row: Pick<
    DetectionRow,
    | 'alert_id' | 'county_code' | 'township_code' | 'township_name' | 'village_code' | 'village_name' | 'piece_id'
    | 'before_code' | 'before_name' | 'after_code' | 'after_name' | 'change_type' | 'severity' | 'area_m2' | 'area_mu'
  > & { disposition?: DetectionRow['disposition'] };
  lonLat: [number, number];
  /** the register's case for this alert, when one exists */
  registered?: TaskRegistration;
}

export function byTaskOrder(a: TaskCase, b: TaskCase): number {
  const overdue = Number(b.registered?.overdue ?? false) - Number(a.registered?.overdue ?? false);
  if (overdue !== 0) return overdue;
  const rank = SEVERITIES.indexOf(a.row.severity as (typeof SEVERITIES)[number]) - SEVERITIES.indexOf(b.row.severity as (typeof SEVERITIES)[number]);
  if (rank !== 0) return rank;
  if (a.row.area_m2 !== b.row.area_m2) return b.row.area_m2 - a.row.area_m2;
  return a.row.alert_id < b.row.alert_id ? -1 : a.row.alert_id > b.row.alert_id ? 1 : 0;
}

export function taskCsv(cases: readonly TaskCase[]): string {
  return [...taskCsvParts(cases)].join('');
}

/** taskCsv a line at a time. */
export function taskCsvParts(cases: readonly TaskCase[]): Iterable<string> {
  // one value per column, read straight from the row (no per-case copy of the row: a county has tens of thousands)
  const answers = ANSWER_COLUMNS.map(() => '');
  return csvTableParts(
    [...TASK_COLUMNS, ...ANSWER_COLUMNS],
    lazyMap([...cases].sort(byTaskOrder), (t) => {
      const r = t.row;
      const values: unknown[] = TASK_COLUMNS.map((c) => {
        switch (c) {
          case 'case_id':
            return t.registered?.case_id ?? '';
          case 'disposition':
            return r.disposition ?? '';
          case 'centroid_lon':
            return t.lonLat[0];
          case 'centroid_lat':
            return t.lonLat[1];
          case 'status':
            return t.registered?.status ?? 'pending';
          case 'previous_deadline':
            return t.registered?.latest?.deadline ?? '';
          case 'repeat':
            return t.registered?.repeat ? 'true' : 'false';
          default:
            return r[c];
        }
      });
      return values.concat(answers);
    }),
  );
}
