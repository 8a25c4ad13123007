// The county alert for one county's result files, from either path: the Lambda sends it (S3 keys, presigned links),
// the CLI writes it as alert.json beside the files (keys relative to --out, no bucket, no links), so that a county
// office gets the same message whichever path ran.
import { buildCountyAlert, type CountyAlert, type CountyAlertFiles, type CountyAlertHistory, type CountyResult } from '@landwatch/core';
import { jsonBytes } from './county-files.ts';

/** The alert with each result file's key made by `keyOf(fileName)`; `where` adds the bucket and links (S3). */
export function countyAlertFor(
  result: CountyResult,
  keyOf: (file: string) => string,
  where: Partial<Pick<CountyAlertFiles, 'bucket' | 'links'>> = {},
  history?: CountyAlertHistory,
): CountyAlert {
  return buildCountyAlert(result, {
    ...(where.bucket !== undefined ? { bucket: where.bucket } : {}),
    detections: keyOf('detections.fgb'),
    overlaps: keyOf('overlaps.fgb'),
    csv: keyOf('detections.csv'),
    xlsx: keyOf('detections.xlsx'),
    summary: keyOf('summary.json'),
    report: keyOf('report.html'),
    ...(where.links !== undefined ? { links: where.links } : {}),
  }, history);
}

/** alert.json as the CLI writes it: keys relative to the output directory (`relDir` = results/{year}/{county}/{runId}). */
export function countyAlertJson(result: CountyResult, relDir: string): Uint8Array {
  return jsonBytes(countyAlertFor(result, (file) => `${relDir.replace(/\\/g, '/')}/${file}`));
}
