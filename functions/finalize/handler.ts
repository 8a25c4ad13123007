// finalize (DESIGN §2, §6, §9): when every tile of a run is done, merge the tile results per county, write the
// result files under results/{year}/{county}/{runId}/, send one alert per county and a `finished` run event.
//
// Exactly one effective finalize per runId: requests arrive on a FIFO queue (group = runId, so never two at once for a
// run; dedup id = runId). Result files are deterministic (the run's time comes from the manifest), so a repeated
// finalize rewrites identical bytes. Each county's alert is sent once: a marker runs/{runId}/alerts/{county}.json is
// written after the send and checked before it; a crash between send and marker repeats the send with the same
// alertBatchId, which the FIFO alerts queue drops (5-minute window) and consumers deduplicate on (DESIGN §6).
import type { SQSRecord } from 'aws-lambda';
import { buildCountyAlert, crsFromEpsg, maxSeverity, mergeTileResults, type TileResult } from '@landwatch/core';
import { renderCountyFiles, RESULT_FILES, RUN_STATUS_SCHEMA } from '@landwatch/pipeline';
import { s3Client } from '../lib/aws-clients.ts';
import { loadConfig } from '../lib/config.ts';
import { MalformedMessageError, NotReadyError, StaleMessageError } from '../lib/errors.ts';
import { sendAlert, sendRunEvent } from '../lib/events.ts';
import { presignGet } from '../lib/presign.ts';
import { recordJson, sqsRecordHandler, type RecordContext } from '../lib/records.ts';
import { FINALIZE_REQUEST_SCHEMA, runKeys, type FinalizeRequest, type RunManifest } from '../lib/run-objects.ts';
import { exists, getBytes, getJsonIfExists, listKeys, putBytes, putJson } from '../lib/s3-objects.ts';

/** Links in alerts are asked for 7 days; the real expiry (shorter under a Lambda role) is what the message says. */
const LINK_SECONDS = 7 * 24 * 3600;

const CONTENT_TYPES: Record<string, string> = {
  'detections.fgb': 'application/octet-stream',
  'overlaps.fgb': 'application/octet-stream',
  'detections.csv': 'text/csv; charset=utf-8',
  'balance.csv': 'text/csv; charset=utf-8',
  'summary.json': 'application/json',
  'report.html': 'text/html; charset=utf-8',
};

export async function finalizeRun(request: FinalizeRequest, ctx: Pick<RecordContext, 'logger'>): Promise<void> {
  const cfg = loadConfig();
  const s3 = s3Client();
  const { runId } = request;
  if (await exists(s3, cfg.resultsBucket, runKeys.finalized(runId))) {
    ctx.logger.info('run already finalized');
    return;
  }
  const manifest = await getJsonIfExists<RunManifest>(s3, cfg.resultsBucket, request.manifestKey);
  if (!manifest) throw new StaleMessageError(`no manifest at ${request.manifestKey}`);
  const done = new Set(await listKeys(s3, cfg.resultsBucket, runKeys.tilesPrefix(runId)));
  const missing = manifest.tiles.filter((t) => !done.has(runKeys.tileResult(runId, t.tileId)));
  if (missing.length > 0) throw new NotReadyError(`${missing.length} of ${manifest.tiles.length} tiles not done yet (first: ${missing[0].tileId})`);

  const tiles: TileResult[] = [];
  for (const t of manifest.tiles) {
    tiles.push(JSON.parse(new TextDecoder().decode(await getBytes(s3, cfg.resultsBucket, runKeys.tileResult(runId, t.tileId)))) as TileResult);
  }
  const crs = crsFromEpsg(manifest.crsEpsg);
  const counties = mergeTileResults(tiles, {
    runId,
    surveyYear: manifest.surveyYear,
    generatedAt: manifest.createdAt,
    input: { file: `s3://${manifest.upload.bucket}/${manifest.upload.key}`, featuresCount: manifest.featuresCount, crs: `EPSG:${crs.epsg} ${crs.name}`, sha256OrEtag: manifest.upload.etag },
    codeTableVersion: manifest.config.codeTableVersion,
    ruleSetVersion: manifest.config.ruleSetVersion,
    layers: manifest.layers.map((l) => ({ id: l.id, kind: l.kind, title: l.title, source: l.path, version: l.object.etag })),
    inputChecks: {
      tiles: manifest.tiles.length,
      indexedCopyMade: manifest.input.key !== manifest.upload.key,
      areaMismatches: manifest.areaMismatches ?? [], // issue 13: declared vs computed area, > 1 % and 1 m²
    },
  });

  const sent: { code: string; detections: number; alertBatchId: string }[] = [];
  for (const county of counties) {
    const files = await renderCountyFiles(county, crs);
    const key = (file: string) => runKeys.result(manifest.surveyYear, county.countyCode, runId, file);
    for (const name of RESULT_FILES) {
      await putBytes(s3, cfg.resultsBucket, key(name), files.get(name)!, { contentType: CONTENT_TYPES[name] });
    }
    const alertBatchId = `${runId}:${county.countyCode}`;
    sent.push({ code: county.countyCode, detections: county.detections.length, alertBatchId });
    if (await exists(s3, cfg.resultsBucket, runKeys.alertSent(runId, county.countyCode))) continue;
    const link = await presignGet(s3, cfg.resultsBucket, key('report.html'), LINK_SECONDS);
    const alert = buildCountyAlert(county, {
      bucket: cfg.resultsBucket,
      detections: key('detections.fgb'),
      overlaps: key('overlaps.fgb'),
      csv: key('detections.csv'),
      summary: key('summary.json'),
      report: key('report.html'),
      links: { report: link.url, expiresAt: link.expiresAt },
    });
    const message = await sendAlert(alert);
    await putJson(s3, cfg.resultsBucket, runKeys.alertSent(runId, county.countyCode), {
      alertBatchId,
      messageId: message.messageId,
      maxSeverity: maxSeverity(county),
    });
  }
  const detections = counties.reduce((n, c) => n + c.detections.length, 0);
  await putJson(s3, cfg.resultsBucket, runKeys.status(runId), {
    schema: RUN_STATUS_SCHEMA,
    runId,
    surveyYear: manifest.surveyYear,
    state: 'done',
    upload: manifest.upload,
    features: manifest.featuresCount,
    tiles: manifest.tiles.length,
    counties: sent,
  });
  // the event before the marker: a crash in between repeats the event (harmless), never loses it
  await sendRunEvent({ type: 'finished', runId, surveyYear: manifest.surveyYear, detections, counties: sent, statusKey: runKeys.status(runId) });
  await putJson(s3, cfg.resultsBucket, runKeys.finalized(runId), { runId, counties: sent });
}

function parseRequest(record: SQSRecord): FinalizeRequest {
  const r = recordJson<FinalizeRequest>(record);
  if (r?.schema !== FINALIZE_REQUEST_SCHEMA || typeof r.runId !== 'string' || typeof r.manifestKey !== 'string') {
    throw new MalformedMessageError(`not a ${FINALIZE_REQUEST_SCHEMA} message`, record.messageId);
  }
  return r;
}

export const handler = sqsRecordHandler(
  'finalize',
  async (record, ctx) => {
    const request = parseRequest(record);
    ctx.setRunId(request.runId);
    await finalizeRun(request, ctx);
  },
  { maxReceiveCount: 3 },
);
