// The run port on AWS (docs/ARCHITECTURE.md, "The port"): the results bucket holds the run's documents and results,
// objects are read with ETag-pinned range requests, tile jobs and finalize requests go to their SQS queues, alerts
// and run events to theirs (validated against their JSON Schemas before sending).
//
// Fan-in (tileDone): after a tile's result is stored, one LIST of the run's tile results tells whether every tile is
// done; if so a finalize request goes to the FIFO finalize queue with MessageDeduplicationId = runId. Two tiles
// finishing at the same instant both send it; SQS keeps one, and finalize is idempotent anyway.
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { CountyAlert } from '@landwatch/core';
import {
  finalizeRequestFor,
  LOCAL_BUCKET,
  openPinnedFile,
  pinFile,
  RejectedInputError,
  parseLayerRegistry,
  pendingTiles,
  type OpenedSource,
  type PinnedLayer,
  type PinnedObject,
  type RunEventInput,
  type RunManifest,
  type RunPort,
  type SharedLink,
  type StoredFile,
  type TileJob,
} from '@landwatch/pipeline';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertUpload, uploadCompanionKeys } from '@landwatch/formats';
import { s3Client, sqsClient } from './aws-clients.ts';
import { loadConfig } from './config.ts';
import { TransientError } from './errors.ts';
import { sendAlert, sendRunEvent } from './events.ts';
import { presignGet } from './presign.ts';
import { exists, getBytes, getToFile, headObject, isNotFound, listKeys, putBytes, putFile } from './s3-objects.ts';
import { s3ByteSource } from './s3-byte-source.ts';

/** Links in alerts are asked for 7 days; the real expiry (shorter under a Lambda role) is what the message says. */
const LINK_SECONDS = 7 * 24 * 3600;

/** SQS's batch limit. */
const SQS_BATCH = 10;

