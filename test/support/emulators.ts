// S3 (s3rver) and SQS (local-aws-sqs) emulators in this process, on loopback with free ports, set up like the
// real stack: three buckets, the five queues with DLQs, and the environment of docs/ARCHITECTURE.md, "Handler contract"
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createRequestHandler } from 'local-aws-sqs';
import S3rver from 's3rver';
import { enforceIfNoneMatch } from './s3-conditional-writes.ts';

/** s3rver only accepts this key pair (its built-in dummy account); SQS accepts anything. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const EMULATOR_REGION = 'us-east-1';

/** The queues of the stack. */
export interface StackQueues {
  uploads: string;
  uploadsDlq: string;
  tiles: string;
  tilesDlq: string;
  finalize: string;
  finalizeDlq: string;
  alerts: string;
  runEvents: string;
}

/** The buckets of the stack. */
export interface StackBuckets {
  uploads: string;
  reference: string;
  results: string;
}

/** Running emulators. */
export interface Emulators {
  /** `http://127.0.0.1:{port}` */
  s3Endpoint: string;
  sqsEndpoint: string;
  region: string;
  buckets: StackBuckets;
  queues: StackQueues;
  /** docs/ARCHITECTURE.md, "Handler contract" variables + AWS_REGION, dummy credentials, AWS_ENDPOINT_URL_S3/SQS, LANDWATCH_S3_FORCE_PATH_STYLE. */
  env: Record<string, string>;
  /** Clients for the test itself (explicit endpoints and credentials; path-style; checksums WHEN_REQUIRED). */
  s3: S3Client;
  sqs: SQSClient;
  /** s3rver's data directory (removed by stop). */
  directory: string;
  /** Stops both servers, destroys the clients, removes the directory. */
  stop(): Promise<void>;
}

/** Options of startEmulators. */
export interface StartEmulatorsOptions {
  /** Redrive maxReceiveCount of uploads, tiles and finalize, default 3 (as deployed). */
  maxReceiveCount?: number;
  /** Default visibility timeout of every queue in seconds, default 30. */
  visibilityTimeoutSeconds?: number;
  /** LANDWATCH_LAYERS_KEY, default `layers/layers.json`. */
  layersKey?: string;
  /** Bucket name prefix (valid DNS label), default `landwatch`. */
  bucketPrefix?: string;
}

