// Task packages (docs/VERIFICATION.md, "Task packages"): per township, the cases to check on the ground as KML for
// phone map apps and as a CSV with blank answer columns. Written beside the county's results by finalize; gains are
// not cases and are left out, and so are false changes found again with the same codes (suppressed).
import type { CountyResult, Crs } from '@landwatch/core';
import { lonLatGeometry } from './lon-lat-geometry.ts';
import { taskCsvParts, type TaskCase, type TaskRegistration } from '@landwatch/core/verification';
import { taskKmlParts, type KmlCase } from './task-kml.ts';
import { utf8Bytes } from './utf8-chunks.ts';

/** A task file, named relative to the county's result folder. */
export interface TaskFile {
  name: string;
  bytes: Uint8Array;
  contentType: string;
}

/** A task file as text made in parts when they are read (a large county's are written to files, not held). */
export interface TaskText {
  name: string;
  parts: Iterable<string>;
  contentType: string;
}

export const TASK_CONTENT_TYPES = { kml: 'application/vnd.google-earth.kml+xml', csv: 'text/csv; charset=utf-8' } as const;


/**
 * The task files of one county run. `registered` gives the register's case of an alert where one is known (its
 * status, deadline and repeat flag appear in the CSV).
 */
export function renderTaskFiles(county: CountyResult, crs: Crs, registered: ReadonlyMap<string, TaskRegistration> = new Map()): TaskFile[] {
  return [...taskFiles(county, crs, registered)];
}

/** The task files one township at a time (a township's KML, then its CSV), for a caller that stores each as it comes. */
export function* taskFiles(county: CountyResult, crs: Crs, registered: ReadonlyMap<string, TaskRegistration> = new Map()): Iterable<TaskFile> {
  for (const t of taskTexts(county, crs, registered)) yield { name: t.name, bytes: utf8Bytes(t.parts), contentType: t.contentType };
}

/** taskFiles as text in parts: each file's parts are to be read before the next file is asked for. */
export function* taskTexts(county: CountyResult, crs: Crs, registered: ReadonlyMap<string, TaskRegistration> = new Map()): Iterable<TaskText> {
  const byTownship = new Map<string, CountyResult['detections']>();
  for (const d of county.detections) {
    if (d.row.change_type === 'gain') continue;
    // a false change found again with the same codes is not sent to the field again
    if (registered.get(d.row.alert_id)?.suppressed_alert_ids.includes(d.row.alert_id)) continue;
    const list = byTownship.get(d.row.township_code);
    if (list) list.push(d);
    else byTownship.set(d.row.township_code, [d]);
  }
  for (const code of [...byTownship.keys()].sort()) {
    const detections = byTownship.get(code)!;
    // the KML's order: by alert id; each case is made when its placemark is written (task-kml.ts)
    const byAlertId = [...detections].sort((a, b) => (a.row.alert_id < b.row.alert_id ? -1 : 1));
    const kmlCase = (d: CountyResult['detections'][number]): KmlCase => ({
      alertId: d.row.alert_id,
      // read by the outlines' folder only (the centres' folder makes the case again)
      get description() {
        return [
          `${d.row.village_name || d.row.village_code} ${d.row.before_name}(${d.row.before_code}) → ${d.row.after_name}(${d.row.after_code})`,
          `面积 ${d.row.area_mu} 亩`,
          ...(((d.row as { reasons?: string }).reasons ?? '') !== '' ? [(d.row as { reasons?: string }).reasons!] : []),
        ];
      },
      outline: () => lonLatGeometry(d.geometry, crs),
      centre: d.lonLat,
      data: [
        ['alert_id', d.row.alert_id],
        ['piece_id', d.row.piece_id],
        ['village', d.row.village_name || d.row.village_code],
        ['change_type', d.row.change_type],
        ['severity', d.row.severity],
        ['area_mu', String(d.row.area_mu)],
        ['disposition', (d.row as { disposition?: string }).disposition ?? ''],
      ] as [string, string][],
    });
    const name = detections[0].row.township_name;
    yield { name: `tasks/${code}.kml`, parts: taskKmlParts(`${code} ${name} 核查任务 ${county.summary.surveyYear}`, byAlertId, kmlCase), contentType: TASK_CONTENT_TYPES.kml };
    // made when the KML has been read (a generator resumes here only then)
    const tasks: TaskCase[] = detections.map((d) => ({ row: d.row, lonLat: d.lonLat, registered: registered.get(d.row.alert_id) }));
    yield { name: `tasks/${code}.csv`, parts: taskCsvParts(tasks), contentType: TASK_CONTENT_TYPES.csv };
  }
}
