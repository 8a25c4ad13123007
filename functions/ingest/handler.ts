// ingest (DESIGN §2, §9): an S3 ObjectCreated event for changes/{year}/….fgb, delivered through the uploads queue.
// Validates the upload (header by range reads, then a scan of every feature), makes an indexed copy when the upload
// has no spatial index, plans tiles as contiguous Hilbert runs, writes the run manifest and enqueues one tile job per
// tile. A rejected upload gets runs/{runId}/status.json with every reason and a `rejected` run event, nothing else.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createRuleSet, landUseCodeTable } from '@landwatch/core';
import { planTiles, readIndexLeaves } from '@landwatch/fgb';
import {
  DEFAULT_TILE_MAX_FEATURES,
  divisionNamesFor,
  runConfigHash,
  indexedCopy,
  openChangeLayer,
  runIdFor,
  scanChangeLayer,
  surveyYearFromKey,
  type RunConfig,
  RUN_STATUS_SCHEMA,
} from '@landwatch/pipeline';
import { s3Client, sqsClient } from '../lib/aws-clients.ts';
import { loadConfig } from '../lib/config.ts';
import { RejectedInputError, TransientError } from '../lib/errors.ts';
import { sendRunEvent } from '../lib/events.ts';
import { sqsRecordHandler, type RecordContext } from '../lib/records.ts';
import { openPinnedLayers, pinnedRegistry } from '../lib/run-layers.ts';
import { MANIFEST_SCHEMA, TILE_JOB_SCHEMA, runKeys, type PinnedObject, type RunManifest, type TileJob } from '../lib/run-objects.ts';
import { createdObjectsOf, type CreatedObject } from '../lib/s3-event.ts';
import { getJsonIfExists, listKeys, putFile, putJson } from '../lib/s3-objects.ts';
import { s3ByteSource } from '../lib/s3-byte-source.ts';

/** Features per tile; a tile is one detect-tile invocation. */
const TILE_MAX_FEATURES = Number(process.env.LANDWATCH_TILE_MAX_FEATURES ?? DEFAULT_TILE_MAX_FEATURES);

interface Rejection {
  runId: string;
  surveyYear?: number;
  upload: { bucket: string; key: string; etag: string; size: number };
}

/** The run a rejection belongs to (set before anything can be rejected). */
const rejectionOf = new WeakMap<RecordContext, Rejection>();