/** Starts s3rver and local-aws-sqs and creates the stack's buckets and queues. */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<Emulators> {
  enableSingleDesForS3rver();
  const region = EMULATOR_REGION;
  const directory = await mkdtemp(join(tmpdir(), 'landwatch-s3rver-'));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, resetOnClose: false });
  enforceIfNoneMatch(s3rver);
  const s3Address = (await s3rver.run()) as { port: number };
  const { server: sqsServer, port: sqsPort } = await startSqsServer(region);
  const s3Endpoint = `http://127.0.0.1:${s3Address.port}`;
  const sqsEndpoint = `http://127.0.0.1:${sqsPort}`;
  const s3 = emulatorS3Client(s3Endpoint);
  const sqs = emulatorSqsClient(sqsEndpoint);

  const prefix = options.bucketPrefix ?? 'landwatch';
  const buckets: StackBuckets = { uploads: `${prefix}-uploads`, reference: `${prefix}-reference`, results: `${prefix}-results` };
  for (const bucket of Object.values(buckets)) await createBucket(s3, bucket);
  const queues = await createStackQueues(sqs, {
    maxReceiveCount: options.maxReceiveCount ?? 3,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
  });

  const env: Record<string, string> = {
    LANDWATCH_UPLOADS_BUCKET: buckets.uploads,
    LANDWATCH_REFERENCE_BUCKET: buckets.reference,
    LANDWATCH_RESULTS_BUCKET: buckets.results,
    LANDWATCH_TILE_QUEUE_URL: queues.tiles,
    LANDWATCH_FINALIZE_QUEUE_URL: queues.finalize,
    LANDWATCH_ALERTS_QUEUE_URL: queues.alerts,
    LANDWATCH_RUN_EVENTS_QUEUE_URL: queues.runEvents,
    LANDWATCH_LAYERS_KEY: options.layersKey ?? 'layers/layers.json',
    LANDWATCH_S3_FORCE_PATH_STYLE: 'true',
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    AWS_ENDPOINT_URL_SQS: sqsEndpoint,
  };

  let stopped = false;
  return {
    s3Endpoint,
    sqsEndpoint,
    region,
    buckets,
    queues,
    env,
    s3,
    sqs,
    directory,
    async stop() {
      if (stopped) return;
      stopped = true;
      s3.destroy();
      sqs.destroy();
      await Promise.all([closeServer(s3rver.httpServer as Server | undefined), closeServer(sqsServer)]);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** An S3 client for s3rver: explicit endpoint and credentials, path-style, checksums only when required. */
export function emulatorS3Client(endpoint: string): S3Client {
  return new S3Client({
    region: EMULATOR_REGION,
    endpoint,
    forcePathStyle: true,
    credentials: EMULATOR_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** An SQS client for local-aws-sqs. */
export function emulatorSqsClient(endpoint: string): SQSClient {
  return new SQSClient({ region: EMULATOR_REGION, endpoint, credentials: EMULATOR_CREDENTIALS });
}

/** Creates a bucket; the name must be a valid DNS name of 3–63 chars (s3rver rejects others). */
export async function createBucket(s3: S3Client, name: string): Promise<void> {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) throw new Error(`not a valid bucket name: ${name}`);
  await s3.send(new CreateBucketCommand({ Bucket: name }));
}

/** Options of createQueue. */
export interface QueueOptions {
  /** Default visibility timeout in seconds. */
  visibilityTimeoutSeconds?: number;
  /** Dead-letter queue URL and maxReceiveCount. */
  deadLetter?: { queueUrl: string; maxReceiveCount: number };
  /** FIFO only: ContentBasedDeduplication. */
  contentBasedDeduplication?: boolean;
}

/** Creates a queue (FIFO when the name ends with `.fifo`) and returns its URL. */
export async function createQueue(sqs: SQSClient, name: string, options: QueueOptions = {}): Promise<string> {
  const fifo = name.endsWith('.fifo');
  const attributes: Record<string, string> = {
    VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
    ...(fifo ? { FifoQueue: 'true', ContentBasedDeduplication: String(options.contentBasedDeduplication ?? false) } : {}),
  };
  if (options.deadLetter) {
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: await queueArn(sqs, options.deadLetter.queueUrl),
      maxReceiveCount: options.deadLetter.maxReceiveCount,
    });
  }
  const response = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!response.QueueUrl) throw new Error(`CreateQueue ${name} returned no URL`);
  return response.QueueUrl;
}

/** The ARN of a queue. */
export async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const response = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const arn = response.Attributes?.QueueArn;
  if (!arn) throw new Error(`no QueueArn for ${queueUrl}`);
  return arn;
}

/**
 * The stack's queues: uploads, tiles and finalize.fifo consumed by the functions, each with a DLQ; alerts.fifo
 * and run-events for the outside. finalize.fifo has ContentBasedDeduplication on (explicit ids still win).
 */
export async function createStackQueues(
  sqs: SQSClient,
  options: { maxReceiveCount: number; visibilityTimeoutSeconds: number },
): Promise<StackQueues> {
  const base = { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds };
  const withDlq = (queueUrl: string) => ({ ...base, deadLetter: { queueUrl, maxReceiveCount: options.maxReceiveCount } });
  const uploadsDlq = await createQueue(sqs, 'landwatch-uploads-dlq', base);
  const tilesDlq = await createQueue(sqs, 'landwatch-tiles-dlq', base);
  const finalizeDlq = await createQueue(sqs, 'landwatch-finalize-dlq.fifo', base);
  return {
    uploads: await createQueue(sqs, 'landwatch-uploads', withDlq(uploadsDlq)),
    uploadsDlq,
    tiles: await createQueue(sqs, 'landwatch-tiles', withDlq(tilesDlq)),
    tilesDlq,
    finalize: await createQueue(sqs, 'landwatch-finalize.fifo', { ...withDlq(finalizeDlq), contentBasedDeduplication: true }),
    finalizeDlq,
    alerts: await createQueue(sqs, 'landwatch-alerts.fifo', base),
    runEvents: await createQueue(sqs, 'landwatch-run-events', base),
  };
}

