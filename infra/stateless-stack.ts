// Stateless stack: queues, the three functions, their grants, the upload notification and the alarms.
import { CfnOutput, Duration, Size, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { grantKeyListing, grantObjectAccess } from './constructs/object-grants.ts';
import { PipelineAlarms } from './constructs/pipeline-alarms.ts';
import { QueueConsumer } from './constructs/queue-consumer.ts';
import { addUploadNotification } from './constructs/upload-notification.ts';
import { VerificationAnswers } from './constructs/verification.ts'; // issue 11

/** Upload keys that start a run: `changes/{surveyYear}/{anything}.fgb` (docs/ARCHITECTURE.md, "Handler contract"). */
export const UPLOAD_PREFIX = 'changes/';
/** Work files of a run in the results bucket: `runs/{runId}/…`. */
const RUNS_KEYS = 'runs/*';
/** Final result files: `results/{surveyYear}/{countyCode}/{runId}/…`. */
const RESULTS_KEYS = 'results/*';
/** Alert and run-event messages wait this long for their consumers outside this app. */
const OUTBOX_RETENTION = Duration.days(14);
const LOG_RETENTION = RetentionDays.ONE_MONTH;
const METRICS_NAMESPACE = 'LandWatch';

export interface StatelessStackProps extends StackProps {
  /** Change layers (`changes/…fgb`), from the stateful stack. */
  readonly uploadsBucket: IBucket;
  /** Layer registry and protection layers, from the stateful stack. */
  readonly referenceBucket: IBucket;
  /** Work files and results, from the stateful stack. */
  readonly resultsBucket: IBucket;
  /** Key of the layer registry in the reference bucket. */
  readonly layersKey: string;
  /** E-mail addresses subscribed to the alarm topic. */
  readonly alarmEmails: readonly string[];
}

/**
 * upload (S3) → uploads queue → ingest → tile queue → detect-tile ×N → finalize queue (FIFO) → finalize →
 * county alerts queue (FIFO); every function also sends run events to the run-events queue.
 */
export class StatelessStack extends Stack {
  readonly ingest: QueueConsumer;
  readonly detectTile: QueueConsumer;
  readonly finalize: QueueConsumer;
  /** issue 11: the verify-answers consumer (with the `verification` context switch) */
  readonly verification?: VerificationAnswers;
  /** One alert per county per run; MessageGroupId = county code, MessageDeduplicationId = alertBatchId. */
  readonly alertsQueue: Queue;
  /** Run events (accepted, rejected, tile failed, finished) for the data teams. */
  readonly runEventsQueue: Queue;
  readonly alarms: PipelineAlarms;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { uploadsBucket, referenceBucket, resultsBucket } = props;
    const consumerDefaults = { logRetention: LOG_RETENTION, metricsNamespace: METRICS_NAMESPACE };

    this.runEventsQueue = new Queue(this, 'RunEventsQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: OUTBOX_RETENTION,
    });
    this.alertsQueue = new Queue(this, 'CountyAlertsQueue', {
      fifo: true,
      contentBasedDeduplication: false,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: OUTBOX_RETENTION,
    });
    for (const outbox of [this.runEventsQueue, this.alertsQueue]) {
      Validations.of(outbox).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'Consumed outside this app (county offices, provincial data teams). A redrive policy would drop a ' +
          "message into a dead-letter queue after N receives by clients we do not run; the consumer's own " +
          'failure handling decides that. Messages are kept 14 days.',
      });
    }

    this.finalize = new QueueConsumer(this, 'Finalize', {
      ...consumerDefaults,
      functionName: 'finalize',
      serviceName: 'landwatch-finalize',
      timeout: Duration.minutes(5),
      memorySize: 3008,
      batchSize: 1,
      maxReceiveCount: 3,
      // MessageGroupId = MessageDeduplicationId = runId, set by the producer: one finalize per run at a time.
      fifo: true,
      environment: {},
    });
    this.detectTile = new QueueConsumer(this, 'DetectTile', {
      ...consumerDefaults,
      functionName: 'detect-tile',
      serviceName: 'landwatch-detect-tile',
      timeout: Duration.minutes(2),
      memorySize: 1769,
      // One tile per invocation: a tile is already a sized unit of work (seconds of CPU), parallelism comes from
      // concurrent invocations, and a failing tile is retried alone without holding up or repeating others.
      batchSize: 1,
      maxConcurrency: 200,
      maxReceiveCount: 3,
      environment: {},
    });
    this.ingest = new QueueConsumer(this, 'Ingest', {
      ...consumerDefaults,
      functionName: 'ingest',
      serviceName: 'landwatch-ingest',
      timeout: Duration.minutes(5),
      memorySize: 3008,
      // Room for an indexed copy of a 1 M-piece upload.
      ephemeralStorageSize: Size.gibibytes(10),
      batchSize: 1,
      maxReceiveCount: 5,
      environment: {},
      // GDAL compiled to WebAssembly converts GeoPackage, Shapefile and File Geodatabase uploads; it loads its .wasm
      // and .data files from its package folder, so the package is installed beside the bundle (docs/FORMATS.md)
      nodeModules: ['gdal3.js'],
    });

    // docs/ARCHITECTURE.md, "Handler contract": every function reads the same configuration (names of buckets and queues, not secrets); what each
    // may do with them is decided by the grants below, not by which names it knows.
    const environment: Record<string, string> = {
      LANDWATCH_UPLOADS_BUCKET: uploadsBucket.bucketName,
      LANDWATCH_REFERENCE_BUCKET: referenceBucket.bucketName,
      LANDWATCH_RESULTS_BUCKET: resultsBucket.bucketName,
      LANDWATCH_TILE_QUEUE_URL: this.detectTile.queue.queueUrl,
      LANDWATCH_FINALIZE_QUEUE_URL: this.finalize.queue.queueUrl,
      LANDWATCH_ALERTS_QUEUE_URL: this.alertsQueue.queueUrl,
      LANDWATCH_RUN_EVENTS_QUEUE_URL: this.runEventsQueue.queueUrl,
      LANDWATCH_LAYERS_KEY: props.layersKey,
    };
    for (const consumer of [this.ingest, this.detectTile, this.finalize]) {
      for (const [name, value] of Object.entries(environment)) consumer.function.addEnvironment(name, value);
    }

    // ingest: reads the upload, the layer registry and layer headers (records their ETags), writes the run's
    // manifest/status and an indexed copy under runs/{runId}/input/, re-reads them on a duplicate event.
    grantObjectAccess(this.ingest.role, uploadsBucket, {
      keys: `${UPLOAD_PREFIX}*`,
      read: true,
      why: 'ingest reads the uploaded change layers, changes/{surveyYear}/{any name}.fgb.',
    });
    grantObjectAccess(this.ingest.role, referenceBucket, {
      keys: '*',
      read: true,
      why: 'ingest reads the layer registry and the protection layers it names; their keys are whatever the registry says.',
    });
    grantObjectAccess(this.ingest.role, resultsBucket, {
      keys: RUNS_KEYS,
      read: true,
      write: true,
      why: 'ingest writes and re-reads the work files of a run, runs/{runId}/… (manifest, status, indexed input copy).',
    });
    grantKeyListing(this.ingest.role, resultsBucket);
    this.detectTile.queue.grantSendMessages(this.ingest.role);
    this.runEventsQueue.grantSendMessages(this.ingest.role);

    // detect-tile: reads the manifest and its byte range (the upload's indexed copy under runs/), the protection
    // layers; writes runs/{runId}/tiles/*; asks for finalize.
    grantObjectAccess(this.detectTile.role, resultsBucket, {
      keys: RUNS_KEYS,
      read: true,
      write: true,
      why: 'detect-tile reads the run manifest and input, writes runs/{runId}/tiles/{tile}.fgb/.json and done markers.',
    });
    grantObjectAccess(this.detectTile.role, uploadsBucket, {
      keys: `${UPLOAD_PREFIX}*`,
      read: true,
      why: 'detect-tile range-reads its tile of an upload that already has a spatial index (no copy is made), ETag-pinned.',
    });
    grantObjectAccess(this.detectTile.role, referenceBucket, {
      keys: '*',
      read: true,
      why: 'detect-tile range-reads the protection layers named by the registry; their keys are whatever the registry says.',
    });
    grantKeyListing(this.detectTile.role, resultsBucket);
    this.finalize.queue.grantSendMessages(this.detectTile.role);
    this.runEventsQueue.grantSendMessages(this.detectTile.role);

    // finalize: merges tile results, writes the result files, checks what already exists (idempotency),
    // presigns GET links for results/*, sends the county alerts.
    grantObjectAccess(this.finalize.role, resultsBucket, {
      keys: RUNS_KEYS,
      read: true,
      write: true,
      why: 'finalize reads the tile results of a run under runs/{runId}/ and records its own progress there.',
    });
    grantObjectAccess(this.finalize.role, resultsBucket, {
      keys: RESULTS_KEYS,
      read: true,
      write: true,
      why:
        'finalize writes results/{surveyYear}/{countyCode}/{runId}/… for every county in a run, reads them back ' +
        'for idempotency checks and presigns GET links to them.',
    });
    grantKeyListing(this.finalize.role, resultsBucket);
    this.alertsQueue.grantSendMessages(this.finalize.role);
    this.runEventsQueue.grantSendMessages(this.finalize.role);

    // issue 11: answer files → verify-answers (infra/constructs/verification.ts); behind the context switch
    // `verification` until the infra tests that pin every function and grant are updated at merge.
    if (this.node.tryGetContext('verification') === true) {
      this.verification = new VerificationAnswers(this, 'Verification', {
        resultsBucket,
        environment,
        logRetention: LOG_RETENTION,
        metricsNamespace: METRICS_NAMESPACE,
        finalizeRole: this.finalize.role,
      });
    }

    addUploadNotification(this, 'UploadsBucketRef', {
      bucket: uploadsBucket,
      queue: this.ingest.queue,
      // no suffix filter: S3's is case-sensitive and takes one suffix, while uploads may be .fgb, .gpkg, .zip or .shp in
      // any case (docs/FORMATS.md); the ingest handler ignores other keys (a Shapefile's .dbf, …)
      prefix: UPLOAD_PREFIX,
    });

    this.alarms = new PipelineAlarms(this, 'Alarms', {
      deadLetterQueues: {
        ingest: this.ingest.deadLetterQueue,
        'detect-tile': this.detectTile.deadLetterQueue,
        finalize: this.finalize.deadLetterQueue,
      },
      functions: {
        ingest: this.ingest.function,
        'detect-tile': this.detectTile.function,
        finalize: this.finalize.function,
      },
      alarmEmails: props.alarmEmails,
    });

    new CfnOutput(this, 'CountyAlertsQueueUrl', {
      description: 'County alerts (FIFO; message attributes countyCode, maxSeverity, schema)',
      value: this.alertsQueue.queueUrl,
    });
    new CfnOutput(this, 'RunEventsQueueUrl', { description: 'Run events for the data teams', value: this.runEventsQueue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { description: 'Subscribe operators here', value: this.alarms.topic.topicArn });
  }
}