export class AwsRunPort implements RunPort {
  private readonly config = loadConfig();
  private readonly s3 = s3Client();
  readonly bucket = this.config.resultsBucket;
  readonly location = `s3://${this.config.resultsBucket}`;
  readonly tmpDir = tmpdir();

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await getBytes(this.s3, this.bucket, key);
    } catch (err) {
      if (isNotFound(err) || (err as Error).name === 'ObjectNotFoundError') return undefined;
      throw err;
    }
  }

  async put(file: StoredFile): Promise<void> {
    await putBytes(this.s3, this.bucket, file.key, file.bytes, { contentType: file.contentType });
  }

  async putAll(files: readonly StoredFile[]): Promise<void> {
    for (const f of files) await this.put(f);
  }

  exists(key: string): Promise<boolean> {
    return exists(this.s3, this.bucket, key);
  }

  list(prefix: string): Promise<string[]> {
    return listKeys(this.s3, this.bucket, prefix);
  }

  async putFile(key: string, path: string): Promise<PinnedObject> {
    const info = await putFile(this.s3, this.bucket, key, path, { contentType: 'application/octet-stream' });
    return { bucket: this.bucket, key, etag: info.etag, size: info.size };
  }

  async open(object: PinnedObject): Promise<OpenedSource> {
    // a delivery converted to FlatGeobuf in this function's /tmp (convertDelivery)
    if (object.bucket === LOCAL_BUCKET) return openPinnedFile(object);
    const source = await s3ByteSource(this.s3, object.bucket, object.key, { etag: object.etag, size: object.size });
    return Object.assign(source, { close: async () => {} });
  }

  /** Downloads a delivery in another format (with a Shapefile's companions) into /tmp and converts it once. */
  async convertDelivery(object: PinnedObject, options: { layer?: string; spatialIndex: boolean }): Promise<PinnedObject | undefined> {
    if (/\.fgb$/i.test(object.key)) return undefined;
    const dir = await mkdtemp(join(this.tmpDir, 'landwatch-delivery-'));
    const name = object.key.slice(object.key.lastIndexOf('/') + 1);
    const local = join(dir, name);
    // the delivery itself at its pinned version; a Shapefile's companions as they are now
    await getToFile(this.s3, object.bucket, object.key, local, { ifMatch: object.etag });
    const { required, optional } = uploadCompanionKeys(object.key);
    const missing: string[] = [];
    for (const key of [...required, ...optional]) {
      const found = await getToFile(this.s3, object.bucket, key, join(dir, key.slice(key.lastIndexOf('/') + 1))).then(
        () => true,
        (err: Error) => {
          if (err.name === 'ObjectNotFoundError') return false;
          throw err;
        },
      );
      if (!found && required.includes(key)) missing.push(key);
    }
    if (missing.length > 0) {
      throw new RejectedInputError([`${object.key}: the Shapefile's ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not in the bucket; upload the set as one .zip, or upload these before the .shp`]);
    }
    const path = await convertUpload(local, { tmpDir: dir, outPath: join(dir, 'converted.fgb'), layer: options.layer, displayName: object.key, spatialIndex: options.spatialIndex });
    return pinFile(path);
  }

  /** Reads layers.json from the reference bucket and pins every layer it names to its current ETag. */
  async layers(): Promise<{ layers: PinnedLayer[]; reasons: string[] }> {
    const { referenceBucket: bucket, layersKey } = this.config;
    const where = `layer registry s3://${bucket}/${layersKey}`;
    let text: string;
    try {
      text = new TextDecoder().decode(await getBytes(this.s3, bucket, layersKey));
    } catch (err) {
      if ((err as Error).name === 'ObjectNotFoundError') return { layers: [], reasons: [`${where}: does not exist`] };
      throw err;
    }
    let entries;
    try {
      entries = parseLayerRegistry(text, `s3://${bucket}/${layersKey}`);
    } catch (err) {
      const reasons = (err as { reasons?: string[] }).reasons ?? [(err as Error).message];
      return { layers: [], reasons: reasons.map((r) => `${where}: ${r}`) };
    }
    const layers: PinnedLayer[] = [];
    const reasons: string[] = [];
    for (const e of entries) {
      const info = await headObject(this.s3, bucket, e.path);
      if (!info) reasons.push(`layer ${e.id}: s3://${bucket}/${e.path} does not exist`);
      else layers.push({ ...e, object: { bucket, key: e.path, etag: info.etag, size: info.size } });
    }
    return { layers, reasons };
  }

  async sendTileJobs(jobs: readonly TileJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += SQS_BATCH) {
      const batch = jobs.slice(i, i + SQS_BATCH);
      const out = await sqsClient().send(
        new SendMessageBatchCommand({
          QueueUrl: this.config.tileQueueUrl,
          Entries: batch.map((job, j) => ({ Id: String(j), MessageBody: JSON.stringify(job) })),
        }),
      );
      // a partly failed batch is retried as a whole (tile jobs are idempotent)
      if (out.Failed && out.Failed.length > 0) {
        throw new TransientError(`tile jobs not sent: ${out.Failed.map((f) => `${batch[Number(f.Id)].tileId}: ${f.Message ?? f.Code}`).join('; ')}`);
      }
    }
  }

  async tileDone(manifest: RunManifest): Promise<void> {
    if ((await pendingTiles(this, manifest)).length > 0) return;
    const runId = manifest.runId;
    const queueUrl = this.config.finalizeQueueUrl;
    await sqsClient().send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(finalizeRequestFor(runId)),
        ...(queueUrl.endsWith('.fifo') ? { MessageGroupId: runId, MessageDeduplicationId: runId } : {}),
      }),
    );
  }

  async sendRunEvent(event: RunEventInput): Promise<void> {
    await sendRunEvent(event);
  }

  async sendAlert(alert: CountyAlert): Promise<string> {
    return (await sendAlert(alert)).messageId;
  }

  link(key: string): Promise<SharedLink> {
    return presignGet(this.s3, this.bucket, key, LINK_SECONDS).then((l) => ({ url: l.url, expiresAt: l.expiresAt }));
  }
}
