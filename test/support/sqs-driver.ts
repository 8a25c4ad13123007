// Drives SQS-consuming handlers the way Lambda's SQS event source does: receive a batch, invoke the handler with
// a real-shaped SQSEvent, delete what succeeded, let the batchItemFailures reappear (and reach the DLQ).
import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from './emulators.ts';

/** Any Lambda handler for SQS events (partial batch responses or not). */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

/** Options of pumpQueue. */
export interface PumpOptions {
  /** SQS client; default: one for the queue URL's origin with dummy credentials. */
  sqs?: SQSClient;
  /** Records per invocation, 1–10 (Lambda's BatchSize). Default 10. */
  batchSize?: number;
  /** Visibility timeout set on receive, in seconds. Default 30. */
  visibilityTimeout?: number;
  /** Receive rounds before giving up. Default 100. */
  maxRounds?: number;
  /** Make failed records visible again at once (ChangeMessageVisibility 0) instead of after the timeout. Default true. */
  retryImmediately?: boolean;
  /**
   * Batches invoked in parallel per round, like concurrent Lambda instances. Default 1. Ignored (1) on FIFO queues:
   * local-aws-sqs does not hold back a message group while one of its messages is in flight, so parallel batches
   * could process one group concurrently, which SQS + Lambda never do.
   */
  concurrency?: number;
  /** Lambda timeout reported by the fake context's getRemainingTimeInMillis. Default 60 000. */
  timeoutMillis?: number;
  /** Function name in the fake context. Default `landwatch-test`. */
  functionName?: string;
}

/** One handler invocation. */
export interface Invocation {
  messageIds: string[];
  /** Ids reported failed (all of them when the handler threw or answered with unknown ids). */
  failedIds: string[];
  /** The handler's error, when it threw. */
  error?: unknown;
}

/** What pumpQueue did. */
export interface PumpResult {
  rounds: number;
  received: number;
  deleted: number;
  failed: number;
  invocations: Invocation[];
}

/**
 * Pumps one queue until a receive comes back empty (or maxRounds): each round receives up to `concurrency`
 * batches, invokes the handler for each in parallel, deletes the records not in batchItemFailures and, by default,
 * makes the failed ones visible again at once so redelivery (and the DLQ after maxReceiveCount) happens quickly.
 */
export async function pumpQueue(queueUrl: string, handler: SqsHandler, options: PumpOptions = {}): Promise<PumpResult> {
  const pump = new QueuePump(queueUrl, handler, options);
  const maxRounds = options.maxRounds ?? 100;
  while (pump.result.rounds < maxRounds) {
    if ((await pump.round()) === 0) break;
  }
  return pump.result;
}

/** One consumer for drainAll. */
export interface Consumer {
  queueUrl: string;
  handler: SqsHandler;
  options?: PumpOptions;
}

/** Options of drainAll. */
export interface DrainOptions {
  /**
   * `pipeline` (default): always serve the first queue in the list that has a visible message, so downstream
   * queues run only when upstream ones are empty. `round-robin`: one round per queue per pass.
   */
  order?: 'pipeline' | 'round-robin';
  /** Rounds over all queues before giving up. Default 500. */
  maxRounds?: number;
  /** When nothing is visible but messages are in flight or delayed, wait up to this long for them. Default 5000. */
  settleTimeoutMillis?: number;
}

/** What drainAll did, per queue URL, and what is left in flight or delayed. */
export interface DrainResult {
  perQueue: Record<string, PumpResult>;
  rounds: number;
  /** Messages still invisible or delayed when drainAll returned (0 when every queue is empty). */
  leftInFlight: number;
}