/** Sets variables on process.env; returns a function restoring the previous values. */
export function applyEnv(env: Record<string, string>): () => void {
  const previous = new Map(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * local-aws-sqs in this process on a free loopback port. What createSqsServer does, plus one fix: its
 * ChangeMessageVisibility goes through the receive path and adds 1 to ApproximateReceiveCount, so a message
 * whose visibility is reset after a failure reached the DLQ after half the deliveries. Each queue's
 * changeVisibility is wrapped to restore the count (the message wrapper is captured when it is created).
 */
async function startSqsServer(region: string): Promise<{ server: Server; port: number }> {
  const { requestHandler, service } = createRequestHandler({ port: 0, hostname: '127.0.0.1', region, emulateQueueCreationLifecycle: false });
  const queues = service.Queues as unknown as PatchableQueue[];
  const push = queues.push;
  queues.push = function (...added: PatchableQueue[]) {
    added.forEach(keepReceiveCountOnVisibilityChange);
    return push.apply(this, added);
  };
  const server = createServer(requestHandler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  service.PORT = port; // queue URLs carry the port
  return { server, port };
}

interface QueueMessage {
  record: { MessageId: string; attributes: Record<string, string> };
}
interface PatchableQueue {
  newRecord: (record: QueueMessage['record'], delay?: number) => QueueMessage;
  changeVisibility: (receiptHandle: string, visibilityTimeout: string) => boolean;
}

function keepReceiveCountOnVisibilityChange(queue: PatchableQueue): void {
  const messages = new Map<string, QueueMessage>();
  const newRecord = queue.newRecord;
  queue.newRecord = (record, delay) => {
    const message = newRecord(record, delay);
    messages.set(record.MessageId, message);
    return message;
  };
  const changeVisibility = queue.changeVisibility.bind(queue);
  queue.changeVisibility = (receiptHandle, visibilityTimeout) => {
    const message = messages.get(messageIdOfReceiptHandle(receiptHandle) ?? '');
    const count = message?.record.attributes.ApproximateReceiveCount;
    const changed = changeVisibility(receiptHandle, visibilityTimeout);
    if (message && count !== undefined) message.record.attributes.ApproximateReceiveCount = count;
    return changed;
  };
}

/** local-aws-sqs receipt handles are base64 of `{uuid}{"date":…,"MessageId":…,"QueueName":…}`. */
function messageIdOfReceiptHandle(receiptHandle: string): string | undefined {
  try {
    const text = Buffer.from(receiptHandle, 'base64').toString('utf8');
    return (JSON.parse(text.slice(text.indexOf('{'))) as { MessageId?: string }).MessageId;
  } catch {
    return undefined;
  }
}

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES ('des' = DES-CBC), which OpenSSL 3 (Node ≥ 17)
 * only has in its legacy provider: every truncated listing (> 1000 keys, or MaxKeys) answers 500 InternalError.
 * DES-EDE-CBC with the key K‖K is the same cipher as DES-CBC with K, and is in the default provider, so this
 * process's crypto maps exactly that case. Nothing else is touched; it is a no-op where DES works.
 */
function enableSingleDesForS3rver(): void {
  const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto') & { landwatchDesPatched?: boolean };
  if (crypto.landwatchDesPatched) return;
  crypto.landwatchDesPatched = true;
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return;
  } catch {
    // unsupported: patch below
  }
  const isSingleDes = (algorithm: string, key: unknown) => algorithm.toLowerCase() === 'des' && Buffer.isBuffer(key) && key.length === 8;
  const createCipheriv = crypto.createCipheriv;
  const createDecipheriv = crypto.createDecipheriv;
  crypto.createCipheriv = ((algorithm: string, key: Buffer, ...rest: unknown[]) =>
    isSingleDes(algorithm, key)
      ? (createCipheriv as Function)('des-ede-cbc', Buffer.concat([key, key]), ...rest)
      : (createCipheriv as Function)(algorithm, key, ...rest)) as typeof crypto.createCipheriv;
  crypto.createDecipheriv = ((algorithm: string, key: Buffer, ...rest: unknown[]) =>
    isSingleDes(algorithm, key)
      ? (createDecipheriv as Function)('des-ede-cbc', Buffer.concat([key, key]), ...rest)
      : (createDecipheriv as Function)(algorithm, key, ...rest)) as typeof crypto.createDecipheriv;
}

async function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
