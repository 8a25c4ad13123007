// Stage "finalize" (docs/ARCHITECTURE.md): once every tile of a run is done, each county is finalized on its own —
// merge that county's tile results, write its result files, send its one alert — and then the run is finished (status
// and run event). On AWS the run's state machine calls finalizeCounty once per county and then finishRun
// (docs/ORCHESTRATION.md); the CLI calls finalizeRun, which does the same in a row. Result files are deterministic (the
// run's time is the upload's), so a repeated finalize rewrites identical bytes; the alert is claimed before it is sent
// (alert-claim.ts), so a county never gets a second alert for the same run.
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { classificationOfTable, crsFromEpsg, mergeTileResults, type CountyResult, type Crs } from '@landwatch/core';
import { sendAlertOnce } from './alert-claim.ts';
import { countyAlertFor } from './county-alert-file.ts';
import { countyFilePath, countyFiles, FILE_ABOVE, RESULT_CONTENT_TYPES, throughFiles, writeTextFile } from './county-files.ts';
import { readManifest, readTileResults, writeRunStatus } from './run-documents.ts';
import type { RunPort } from './run-port.ts';
import { taskTexts } from './task-files.ts'; // issue 11: task packages
import { utf8Bytes } from './utf8-chunks.ts';
import { caseHistoryFor, withHistory } from './case-history.ts'; // issue 11: history across survey years
import type { RegisterStore } from './register-files.ts'; // issue 11
import { countyTiles, runKeys, type FinalizeRequest, type FinishedCounty, type RunManifest } from './run-protocol.ts';

export interface FinalizeTimings {
  mergeMs: number;
  writeMs: number;
}

export type FinalizeOutcome = { state: 'finished'; manifest: RunManifest; counties: CountyResult[]; timings: FinalizeTimings };

export type FinalizeCountyOutcome = { finished: FinishedCounty; county: CountyResult | undefined; timings: FinalizeTimings };

export interface FinalizeOptions {
  /** issue 11: where earlier runs and answers are kept (default: the port's own store; the CLI passes --out) */
  history?: RegisterStore;
  /** above this many detections a county's large files go through files in the port's tmpDir (default FILE_ABOVE;
   * tests set 0 to send a small county that way) */
  fileAbove?: number;
}

/** Merges one county of the run from its own tiles only: in a multi-county run (a province split by county at
 * ingest) the county's tiles hold its pieces alone, so its finalize reads a county's worth of tile results, not the
 * province's. In a single-county run every tile is the county's. */