/** Pumps several queues until all of them are empty: no visible, in-flight or delayed message. */
export async function drainAll(consumers: Consumer[], options: DrainOptions = {}): Promise<DrainResult> {
  const pumps = consumers.map((c) => new QueuePump(c.queueUrl, c.handler, c.options ?? {}));
  const maxRounds = options.maxRounds ?? 500;
  const settleTimeout = options.settleTimeoutMillis ?? 5000;
  let rounds = 0;
  let settleDeadline: number | undefined;
  let leftInFlight = 0;
  while (rounds < maxRounds) {
    let received = 0;
    for (const pump of pumps) {
      rounds++;
      received += await pump.round();
      if (received > 0 && options.order !== 'round-robin') break;
    }
    if (received > 0) {
      settleDeadline = undefined;
      continue;
    }
    leftInFlight = 0;
    for (const pump of pumps) leftInFlight += await pump.pendingCount();
    if (leftInFlight === 0) break;
    settleDeadline ??= Date.now() + settleTimeout;
    if (Date.now() > settleDeadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { perQueue: Object.fromEntries(pumps.map((p) => [p.queueUrl, p.result])), rounds, leftInFlight };
}

/** Messages in a queue: visible, in flight (not visible) and delayed. */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<{ visible: number; inFlight: number; delayed: number }> {
  const response = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  const a = response.Attributes ?? {};
  return {
    visible: Number(a.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
  };
}

/** Receives (and deletes) every visible message of a queue, e.g. to read the alerts a run sent. */
export async function receiveAll(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const response = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 30,
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const batch = response.Messages ?? [];
    if (batch.length === 0) return messages;
    messages.push(...batch);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
}

const clients = new Map<string, SQSClient>();

function clientFor(queueUrl: string): SQSClient {
  const origin = new URL(queueUrl).origin;
  let client = clients.get(origin);
  if (!client) {
    client = new SQSClient({ region: EMULATOR_REGION, endpoint: origin, credentials: EMULATOR_CREDENTIALS });
    clients.set(origin, client);
  }
  return client;
}

class QueuePump {
  readonly result: PumpResult = { rounds: 0, received: 0, deleted: 0, failed: 0, invocations: [] };
  private readonly sqs: SQSClient;
  private arn: string | undefined;

  constructor(
    readonly queueUrl: string,
    private readonly handler: SqsHandler,
    private readonly options: PumpOptions,
  ) {
    this.sqs = options.sqs ?? clientFor(queueUrl);
  }

  /** One round: receive up to `concurrency` batches, invoke, acknowledge. Returns the number of messages received. */
  async round(): Promise<number> {
    this.result.rounds++;
    const batches: Message[][] = [];
    const concurrency = this.queueUrl.endsWith('.fifo') ? 1 : (this.options.concurrency ?? 1);
    for (let i = 0; i < concurrency; i++) {
      const batch = await this.receive();
      if (batch.length === 0) break;
      batches.push(batch);
    }
    if (batches.length === 0) return 0;
    await Promise.all(batches.map((batch) => this.invoke(batch)));
    return batches.reduce((n, b) => n + b.length, 0);
  }

  async pendingCount(): Promise<number> {
    const depth = await queueDepth(this.sqs, this.queueUrl);
    return depth.inFlight + depth.delayed + depth.visible;
  }

  private async receive(): Promise<Message[]> {
    const response = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: this.options.batchSize ?? 10,
        VisibilityTimeout: this.options.visibilityTimeout ?? 30,
        WaitTimeSeconds: 0,
        // local-aws-sqs ignores MessageSystemAttributeNames (NOTES.md).
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    return response.Messages ?? [];
  }

  private async invoke(messages: Message[]): Promise<void> {
    this.arn ??= await this.queueArn();
    const event: SQSEvent = { Records: messages.map((m) => lambdaRecord(m, this.arn!)) };
    const ids = messages.map((m) => m.MessageId!);
    let failedIds: string[];
    let error: unknown;
    try {
      const response = await this.handler(event, fakeLambdaContext(this.options));
      const reported = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      // Lambda fails the whole batch when a reported id is empty or not in the batch.
      failedIds = reported.every((id) => ids.includes(id)) ? [...new Set(reported)] : ids;
    } catch (thrown) {
      error = thrown;
      failedIds = ids;
    }
    this.result.invocations.push({ messageIds: ids, failedIds, ...(error !== undefined ? { error } : {}) });
    this.result.received += messages.length;
    this.result.failed += failedIds.length;
    const succeeded = messages.filter((m) => !failedIds.includes(m.MessageId!));
    const failed = messages.filter((m) => failedIds.includes(m.MessageId!));
    if (succeeded.length > 0) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: succeeded.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
      this.result.deleted += succeeded.length;
    }
    if (failed.length > 0 && (this.options.retryImmediately ?? true)) {
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: failed.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
        }),
      );
    }
  }

  private async queueArn(): Promise<string> {
    const response = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['QueueArn'] }));
    return response.Attributes?.QueueArn ?? `arn:aws:sqs:${EMULATOR_REGION}:000000000000:${this.queueUrl.split('/').pop()}`;
  }
}

/** A received message as Lambda's event source presents it. */
export function lambdaRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'AIDAEMULATOR',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
      ...(attributes.MessageDeduplicationId ? { MessageDeduplicationId: attributes.MessageDeduplicationId } : {}),
      ...(attributes.SequenceNumber ? { SequenceNumber: attributes.SequenceNumber } : {}),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: queueArn.split(':')[3] || EMULATOR_REGION,
  };
}

/** A Lambda context with a working getRemainingTimeInMillis. */
export function fakeLambdaContext(options: { functionName?: string; timeoutMillis?: number } = {}): Context {
  const functionName = options.functionName ?? 'landwatch-test';
  const deadline = Date.now() + (options.timeoutMillis ?? 60_000);
  const unsupported = () => {
    throw new Error('callback-style Lambda context methods are not supported');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${EMULATOR_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `emulated/${randomUUID()}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
