// detect-tile (DESIGN §2, §9): one tile job. Reads only the tile's byte range of the change layer and only the
// protection features inside the tile's bbox (FlatGeobuf index over S3 range requests), runs the detection stage,
// writes runs/{runId}/tiles/{tileId}.fgb and then .json (the done marker, written last).
//
// Fan-in: after its marker is written, a tile lists runs/{runId}/tiles/; when every tile's marker is there it sends
// a finalize request to the FIFO finalize queue with MessageDeduplicationId = runId. Two tiles finishing at the same
// instant both send it; SQS FIFO keeps one, and finalize is idempotent anyway. A tile processed twice finds its marker
// and only repeats the fan-in check (its outputs are deterministic, so a rewrite would be byte-identical).
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createRuleSet, crsFromEpsg, DETECTION_COLUMNS, divisionNamesFrom, landUseCodeTable } from '@landwatch/core';
import { openChangeLayer, resultLayerBytes, runTile, RUN_STATUS_SCHEMA } from '@landwatch/pipeline';
import { s3Client, sqsClient } from '../lib/aws-clients.ts';
import { loadConfig } from '../lib/config.ts';
import { MalformedMessageError, StaleMessageError } from '../lib/errors.ts';
import { sendRunEvent } from '../lib/events.ts';
import { recordJson, sqsRecordHandler } from '../lib/records.ts';
import { openPinnedLayers } from '../lib/run-layers.ts';
import { FINALIZE_REQUEST_SCHEMA, TILE_JOB_SCHEMA, runKeys, type FinalizeRequest, type RunManifest, type TileJob } from '../lib/run-objects.ts';
import { exists, getJsonIfExists, listKeys, putBytes, putJson } from '../lib/s3-objects.ts';
import { s3ByteSource } from '../lib/s3-byte-source.ts';

export async function processTileJob(job: TileJob, messageId = ''): Promise<void> {
  const cfg = loadConfig();
  const s3 = s3Client();
  const manifest = await getJsonIfExists<RunManifest>(s3, cfg.resultsBucket, job.manifestKey);
  if (!manifest) throw new StaleMessageError(`no manifest at ${job.manifestKey} (run expired or never ingested)`);
  const tile = manifest.tiles.find((t) => t.tileId === job.tileId);
  if (!tile) throw new MalformedMessageError(`tile ${job.tileId} is not in the plan of run ${job.runId}`, messageId);

  const resultKey = runKeys.tileResult(job.runId, job.tileId);
  if (!(await exists(s3, cfg.resultsBucket, resultKey))) {
    const source = await s3ByteSource(s3, manifest.input.bucket, manifest.input.key, { etag: manifest.input.etag, size: manifest.input.size });
    const opened = await openChangeLayer(source, manifest.config.fieldMap);
    if (!opened.ok) throw new Error(`run input unreadable: ${opened.reasons.join('; ')}`);
    // issue 13: ingest validated these pinned layer versions in full; a tile reads only their headers
    const { layers, reasons } = await openPinnedLayers(s3, manifest.layers, { scan: false });
    if (reasons.length > 0) throw new Error(`protection layers unreadable: ${reasons.join('; ')}`);
    const codes = landUseCodeTable(manifest.config.codeTableVersion);
    const result = await runTile(tile, {
      runId: job.runId,
      surveyYear: manifest.surveyYear,
      changes: opened.layer,
      layers,
      rules: createRuleSet({ surveyYear: manifest.surveyYear }, codes),
      names: divisionNamesFrom(manifest.divisionNames),
    });
    // the tile's detections as a layer (for inspection), then the full result as JSON: the done marker, last
    const layer = await resultLayerBytes(`detections-${job.tileId}`, undefined, crsFromEpsg(manifest.crsEpsg), DETECTION_COLUMNS, result.detections);
    await putBytes(s3, cfg.resultsBucket, runKeys.tileLayer(job.runId, job.tileId), layer, { contentType: 'application/octet-stream' });
    const { readMs, ...rest } = result;
    await putBytes(s3, cfg.resultsBucket, resultKey, new TextEncoder().encode(JSON.stringify({ ...rest, readMs: Math.round(readMs) })), {
      contentType: 'application/json',
    });
  }

  // fan-in: the last tile to finish (or any tile seeing all markers) asks for finalize
  const done = new Set((await listKeys(s3, cfg.resultsBucket, runKeys.tilesPrefix(job.runId))).filter((k) => k.endsWith('.json')));
  if (manifest.tiles.every((t) => done.has(runKeys.tileResult(job.runId, t.tileId)))) {
    const request: FinalizeRequest = { schema: FINALIZE_REQUEST_SCHEMA, runId: job.runId, manifestKey: job.manifestKey };
    await sqsClient().send(
      new SendMessageCommand({
        QueueUrl: cfg.finalizeQueueUrl,
        MessageBody: JSON.stringify(request),
        ...(cfg.finalizeQueueUrl.endsWith('.fifo') ? { MessageGroupId: job.runId, MessageDeduplicationId: job.runId } : {}),
      }),
    );
  }
}

export const handler = sqsRecordHandler(
  'detect-tile',
  async (record, ctx) => {
    const job = recordJson<TileJob>(record);
    if (job?.schema !== TILE_JOB_SCHEMA || typeof job.runId !== 'string' || typeof job.tileId !== 'string') {
      throw new MalformedMessageError(`not a ${TILE_JOB_SCHEMA} message`, record.messageId);
    }
    ctx.setRunId(job.runId);
    ctx.setTileId(job.tileId);
    await processTileJob(job, record.messageId);
  },
  {
    maxReceiveCount: 3,
    // the last failed attempt before the DLQ: tell the data team the run cannot finish
    onFinalFailure: async (error, ctx) => {
      if (!ctx.runId || !ctx.tileId) return;
      const reason = (error as Error).message.slice(0, 1000);
      await putJson(s3Client(), loadConfig().resultsBucket, runKeys.status(ctx.runId), {
        schema: RUN_STATUS_SCHEMA,
        runId: ctx.runId,
        state: 'failed',
        failedTile: ctx.tileId,
        reason,
      });
      await sendRunEvent({
        type: 'tile-failed',
        runId: ctx.runId,
        tileId: ctx.tileId,
        reason,
        receiveCount: ctx.receiveCount,
      });
    },
  },
);
