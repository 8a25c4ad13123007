// A pipeline "world" for end-to-end tests: S3 and SQS emulators on loopback, the real handlers, a generated county
// uploaded the way a data team would, and helpers to drive the queues like Lambda's SQS event source.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { applyEnv, startEmulators, type Emulators } from '../support/emulators.ts';
import { notifyObjectCreated } from '../support/s3-notifications.ts';
import { drainAll, receiveAll, type SqsHandler } from '../support/sqs-driver.ts';

export const UPLOAD_KEY = 'changes/2024/431102-lingling.fgb';

export interface Handlers {
  ingest: SqsHandler;
  detectTile: SqsHandler;
  finalize: SqsHandler;
}

export interface World {
  emu: Emulators;
  handlers: Handlers;
  /** puts the generated county's layers and registry into the reference bucket, the change layer into uploads */
  upload(changesFile?: string, key?: string): Promise<void>;
  notify(key?: string): Promise<void>;
  /** runs every queue to empty, in pipeline order (uploads → tiles → finalize) */
  drain(overrides?: Partial<Handlers>, opts?: { tileConcurrency?: number }): Promise<void>;
  /** deletes every object of the results bucket (a fault case then runs the same upload from scratch) */
  emptyResults(): Promise<void>;
  /** every key under a prefix of the results bucket with its bytes */
  objects(prefix: string): Promise<Map<string, Buffer>>;
  getJson<T = any>(key: string): Promise<T>;
  /** receives (and deletes) every message of a queue */
  messages(queueUrl: string): Promise<Message[]>;
  close(): Promise<void>;
}

/** Starts a world. `dataDir` holds a generated county (landwatch generate). */
export async function startWorld(dataDir: string, opts: { tileMaxFeatures?: number } = {}): Promise<World> {
  const emu = await startEmulators();
  const restoreEnv = applyEnv({
    ...emu.env,
    LANDWATCH_TILE_MAX_FEATURES: String(opts.tileMaxFeatures ?? 120),
    // keep test output readable: the fault cases fail on purpose; no log or metric lines
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  // handlers read their configuration at first use: import them after the environment is set
  const handlers: Handlers = {
    ingest: (await import('../../functions/ingest/handler.ts')).handler as unknown as SqsHandler,
    detectTile: (await import('../../functions/detect-tile/handler.ts')).handler as unknown as SqsHandler,
    finalize: (await import('../../functions/finalize/handler.ts')).handler as unknown as SqsHandler,
  };
  const changesFile = (await readdir(dataDir)).find((f) => f.endsWith('.fgb'))!;
  const layersKey = emu.env.LANDWATCH_LAYERS_KEY;

  const world: World = {
    emu,
    handlers,
    async upload(file = join(dataDir, changesFile), key = UPLOAD_KEY) {
      const registry = JSON.parse(await readFile(join(dataDir, 'layers.json'), 'utf8')) as { layers: { path: string }[] };
      for (const l of registry.layers) {
        await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.reference, Key: l.path, Body: await readFile(join(dataDir, l.path)) }));
      }
      await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.reference, Key: layersKey, Body: JSON.stringify(registry) }));
      await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.uploads, Key: key, Body: await readFile(file) }));
    },
    async notify(key = UPLOAD_KEY) {
      await notifyObjectCreated(emu.s3, emu.sqs, emu.queues.uploads, emu.buckets.uploads, key);
    },
    async drain(overrides = {}, o = {}) {
      const h = { ...handlers, ...overrides };
      const r = await drainAll(
        [
          { queueUrl: emu.queues.uploads, handler: h.ingest, options: { batchSize: 1 } },
          { queueUrl: emu.queues.tiles, handler: h.detectTile, options: { batchSize: 1, concurrency: o.tileConcurrency ?? 1 } },
          { queueUrl: emu.queues.finalize, handler: h.finalize, options: { batchSize: 1 } },
        ],
        { maxRounds: 2000 },
      );
      if (r.leftInFlight > 0) throw new Error(`queues did not drain: ${r.leftInFlight} left in flight`);
    },
    async emptyResults() {
      const keys = [...(await world.objects('')).keys()];
      for (const Key of keys) await emu.s3.send(new DeleteObjectCommand({ Bucket: emu.buckets.results, Key }));
    },
    async objects(prefix) {
      const out = new Map<string, Buffer>();
      let token: string | undefined;
      do {
        const page = await emu.s3.send(new ListObjectsV2Command({ Bucket: emu.buckets.results, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
          const body = await emu.s3.send(new GetObjectCommand({ Bucket: emu.buckets.results, Key: o.Key! }));
          out.set(o.Key!, Buffer.from(await body.Body!.transformToByteArray()));
        }
        token = page.NextContinuationToken;
      } while (token);
      return out;
    },
    async getJson(key) {
      const body = await emu.s3.send(new GetObjectCommand({ Bucket: emu.buckets.results, Key: key }));
      return JSON.parse(await body.Body!.transformToString());
    },
    messages: (queueUrl) => receiveAll(emu.sqs, queueUrl),
    async close() {
      restoreEnv();
      await emu.stop();
    },
  };
  return world;
}

/** Wraps a handler so that the first invocation for a matching record runs for real and then "crashes" before the
 * record is acknowledged (as a Lambda that times out after writing its output). */
export function crashAfterFirst(handler: SqsHandler, matches: (body: string) => boolean): SqsHandler {
  let crashed = false;
  return async (event: SQSEvent, context) => {
    const result = (await handler(event, context)) as SQSBatchResponse | undefined;
    const hit = event.Records.find((r) => matches(r.body));
    if (hit && !crashed) {
      crashed = true;
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
    }
    return result;
  };
}
