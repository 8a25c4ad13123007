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
import { runKeys, type FinalizeRequest, type FinishedCounty, type RunManifest } from './run-protocol.ts';

export interface FinalizeTimings {
  mergeMs: number;
  writeMs: number;
}

export type FinalizeOutcome =
  | { state: 'already-finalized' }
  | { state: 'finished'; manifest: RunManifest; counties: CountyResult[]; timings: FinalizeTimings };

export async function finalizeRun(port: RunPort, request: Pick<FinalizeRequest, 'runId' | 'manifestKey'>): Promise<FinalizeOutcome> {
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
  for (const county of counties) {
    const key = (file: string) => runKeys.result(manifest.surveyYear, county.countyCode, runId, file);
    const files = await renderCountyFiles(county, crs);
    await port.putAll(RESULT_FILES.map((name) => ({ key: key(name), bytes: files.get(name)!, contentType: RESULT_CONTENT_TYPES[name] })));
    const alertBatchId = `${runId}:${county.countyCode}`;
    finished.push({ code: county.countyCode, name: county.countyName, detections: county.detections.length, alertBatchId });
    if (await port.exists(runKeys.alertSent(runId, county.countyCode))) continue;
    const [report, xlsx] = await Promise.all([port.link(key('report.html')), port.link(key('detections.xlsx'))]);
    const links = report && xlsx ? { report: report.url, xlsx: xlsx.url, expiresAt: report.expiresAt < xlsx.expiresAt ? report.expiresAt : xlsx.expiresAt } : undefined;
    const alert = countyAlertFor(county, key, { bucket: port.bucket, links });
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
