// The run port on AWS (docs/ARCHITECTURE.md, "The port"): the results bucket holds the run's documents and results,
// objects are read with ETag-pinned range requests, an accepted run starts one Step Functions execution named after
// the run (docs/ORCHESTRATION.md), alerts go to each county's own queue and run events to every data team's queue
// (validated against their JSON Schemas before sending).
import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { CountyAlert } from '@landwatch/core';
import {
  deliveryContentSha256,
  LOCAL_BUCKET,
  openPinnedFile,
  pinFile,
  RejectedInputError,
  sha256File,
  parseLayerRegistry,
  type OpenedSource,
  type PinnedLayer,
  type PinnedObject,
  type RunEventInput,
  type RunPort,
  type RunStart,
  type SharedLink,
  type StoredFile,
} from '@landwatch/pipeline';
import type { Readable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { convertUpload, uploadCompanionKeys } from '@landwatch/formats';
import { s3Client } from './aws-clients.ts';
import { loadConfig } from './config.ts';
import { sendAlert, sendRunEvent } from './events.ts';
import { presignGet } from './presign.ts';
import { exists, getBytes, getToFile, headObject, isNotFound, isPreconditionFailed, listKeys, putBytes, putFile } from './s3-objects.ts';
import { s3ByteSource } from './s3-byte-source.ts';

/** Links in alerts are asked for 7 days; the real expiry (shorter under a Lambda role) is what the message says. */
const LINK_SECONDS = 7 * 24 * 3600;

let sfn: SFNClient | undefined;
/** The container's Step Functions client (AWS_ENDPOINT_URL_SFN points it at an emulator). */
function sfnClient(): SFNClient {
  sfn ??= new SFNClient({ region: loadConfig().region });
  return sfn;
}

/** A delivery downloaded into /tmp: its folder, the delivery's file, every part found (the delivery first) and the
 * required companions that are not in the bucket. */
interface Download {
  dir: string;
  local: string;
  parts: string[];
  missing: string[];
}

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

  async putFile(key: string, path: string, contentType = 'application/octet-stream'): Promise<PinnedObject> {
    const info = await putFile(this.s3, this.bucket, key, path, { contentType });
    return { bucket: this.bucket, key, etag: info.etag, size: info.size };
  }

  async storeFile(key: string, path: string, contentType = 'application/octet-stream'): Promise<void> {
    await putFile(this.s3, this.bucket, key, path, { contentType });
  }

  async open(object: PinnedObject): Promise<OpenedSource> {
    // a delivery converted to FlatGeobuf in this function's /tmp (convertDelivery)
    if (object.bucket === LOCAL_BUCKET) return openPinnedFile(object);
    const source = await s3ByteSource(this.s3, object.bucket, object.key, { etag: object.etag, size: object.size, ...(object.versionId ? { versionId: object.versionId } : {}) });
    return Object.assign(source, { close: async () => {} });
  }

  /** A delivery in another format, downloaded into /tmp once per pinned object: its identity hashes the parts and its
   * conversion reads them (one GET each, not one to hash and another to convert). */
  private readonly downloads = new Map<string, Promise<Download>>();

  /** The delivery (the pinned version) and a Shapefile's companions (as they are now) in a folder of /tmp. Missing
   * companions are listed, not thrown: the conversion rejects the upload naming them. */
  private download(object: PinnedObject): Promise<Download> {
    const id = `${object.bucket}/${object.key}#${object.versionId ?? object.etag}`;
    let download = this.downloads.get(id);
    if (!download) {
      download = (async () => {
        const dir = await mkdtemp(join(this.tmpDir, 'landwatch-delivery-'));
        const local = join(dir, object.key.slice(object.key.lastIndexOf('/') + 1));
        await getToFile(this.s3, object.bucket, object.key, local, { ifMatch: object.etag, ...(object.versionId ? { versionId: object.versionId } : {}) });
        const parts = [local];
        const missing: string[] = [];
        const { required, optional } = uploadCompanionKeys(object.key);
        for (const key of [...required, ...optional]) {
          const path = join(dir, key.slice(key.lastIndexOf('/') + 1));
          const found = await getToFile(this.s3, object.bucket, key, path).then(
            () => true,
            (err: Error) => {
              if (err.name === 'ObjectNotFoundError') return false;
              throw err;
            },
          );
          if (found) parts.push(path);
          else if (required.includes(key)) missing.push(key);
        }
        return { dir, local, parts, missing };
      })();
      this.downloads.set(id, download);
    }
    return download;
  }

  /** Removes what download() left in /tmp (a conversion's folder is removed by the ingest already). */
  async releaseDownloads(): Promise<void> {
    const downloads = [...this.downloads.values()];
    this.downloads.clear();
    await Promise.all(downloads.map((d) => d.then((x) => rm(x.dir, { recursive: true, force: true }), () => undefined)));
  }

  /** sha256 of the upload's bytes: a FlatGeobuf streamed through the hash (one GET, memory bounded by the stream's
   * chunks; it is read in place later), a delivery to convert from its download, every part of the set counted. */
  async contentSha256(object: PinnedObject): Promise<string> {
    if (!/\.fgb$/i.test(object.key)) {
      const { parts } = await this.download(object);
      return deliveryContentSha256(await Promise.all(parts.map(async (path) => ({ suffix: extname(path), sha256: await sha256File(path) }))));
    }
    const response = await this.s3.send(
      new GetObjectCommand({ Bucket: object.bucket, Key: object.key, ...(object.versionId ? { VersionId: object.versionId } : { IfMatch: `"${object.etag}"` }) }),
    );
    const hash = createHash('sha256');
    for await (const chunk of response.Body as Readable) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /** PutObject with `If-None-Match: *`: S3 answers 412 when the key exists (409 when a concurrent conditional write is
   * in flight: also lost). */
  async claim(file: StoredFile): Promise<boolean> {
    try {
      await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: file.key, Body: file.bytes, ContentType: file.contentType, IfNoneMatch: '*' }));
      return true;
    } catch (err) {
      if (isPreconditionFailed(err) || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 409) return false;
      throw err;
    }
  }

  /** Converts a delivery in another format (downloaded once, with a Shapefile's companions) in /tmp. */
  async convertDelivery(object: PinnedObject, options: { layer?: string; spatialIndex: boolean }): Promise<PinnedObject | undefined> {
    if (/\.fgb$/i.test(object.key)) return undefined;
    const { dir, local, missing } = await this.download(object);
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

  /** One execution of the run state machine named after the run: a second start of the same run (a duplicate S3
   * event, the same bytes uploaded again) is refused by Step Functions as ExecutionAlreadyExists — a no-op here. */
  async startRun(start: RunStart): Promise<void> {
    const stateMachineArn = this.config.stateMachineArn;
    if (!stateMachineArn) throw new Error('LANDWATCH_STATE_MACHINE_ARN is not set: ingest cannot start the run');
    try {
      await sfnClient().send(new StartExecutionCommand({ stateMachineArn, name: start.runId, input: JSON.stringify(start) }));
    } catch (err) {
      if ((err as Error).name !== 'ExecutionAlreadyExists') throw err;
    }
  }

  /** To every data team's queue (one queue per team: a shared queue would hand each event to one team only). */
  async sendRunEvent(event: RunEventInput): Promise<void> {
    const occurredAt = new Date().toISOString();
    for (const queueUrl of this.config.runEventsQueueUrl.split(',').map((u) => u.trim())) await sendRunEvent({ ...event, occurredAt }, { queueUrl });
  }

  /** To the county's own queue when it has one, else to the unrouted queue (alarmed; never dropped). */
  async sendAlert(alert: CountyAlert): Promise<string> {
    const { alertQueueUrlTemplate: template, alertCounties } = this.config;
    const own = template && alertCounties.includes(alert.county.code) ? template.replace('{countyCode}', alert.county.code) : undefined;
    return (await sendAlert(alert, { queueUrl: own ?? this.config.alertsQueueUrl })).messageId;
  }

  link(key: string): Promise<SharedLink> {
    return presignGet(this.s3, this.bucket, key, LINK_SECONDS).then((l) => ({ url: l.url, expiresAt: l.expiresAt }));
  }
}