async function mergeCounty(port: RunPort, manifest: RunManifest, countyCode: string): Promise<CountyResult | undefined> {
  // detections and overlaps are kept by county as each tile is read (every one of them is the county's when the
  // run's tiles are split by county); the counts — pieces, repairs, issues — are those of the tiles read
  const tiles = await readTileResults(
    port,
    manifest,
    (doc) => ({ ...doc, detections: doc.detections.filter((d) => d.row.county_code === countyCode), overlaps: doc.overlaps.filter((o) => o.row.county_code === countyCode) }),
    countyTiles(manifest, countyCode),
  );
  const crs = crsFromEpsg(manifest.crsEpsg);
  const counties = mergeTileResults(tiles, {
    runId: manifest.runId,
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
  return counties.find((c) => c.countyCode === countyCode);
}

/**
 * issue 11: the county result with the register's view written in, each alert's case for the task files, and the
 * alert's case counts. The register itself stays in here: it holds every detection's outline again, in lon/lat (to
 * match places across survey years), which at a million pieces is a second copy of the county's geometry that none
 * of the files reads; the cases handed on keep everything but that outline.
 */
async function registerView(store: RegisterStore, merged: CountyResult, crs: Crs, asOf: string) {
  const history = await caseHistoryFor(store, merged, crs, asOf);
  return { county: withHistory(merged, history), caseOfAlert: history.caseOfAlert, counts: { cases: history.cases, repeats: history.repeats.length } };
}

/** Writes one county's result files and task packages and sends its alert (at most once per run). */
async function deliverCounty(port: RunPort, manifest: RunManifest, merged: CountyResult, options: FinalizeOptions): Promise<FinishedCounty> {
  const { runId } = manifest;
  const crs = crsFromEpsg(manifest.crsEpsg);
  // issue 11: the case register's view of this county (repeats, suppressed false changes, case counts)
  const { county, caseOfAlert, counts } = await registerView(options.history ?? port, merged, crs, manifest.createdAt.slice(0, 10));
  const key = (file: string) => runKeys.result(manifest.surveyYear, county.countyCode, runId, file);
  // each file is stored as soon as it is made, so one file's bytes are held at a time, not all of them (gigabytes at
  // a million pieces); the files appear together anyway: the local port's commit moves the folder in one rename,
  // and on AWS nothing points at them before the alert below
  // (a large county's layers, CSV, workbook and report come as files in the port's tmpDir, made without holding them
  // in memory, and are moved or uploaded from there)
  const fileDir = join(port.tmpDir, `finalize-${county.countyCode}`);
  try {
    const fileAbove = options.fileAbove ?? FILE_ABOVE;
    for await (const f of countyFiles(county, crs, fileDir, fileAbove)) {
      if (f.path === undefined) await port.putAll([{ key: key(f.name), bytes: f.bytes, contentType: RESULT_CONTENT_TYPES[f.name] }]);
      else await port.storeFile(key(f.name), f.path, RESULT_CONTENT_TYPES[f.name]);
    }
    // issue 11: the task packages for the field (tasks/{township}.kml / .csv), beside the results; a large county's
    // through files too (a township's KML is tens of megabytes at a million pieces)
    const asFiles = throughFiles(county, fileAbove);
    for (const t of taskTexts(county, crs, caseOfAlert)) {
      if (!asFiles) {
        await port.putAll([{ key: key(t.name), bytes: utf8Bytes(t.parts), contentType: t.contentType }]);
        continue;
      }
      const path = countyFilePath(fileDir, county.countyCode, t.name);
      await writeTextFile(path, t.parts);
      await port.storeFile(key(t.name), path, t.contentType);
    }
  } finally {
    await rm(fileDir, { recursive: true, force: true });
  }
  const [report, xlsx] = await Promise.all([port.link(key('report.html')), port.link(key('detections.xlsx'))]);
  const links = report && xlsx ? { report: report.url, xlsx: xlsx.url, expiresAt: report.expiresAt < xlsx.expiresAt ? report.expiresAt : xlsx.expiresAt } : undefined;
  // the case counts of the county's register (the verification round trip)
  const alert = countyAlertFor(county, key, { bucket: port.bucket, links }, counts);
  await sendAlertOnce(port, alert);
  return { code: county.countyCode, name: county.countyName, detections: county.detections.length, alertBatchId: alert.alertBatchId };
}

/** One county of a run: its result files and its one alert. A county without any piece in the tiles (it cannot
 * happen for a county ingest listed) gets nothing and reports 0 detections. */
export async function finalizeCounty(
  port: RunPort,
  request: Pick<FinalizeRequest, 'runId' | 'manifestKey' | 'countyCode'>,
  options: FinalizeOptions = {},
): Promise<FinalizeCountyOutcome> {
  const manifest = await readManifest(port, request.manifestKey);
  const tMerge = performance.now();
  const county = await mergeCounty(port, manifest, request.countyCode);
  const mergeMs = performance.now() - tMerge;
  const tWrite = performance.now();
  const finished = county
    ? await deliverCounty(port, manifest, county, options)
    : { code: request.countyCode, name: '', detections: 0, alertBatchId: `${manifest.runId}:${request.countyCode}` };
  return { finished, county, timings: { mergeMs, writeMs: performance.now() - tWrite } };
}

/** The run is finished: the `finished` status and run event, from what each county's finalize returned. */
export async function finishRun(port: RunPort, request: { manifestKey: string; counties: FinishedCounty[] }): Promise<string> {
  const manifest = await readManifest(port, request.manifestKey);
  const finished = [...request.counties].sort((a, b) => a.code.localeCompare(b.code));
  const statusKey = await writeRunStatus(port, {
    runId: manifest.runId,
    surveyYear: manifest.surveyYear,
    state: 'finished',
    upload: manifest.upload,
    features: manifest.featuresCount,
    tiles: manifest.tiles.length,
    counties: finished,
  });
  await port.sendRunEvent({
    type: 'finished',
    runId: manifest.runId,
    surveyYear: manifest.surveyYear,
    detections: finished.reduce((n, c) => n + c.detections, 0),
    counties: finished.map(({ code, detections, alertBatchId }) => ({ code, detections, alertBatchId })),
    statusKey,
  });
  return statusKey;
}

/** The run failed (a tile or a county's finalize exhausted its retries): the `failed` status and a run event. */
export async function failRun(port: RunPort, request: { manifestKey: string; reason: string; tileId?: string }): Promise<string> {
  const manifest = await readManifest(port, request.manifestKey);
  const reason = request.reason.slice(0, 1000);
  const statusKey = await writeRunStatus(port, {
    runId: manifest.runId,
    surveyYear: manifest.surveyYear,
    state: 'failed',
    upload: manifest.upload,
    ...(request.tileId ? { tileId: request.tileId } : {}),
    reason,
  });
  await port.sendRunEvent({ type: 'tile-failed', runId: manifest.runId, surveyYear: manifest.surveyYear, tileId: request.tileId ?? 'finalize', reason, statusKey });
  return statusKey;
}

/** Every county in a row, each merged from its own tiles as the counties Map does, then the run's end: what the
 * state machine does after the tiles, in one call (the CLI). */
export async function finalizeRun(port: RunPort, request: Pick<FinalizeRequest, 'runId' | 'manifestKey'>, options: FinalizeOptions = {}): Promise<FinalizeOutcome> {
  const manifest = await readManifest(port, request.manifestKey);
  const timings: FinalizeTimings = { mergeMs: 0, writeMs: 0 };
  const counties: CountyResult[] = [];
  const finished: FinishedCounty[] = [];
  for (const countyCode of manifest.counties) {
    const tMerge = performance.now();
    const county = await mergeCounty(port, manifest, countyCode);
    timings.mergeMs += performance.now() - tMerge;
    if (!county) continue;
    const tWrite = performance.now();
    finished.push(await deliverCounty(port, manifest, county, options));
    timings.writeMs += performance.now() - tWrite;
    counties.push(county);
  }
  const tEnd = performance.now();
  await finishRun(port, { manifestKey: request.manifestKey, counties: finished });
  timings.writeMs += performance.now() - tEnd;
  return { state: 'finished', manifest, counties, timings };
}