async function ingestObject(obj: CreatedObject, ctx: RecordContext): Promise<void> {
  const cfg = loadConfig();
  const s3 = s3Client();
  const codes = landUseCodeTable();
  const surveyYear = surveyYearFromKey(obj.key);
  const uploadRef = { bucket: obj.bucket, key: obj.key, etag: obj.etag, size: obj.size };
  // a key without a survey year is rejected; its run id carries 'unknown' instead of the year
  const idFor = (hash: string) =>
    surveyYear !== undefined
      ? runIdFor({ surveyYear, bucket: obj.bucket, key: obj.key, etag: obj.etag, configHash: hash })
      : `unknown-${runIdFor({ surveyYear: 1000, bucket: obj.bucket, key: obj.key, etag: obj.etag, configHash: hash }).slice(5)}`;
  if (surveyYear === undefined) {
    rejectionOf.set(ctx, { runId: idFor('no-survey-year'), surveyYear, upload: uploadRef });
    throw new RejectedInputError([`s3://${obj.bucket}/${obj.key}: the key must look like changes/{surveyYear}/{name}.fgb`]);
  }
  const layers = await pinnedRegistry(s3, cfg.referenceBucket, cfg.layersKey).catch((err) => {
    // a broken registry is reported against this upload too: the run cannot start
    rejectionOf.set(ctx, { runId: idFor('registry-unavailable'), surveyYear, upload: uploadRef });
    throw err;
  });
  const config: RunConfig = {
    tileMaxFeatures: TILE_MAX_FEATURES,
    fieldMap: {},
    codeTableVersion: codes.version,
    ruleSetVersion: createRuleSet({ surveyYear }, codes).version,
    layers: layers.map((l) => ({ id: l.id, kind: l.kind, path: l.path, version: l.object.etag })),
  };
  const hash = runConfigHash(config);
  const runId = idFor(hash);
  ctx.setRunId(runId);
  rejectionOf.set(ctx, { runId, surveyYear, upload: uploadRef });

  // a redelivered event: the manifest exists → only re-send the tile jobs whose results are missing
  const existing = await getJsonIfExists<RunManifest>(s3, cfg.resultsBucket, runKeys.manifest(runId));
  if (existing) {
    const done = new Set((await listKeys(s3, cfg.resultsBucket, runKeys.tilesPrefix(runId))).filter((k) => k.endsWith('.json')));
    const missing = existing.tiles.filter((t) => !done.has(runKeys.tileResult(runId, t.tileId)));
    ctx.logger.info('run already ingested; re-sending missing tile jobs', { missing: missing.length });
    await sendTileJobs(runId, missing.map((t) => t.tileId));
    return;
  }

  const head = await s3.send(new HeadObjectCommand({ Bucket: obj.bucket, Key: obj.key, IfMatch: `"${obj.etag}"` })).catch((err) => {
    if ((err as { name?: string }).name === 'PreconditionFailed') throw new TransientError(`s3://${obj.bucket}/${obj.key} changed since the event`, { cause: err });
    throw err;
  });
  const upload: PinnedObject = { bucket: obj.bucket, key: obj.key, etag: obj.etag, size: Number(head.ContentLength ?? obj.size) };
  const source = await s3ByteSource(s3, upload.bucket, upload.key, { etag: upload.etag, size: upload.size });

  // validate: header, layers, then every feature — all reasons together
  const opened = await openChangeLayer(source);
  const { reasons: layerReasons } = await openPinnedLayers(s3, layers); // every layer readable, indexed, supported CRS
  if (!opened.ok) throw new RejectedInputError([...opened.reasons, ...layerReasons]);
  const scan = await scanChangeLayer(opened.layer, codes);
  const reasons = [...scan.reasons, ...layerReasons];
  if (reasons.length > 0) throw new RejectedInputError(reasons);

  // index: tiles need contiguous Hilbert runs; an unindexed upload gets an indexed copy (bounded memory: spilled to /tmp)
  let input: PinnedObject = upload;
  let layer = opened.layer;
  if (layer.header.indexNodeSize === 0) {
    const dir = join(tmpdir(), `landwatch-${runId}`);
    const file = join(dir, 'changes.fgb');
    try {
      const writer = await indexedCopy(source, layer.header, { spillDir: tmpdir() });
      await writer.finishToFile(file);
      const key = runKeys.indexedInput(runId);
      const info = await putFile(s3, cfg.resultsBucket, key, file, { contentType: 'application/octet-stream' });
      input = { bucket: cfg.resultsBucket, key, etag: info.etag, size: info.size };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const reopened = await openChangeLayer(await s3ByteSource(s3, input.bucket, input.key, { etag: input.etag, size: input.size }));
    if (!reopened.ok) throw new Error(`indexed copy unreadable: ${reopened.reasons.join('; ')}`);
    layer = reopened.layer;
  }
  const leaves = await readIndexLeaves(layer.source, layer.header);
  const tiles = planTiles(leaves, layer.header.dataSize, { maxFeatures: TILE_MAX_FEATURES });

  const manifest: RunManifest = {
    schema: MANIFEST_SCHEMA,
    runId,
    surveyYear,
    createdAt: (head.LastModified ?? new Date(0)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    upload,
    input,
    featuresCount: layer.header.featuresCount,
    crsEpsg: layer.crs.epsg,
    config,
    configHash: hash,
    layers,
    tiles,
    divisionNames: divisionNamesFor(scan.townshipCodes),
    areaMismatches: scan.areaMismatches, // issue 13: finalize lists them in summary.json inputChecks
  };
  await putJson(s3, cfg.resultsBucket, runKeys.manifest(runId), manifest);
  await putJson(s3, cfg.resultsBucket, runKeys.status(runId), {
    schema: RUN_STATUS_SCHEMA,
    runId,
    surveyYear,
    state: 'accepted',
    upload,
    features: manifest.featuresCount,
    tiles: tiles.length,
    indexedCopy: input !== upload,
    inputChecks: { areaMismatches: scan.areaMismatches }, // issue 13: declared vs computed area, > 1 % and 1 m²
  });
  await sendTileJobs(runId, tiles.map((t) => t.tileId));
  await sendRunEvent({ type: 'accepted', runId, surveyYear, upload, features: manifest.featuresCount, tiles: tiles.length, statusKey: runKeys.status(runId) });
}

/** Tile jobs go out in batches of 10 (SQS's batch limit); a partially failed batch is retried as a whole. */
async function sendTileJobs(runId: string, tileIds: string[]): Promise<void> {
  const cfg = loadConfig();
  for (let i = 0; i < tileIds.length; i += 10) {
    const batch = tileIds.slice(i, i + 10);
    const out = await sqsClient().send(
      new SendMessageBatchCommand({
        QueueUrl: cfg.tileQueueUrl,
        Entries: batch.map((tileId, j) => {
          const job: TileJob = { schema: TILE_JOB_SCHEMA, runId, tileId, manifestKey: runKeys.manifest(runId) };
          return { Id: String(j), MessageBody: JSON.stringify(job) };
        }),
      }),
    );
    if (out.Failed && out.Failed.length > 0) {
      throw new TransientError(`tile jobs not sent: ${out.Failed.map((f) => `${batch[Number(f.Id)]}: ${f.Message ?? f.Code}`).join('; ')}`);
    }
  }
}

export const handler = sqsRecordHandler(
  'ingest',
  async (record, ctx) => {
    for (const obj of createdObjectsOf(record.body, record.messageId)) await ingestObject(obj, ctx);
  },
  {
    maxReceiveCount: 5,
    onReject: async (error, ctx) => {
      const r = rejectionOf.get(ctx);
      if (!r) throw error;
      const reasons = [...((error as RejectedInputError).reasons ?? [(error as Error).message])];
      const cfg = loadConfig();
      await putJson(s3Client(), cfg.resultsBucket, runKeys.status(r.runId), {
        schema: RUN_STATUS_SCHEMA,
        runId: r.runId,
        surveyYear: r.surveyYear,
        state: 'rejected',
        upload: r.upload,
        reasons,
      });
      await sendRunEvent({ type: 'rejected', runId: r.runId, surveyYear: r.surveyYear, upload: r.upload, reasons, statusKey: runKeys.status(r.runId) });
    },
  },
);
