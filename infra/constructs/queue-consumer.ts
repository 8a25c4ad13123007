// One logical unit of the pipeline: a queue, its dead-letter queue and the Lambda function that consumes it.
import { Duration, RemovalPolicy, type Size, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { handlerEntry, LOCK_FILE, REPO_ROOT } from '../repo-paths.ts';

/**
 * Queue visibility timeout as a multiple of the consumer's timeout (AWS guidance for Lambda SQS event sources:
 * at least six times, so a message is not redelivered while retries of a throttled batch are still running).
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
/** How long the queue keeps a message that nobody consumed. */
const QUEUE_RETENTION = Duration.days(4);
/** How long a dead-letter queue keeps a message (counted from its first enqueue on a standard queue). */
const DEAD_LETTER_RETENTION = Duration.days(14);
/** Node.js runtime of the functions; the bundle targets the same version. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;
const ESBUILD_TARGET = 'node22';
/** CommonJS dependencies bundled into an ES module still call require(); give them one. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __lwCreateRequire } from 'node:module'; const require = __lwCreateRequire(import.meta.url);";

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
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `LandWatch ${props.functionName} function`,
    });
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Instead of the AWS-managed basic execution policy (logs:* on every log group): this group only.
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      description: `LandWatch ${props.functionName}: consumes its SQS queue with partial batch responses`,
      entry: handlerEntry(props.functionName),
      handler: 'handler',
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      ephemeralStorageSize: props.ephemeralStorageSize,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.INFO,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        // the handler tells its last attempt before the DLQ from this (one home: the queue's redrive policy)
        LANDWATCH_MAX_RECEIVE_COUNT: String(props.maxReceiveCount),
        NODE_OPTIONS: '--enable-source-maps',
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: ESM_REQUIRE_BANNER,
        // Bundle the AWS SDK pinned in package-lock.json instead of using the runtime's copy.
        bundleAwsSDK: true,
        // GEOS (wasm) is only the tests' oracle engine, loaded on demand; never part of a Lambda bundle.
        externalModules: ['geos-wasm'],
        ...(props.nodeModules ? { nodeModules: [...props.nodeModules] } : {}),
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        `The issue fixes the runtime at ${FUNCTION_RUNTIME.name}, a supported runtime that the bundle targets; ` +
        'moving to a newer Node.js major is a deliberate upgrade with its own test run, not a side effect of synth.',
    });
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
  if (!Number.isInteger(props.maxReceiveCount) || props.maxReceiveCount < 1) fail('maxReceiveCount', '≥ 1');
  const maxConcurrency = props.maxConcurrency;
  if (maxConcurrency !== undefined && (!Number.isInteger(maxConcurrency) || maxConcurrency < 2 || maxConcurrency > 1000)) {
    fail('maxConcurrency', '2–1000');
  }
}
