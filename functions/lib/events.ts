// Sending county alerts and run events to their queues (docs/ARCHITECTURE.md, "The county alert"), validated against their JSON Schemas.
import { SendMessageCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import { sqsClient } from './aws-clients.ts';
import { loadConfig } from './config.ts';
import { validateCountyAlert, validateRunEvent } from './message-schemas.ts';
import {
  RUN_EVENT_SCHEMA,
  SEVERITIES,
  type CountyAlert,
  type RunEvent,
  type RunEventInput,
} from './messages.ts';

/** SQS's message size limit as docs/ARCHITECTURE.md, "The county alert" states it: body plus attributes. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** Where to send; defaults to the container's client and the queue URL from the environment. */
export interface SendOptions {
  /** SQS client; default: the container's. */
  sqs?: SQSClient;
  /** Queue URL; default: LANDWATCH_ALERTS_QUEUE_URL or LANDWATCH_RUN_EVENTS_QUEUE_URL. */
  queueUrl?: string;
}

/** A message is larger than SQS accepts. */
export class MessageTooLargeError extends Error {
  override readonly name = 'MessageTooLargeError';
  constructor(
    readonly schema: string,
    readonly bytes: number,
  ) {
    super(`${schema} message is ${bytes} bytes with its attributes, more than ${MAX_MESSAGE_BYTES}`);
  }
}

/** What was sent. */
export interface SentMessage {
  /** SQS message id. */
  messageId: string;
  /** The exact body sent. */
  body: string;
}

/**
 * Sends one county alert. Validated first (an invalid alert is a bug: MessageValidationError). On a FIFO queue
 * MessageGroupId = county code and MessageDeduplicationId = alertBatchId, so a repeated send within SQS's 5-minute
 * window is dropped by SQS; consumers of a standard queue deduplicate on alertBatchId.
 * Attributes: countyCode, maxSeverity (`none` without detections), schema.
 */
export async function sendAlert(alert: CountyAlert, options: SendOptions = {}): Promise<SentMessage> {
  validateCountyAlert(alert);
  const queueUrl = options.queueUrl ?? loadConfig().alertsQueueUrl;
  const attributes = {
    countyCode: stringAttribute(alert.county.code),
    maxSeverity: stringAttribute(maxSeverityOf(alert)),
    // the schema the message names (v2 now; a v1 message re-sent for an old consumer says v1)
    schema: stringAttribute(alert.schema),
  };
  return send(options.sqs ?? sqsClient(), queueUrl, JSON.stringify(alert), attributes, alert.schema, {
    groupId: alert.county.code,
    deduplicationId: alert.alertBatchId,
  });
}

/**
 * Sends one run event; `schema` is added and `occurredAt` defaults to now. On a FIFO queue the group is the run
 * and the deduplication id `{runId}:{type}` (plus `:{tileId}` for tile-failed).
 * Attributes: runId, type, schema.
 */
export async function sendRunEvent(input: RunEventInput & { occurredAt?: string }, options: SendOptions = {}): Promise<SentMessage> {
  const event: RunEvent = { ...input, schema: RUN_EVENT_SCHEMA, occurredAt: input.occurredAt ?? new Date().toISOString() };
  validateRunEvent(event);
  const queueUrl = options.queueUrl ?? loadConfig().runEventsQueueUrl;
  const attributes = {
    runId: stringAttribute(event.runId),
    type: stringAttribute(event.type),
    schema: stringAttribute(RUN_EVENT_SCHEMA),
  };
  const deduplicationId = [event.runId, event.type, ...(event.type === 'tile-failed' ? [event.tileId] : [])].join(':');
  return send(options.sqs ?? sqsClient(), queueUrl, JSON.stringify(event), attributes, RUN_EVENT_SCHEMA, {
    groupId: event.runId,
    deduplicationId: deduplicationId.slice(0, 128),
  });
}

/** The most severe severity with detections, or `none`. */
export function maxSeverityOf(alert: CountyAlert): string {
  const counts = alert.totals.bySeverity as Partial<Record<string, number>>;
  return SEVERITIES.find((severity) => (counts[severity] ?? 0) > 0) ?? 'none';
}

/** Whether a queue URL names a FIFO queue. */
export function isFifoQueue(queueUrl: string): boolean {
  return queueUrl.endsWith('.fifo');
}

async function send(
  sqs: SQSClient,
  queueUrl: string,
  body: string,
  attributes: Record<string, MessageAttributeValue>,
  schema: string,
  fifo: { groupId: string; deduplicationId: string },
): Promise<SentMessage> {
  const bytes = messageBytes(body, attributes);
  if (bytes > MAX_MESSAGE_BYTES) throw new MessageTooLargeError(schema, bytes);
  const response = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageAttributes: attributes,
      ...(isFifoQueue(queueUrl) ? { MessageGroupId: fifo.groupId, MessageDeduplicationId: fifo.deduplicationId } : {}),
    }),
  );
  return { messageId: response.MessageId ?? '', body };
}

function stringAttribute(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}

/** SQS counts the body and each attribute's name, type and value. */
function messageBytes(body: string, attributes: Record<string, MessageAttributeValue>): number {
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? '');
  }
  return bytes;
}
