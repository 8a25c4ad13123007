// Stage "finalize" (docs/ARCHITECTURE.md): once every tile of a run is done, merge the tile results per county,
// write each county's result files, send one alert per county and mark the run finished. Result files are
// deterministic (the run's time is the upload's), so a repeated finalize rewrites identical bytes; each county's
// alert is sent once (a marker is written after the send and checked before it). The same function runs in the
// finalize Lambda and in the CLI.
import { basename } from 'node:path';
import { classificationOfTable, crsFromEpsg, maxSeverity, mergeTileResults, type CountyResult } from '@landwatch/core';
import { countyAlertFor } from './county-alert-file.ts';
import { RESULT_FILES, RESULT_CONTENT_TYPES, renderCountyFiles } from './county-files.ts';
import { readManifest, readTileResults, writeRunStatus } from './run-documents.ts';
import type { RunPort } from './run-port.ts';
import { renderTaskFiles } from './task-files.ts'; // issue 11: task packages
import { caseHistoryFor, withHistory } from './case-history.ts'; // issue 11: history across survey years
import type { RegisterStore } from './register-files.ts'; // issue 11
import { runKeys, type FinalizeRequest, type FinishedCounty, type RunManifest } from './run-protocol.ts';

export interface FinalizeTimings {
  mergeMs: number;
  writeMs: number;
}

export type FinalizeOutcome =
  | { state: 'already-finalized' }
  | { state: 'finished'; manifest: RunManifest; counties: CountyResult[]; timings: FinalizeTimings };

export interface FinalizeOptions {
  /** issue 11: where earlier runs and answers are kept (default: the port's own store; the CLI passes --out) */
  history?: RegisterStore;
}

export async function finalizeRun(port: RunPort, request: Pick<FinalizeRequest, 'runId' | 'manifestKey'>, options: FinalizeOptions = {}): Promise<FinalizeOutcome> {
  const { runId } = request;
  if (await port.exists(runKeys.finalized(runId))) return { state: 'already-finalized' };
  const manifest = await readManifest(port, request.manifestKey);
  const tiles = await readTileResults(port, manifest);

  const tMerge = performance.now();
  const crs = crsFromEpsg(manifest.crsEpsg);
  const counties = mergeTileResults(tiles, {
    runId,
    surveyYear: manifest.surveyYear,
    generatedAt: manifest.createdAt,
    input: { file: basename(manifest.upload.key), featuresCount: manifest.featuresCount, crs: `EPSG:${crs.epsg} ${crs.name}`, sha256OrEtag: manifest.upload.etag },
    codeTableVersion: manifest.config.codeTableVersion,
    classification: classificationOfTable(manifest.config.codeTableVersion),
    ruleSetVersion: manifest.config.ruleSetVersion,
    // the layer as registered (a converted delivery is read from its copy, but named and versioned as delivered)
    layers: manifest.layers.map((l) => ({ id: l.id, kind: l.kind, title: l.title, source: basename(l.path), version: manifest.config.layers.find((c) => c.id === l.id)?.version })),
    inputChecks: { ...manifest.checks },
  });
  const mergeMs = performance.now() - tMerge;

  const tWrite = performance.now();
  const finished: FinishedCounty[] = [];
  for (const merged of counties) {
    // issue 11: the case register's view of this county (repeats, suppressed false changes, case counts)
    const history = await caseHistoryFor(options.history ?? port, merged, crs, manifest.createdAt.slice(0, 10));
    const county = withHistory(merged, history);
    const key = (file: string) => runKeys.result(manifest.surveyYear, county.countyCode, runId, file);
    const files = await renderCountyFiles(county, crs);
    await port.putAll([
      ...RESULT_FILES.map((name) => ({ key: key(name), bytes: files.get(name)!, contentType: RESULT_CONTENT_TYPES[name] })),
      // issue 11: the task packages for the field (tasks/{township}.kml / .csv), beside the results
      ...renderTaskFiles(county, crs, history.caseOfAlert).map((t) => ({ key: key(t.name), bytes: t.bytes, contentType: t.contentType })),
    ]);
    const alertBatchId = `${runId}:${county.countyCode}`;
    finished.push({ code: county.countyCode, name: county.countyName, detections: county.detections.length, alertBatchId });
    if (await port.exists(runKeys.alertSent(runId, county.countyCode))) continue;
    const [report, xlsx] = await Promise.all([port.link(key('report.html')), port.link(key('detections.xlsx'))]);
    const links = report && xlsx ? { report: report.url, xlsx: xlsx.url, expiresAt: report.expiresAt < xlsx.expiresAt ? report.expiresAt : xlsx.expiresAt } : undefined;
    // the case counts of the county's register (the verification round trip)
    const alert = countyAlertFor(county, key, { bucket: port.bucket, links }, { cases: history.cases, repeats: history.repeats.length });
    const messageId = await port.sendAlert(alert);
    await port.put({
      key: runKeys.alertSent(runId, county.countyCode),
      bytes: new TextEncoder().encode(JSON.stringify({ alertBatchId, messageId, maxSeverity: maxSeverity(county) })),
      contentType: 'application/json',
    });
  }
  const statusKey = await writeRunStatus(port, {
    runId,
    surveyYear: manifest.surveyYear,
    state: 'finished',
    upload: manifest.upload,
    features: manifest.featuresCount,
    tiles: manifest.tiles.length,
    counties: finished,
  });
  // the event before the marker: a crash in between repeats the event (harmless), never loses it
  await port.sendRunEvent({
    type: 'finished',
    runId,
    surveyYear: manifest.surveyYear,
    detections: finished.reduce((n, c) => n + c.detections, 0),
    counties: finished.map(({ code, detections, alertBatchId }) => ({ code, detections, alertBatchId })),
    statusKey,
  });
  await port.put({ key: runKeys.finalized(runId), bytes: new TextEncoder().encode(JSON.stringify({ runId, counties: finished })), contentType: 'application/json' });
  return { state: 'finished', manifest, counties, timings: { mergeMs, writeMs: performance.now() - tWrite } };
}
