// ingest (docs/ARCHITECTURE.md): an S3 ObjectCreated event for changes/{year}/….fgb (or .gpkg, .zip, .shp, any case;
// docs/FORMATS.md), delivered through the uploads queue. Pins the upload to the event's version (VersionId on the
// versioned uploads bucket, else the ETag) and runs the ingest stage with the classification its S3 metadata names;
// the stage starts the run's state machine execution. A rejected upload is answered by the stage itself (status and
// run event), so the record is acknowledged either way. Other keys (a Shapefile's .dbf, …) are not uploads: dropped.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { classificationFromMetadata } from '@landwatch/core';
import { isAcceptedUploadKey } from '@landwatch/formats';
import { DEFAULT_INPUT_LIMITS, ingestRun, surveyYearFromKey } from '@landwatch/pipeline';
import { s3Client } from '../lib/aws-clients.ts';
import { AwsRunPort } from '../lib/aws-port.ts';
import { TransientError } from '../lib/errors.ts';
import { sqsRecordHandler, type RecordContext } from '../lib/records.ts';
import { createdObjectsOf, type CreatedObject } from '../lib/s3-event.ts';

/** Features per tile; a tile is one detect-tile invocation. */
const TILE_MAX_FEATURES = process.env.LANDWATCH_TILE_MAX_FEATURES ? Number(process.env.LANDWATCH_TILE_MAX_FEATURES) : undefined;
/** Positions the protection layers of a run may hold (default 100 M): province-wide layers hold more (docs/SCALE.md). */
const MAX_RUN_VERTICES = process.env.LANDWATCH_MAX_RUN_VERTICES ? Number(process.env.LANDWATCH_MAX_RUN_VERTICES) : undefined;

async function ingestObject(obj: CreatedObject, ctx: RecordContext): Promise<void> {
  // S3 notification filters are case-sensitive, so the suffix is checked here (in any case)
  if (!isAcceptedUploadKey(obj.key)) {
    ctx.logger.info('not an upload key; ignored', { key: obj.key });
    return;
  }
  const pin = obj.versionId ? { VersionId: obj.versionId } : { IfMatch: `"${obj.etag}"` };
  const head = await s3Client()
    .send(new HeadObjectCommand({ Bucket: obj.bucket, Key: obj.key, ...pin }))
    .catch((err: Error) => {
      if (err.name === 'PreconditionFailed') throw new TransientError(`s3://${obj.bucket}/${obj.key} changed since the event`, { cause: err });
      throw err;
    });
  // a delivery in another format is downloaded once (its run id hashes every part, its conversion reads them): the
  // port keeps the download in /tmp until the record is done
  const port = new AwsRunPort();
  const outcome = await ingestRun(port, {
    upload: { bucket: obj.bucket, key: obj.key, etag: obj.etag, size: Number(head.ContentLength ?? obj.size), ...(obj.versionId ? { versionId: obj.versionId } : {}) },
    modifiedAt: head.LastModified ?? new Date(0),
    declaredYear: surveyYearFromKey(obj.key),
    tileMaxFeatures: TILE_MAX_FEATURES,
    ...(MAX_RUN_VERTICES ? { limits: { ...DEFAULT_INPUT_LIMITS, maxRunVertices: MAX_RUN_VERTICES } } : {}),
    classification: classificationFromMetadata(head.Metadata),
  }).finally(() => port.releaseDownloads());
  ctx.setRunId(outcome.state === 'accepted' ? outcome.manifest.runId : outcome.runId);
  if (outcome.state === 'rejected') ctx.logger.warn('upload rejected', { reasons: outcome.reasons });
  else ctx.logger.info(outcome.resumed ? 'run already ingested; started again (a no-op if it runs)' : 'run accepted', { tiles: outcome.manifest.tiles.length });
}

export const handler = sqsRecordHandler('ingest', async (record, ctx) => {
  for (const obj of createdObjectsOf(record.body, record.messageId)) await ingestObject(obj, ctx);
});
