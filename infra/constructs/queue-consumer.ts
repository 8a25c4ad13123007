// One logical unit of the pipeline: a queue, its dead-letter queue and the Lambda function that consumes it.
import { Duration, type Size } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { addFunctionParts } from './landwatch-function.ts';

/**
 * Queue visibility timeout as a multiple of the consumer's timeout (AWS guidance for Lambda SQS event sources:
 * at least six times, so a message is not redelivered while retries of a throttled batch are still running).
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
/** How long the queue keeps a message that nobody consumed. */
const QUEUE_RETENTION = Duration.days(4);
/** How long a dead-letter queue keeps a message (counted from its first enqueue on a standard queue). */
const DEAD_LETTER_RETENTION = Duration.days(14);
export interface QueueConsumerProps {
  /** Folder under `functions/` that holds `handler.ts` (named export `handler`). */
  readonly functionName: string;
  /** Longest time one invocation may run; the queue's visibility timeout is 6 × this. */
  readonly timeout: Duration;
  /** Memory in MB; CPU grows with it (1769 MB = one vCPU). */
  readonly memorySize: number;
  /** Size of /tmp; default 512 MiB. */
  readonly ephemeralStorageSize?: Size;
  /** Records per invocation (1–10). */
  readonly batchSize: number;
  /** Most concurrent invocations the event source starts (2–1000); default: no limit but the account's. */
  readonly maxConcurrency?: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** FIFO queue and FIFO dead-letter queue; the producer sets MessageGroupId and MessageDeduplicationId. */
  readonly fifo?: boolean;
  /** Environment variables of the function: only the ones its handler reads. */
  readonly environment: Readonly<Record<string, string>>;
  /** Packages installed beside the bundle instead of bundled (they load files from their own folder at run time). */
  readonly nodeModules?: readonly string[];
  /** Retention of the function's log group. */
  readonly logRetention: RetentionDays;
  /** Powertools service name (a dimension of every metric, a field of every log line). */
  readonly serviceName: string;
  /** Powertools metrics namespace. */
  readonly metricsNamespace: string;
  /** Concurrency reserved for the function; AWS's SQS guidance: at least the event source's maximum concurrency. */
  readonly reservedConcurrency?: number;
}

/** Queue → Lambda (partial batch responses) with a dead-letter queue, a dedicated role and a log group. */
export class QueueConsumer extends Construct {
  /** The queue the function consumes. */
  readonly queue: Queue;
  /** Where a message goes after `maxReceiveCount` failed receives. */
  readonly deadLetterQueue: Queue;
  /** The consumer, bundled from `functions/{functionName}/handler.ts` with the local esbuild. */
  readonly function: NodejsFunction;
  /** The function's execution role: log writing and queue consumption only until grants are added. */
  readonly role: Role;
  /** The function's log group. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: QueueConsumerProps) {
    super(scope, id);
    validateProps(props);
    const fifo = props.fifo ?? false;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      fifo: fifo || undefined,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    this.queue = new Queue(this, 'Queue', {
      fifo: fifo || undefined,
      contentBasedDeduplication: fifo ? false : undefined,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: QUEUE_RETENTION,
      visibilityTimeout: Duration.seconds(props.timeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
    const fn = addFunctionParts(this, {
      functionName: props.functionName,
      description: `LandWatch ${props.functionName}: consumes its SQS queue with partial batch responses`,
      timeout: props.timeout,
      memorySize: props.memorySize,
      ephemeralStorageSize: props.ephemeralStorageSize,
      logRetention: props.logRetention,
      serviceName: props.serviceName,
      metricsNamespace: props.metricsNamespace,
      environment: {
        ...props.environment,
        // the handler tells its last attempt before the DLQ from this (one home: the queue's redrive policy)
        LANDWATCH_MAX_RECEIVE_COUNT: String(props.maxReceiveCount),
      },
      reservedConcurrency: props.reservedConcurrency,
      ...(props.nodeModules ? { nodeModules: props.nodeModules } : {}),
    });
    this.role = fn.role;
    this.logGroup = fn.logGroup;
    this.function = fn.function;
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: props.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );
  }
}

/** Props that would make an invalid or self-defeating deployment. */
export class InvalidQueueConsumerError extends Error {
  constructor(
    /** The consumer's function name. */
    readonly functionName: string,
    /** The offending property. */
    readonly field: string,
    /** What it must be. */
    readonly expected: string,
  ) {
    super(`queue consumer "${functionName}": ${field} must be ${expected}`);
    this.name = 'InvalidQueueConsumerError';
  }
}

function validateProps(props: QueueConsumerProps): void {
  const fail = (field: string, expected: string) => {
    throw new InvalidQueueConsumerError(props.functionName, field, expected);
  };
  if (!/^[a-z][a-z0-9-]*$/.test(props.functionName)) fail('functionName', 'a lower-case folder name under functions/');
  const seconds = props.timeout.toSeconds();
  if (seconds < 1 || seconds > 900) fail('timeout', 'between 1 s and 15 min');
  if (!Number.isInteger(props.batchSize) || props.batchSize < 1 || props.batchSize > 10) fail('batchSize', '1–10');
  // AWS's guidance for Lambda SQS event sources: ≥ 5, so that throttling alone cannot push a message to the DLQ
  if (!Number.isInteger(props.maxReceiveCount) || props.maxReceiveCount < 5) fail('maxReceiveCount', '≥ 5');
  const maxConcurrency = props.maxConcurrency;
  if (maxConcurrency !== undefined && (!Number.isInteger(maxConcurrency) || maxConcurrency < 2 || maxConcurrency > 1000)) {
    fail('maxConcurrency', '2–1000');
  }
}
