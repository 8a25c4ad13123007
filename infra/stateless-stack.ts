// Stateless stack: the uploads queue and ingest, the run state machine and its task functions, the delivery queues
// (one per county office, unrouted, one per data team), their grants, the upload notification and the alarms.
import { Aws, CfnOutput, Duration, Fn, Size, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { grantKeyListing, grantObjectAccess } from './constructs/object-grants.ts';
import { LandWatchFunction } from './constructs/landwatch-function.ts';
import { PipelineAlarms } from './constructs/pipeline-alarms.ts';
import { QueueConsumer } from './constructs/queue-consumer.ts';
import { RunStateMachine, TILE_MAX_CONCURRENCY } from './constructs/run-state-machine.ts';
import { addUploadNotification } from './constructs/upload-notification.ts';
import { VerificationAnswers } from './constructs/verification.ts';
import { countyAlertQueueName, deadLetterQueueName } from './names.ts';

/** Upload keys that start a run: `changes/{surveyYear}/{anything}.fgb` (or .gpkg, .zip, .shp; docs/FORMATS.md), any
 * case of the suffix. S3 notification filters are case-sensitive and take one suffix, so the notification filters on
 * the prefix only and ingest checks the suffix (docs/ARCHITECTURE.md, "Handler contract"). */
export const UPLOAD_PREFIX = 'changes/';
/** Work files of a run in the results bucket: `runs/{runId}/…`. */
const RUNS_KEYS = 'runs/*';
/** Final result files: `results/{surveyYear}/{countyCode}/{runId}/…`. */
const RESULTS_KEYS = 'results/*';
/** Alert claims (outside runs/, which expires): `alert-claims/{runId}/{countyCode}.json`. */
const CLAIM_KEYS = 'alert-claims/*';
/** Which run each upload key started: `by-upload/{key}.json`. */
const POINTER_KEYS = 'by-upload/*';
/** Alert and run-event messages wait this long for their consumers outside this app. */
const OUTBOX_RETENTION = Duration.days(14);
/** Receives of an outbox message before it moves to the outbox's dead-letter queue (a consumer that keeps failing
 * on it); the message stays 14 days there, and the alarm says so. */
const OUTBOX_MAX_RECEIVE_COUNT = 10;
/** A county office (or a data team) polls at least daily; a message older than this means nobody reads the queue. */
const ALERT_MAX_AGE = Duration.days(2);
const LOG_RETENTION = RetentionDays.ONE_MONTH;
const METRICS_NAMESPACE = 'LandWatch';

export { countyAlertQueueName };

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
  /** Counties with their own alert queue. */
  readonly countyCodes: readonly string[];
  /** Data teams with their own run-events queue. */
  readonly dataTeams: readonly string[];
}

/**
 * upload (S3) → uploads queue → ingest → one run execution (Distributed Map of detect-tile, then finalize per county,
 * then run-outcome) → each county's own alert queue (or the unrouted queue); run events to every data team's queue.
 */
export class StatelessStack extends Stack {
  readonly ingest: QueueConsumer;
  readonly detectTile: LandWatchFunction;
  readonly finalize: LandWatchFunction;
  readonly runOutcome: LandWatchFunction;
  readonly run: RunStateMachine;
  /** One FIFO queue per county office, `landwatch-alerts-{countyCode}.fifo`, each with its DLQ. */
  readonly countyAlertQueues: ReadonlyMap<string, Queue>;
  /** Alerts of counties without a queue of their own: parked, alarmed, never dropped. */
  readonly unroutedAlertsQueue: Queue;
  /** Answer files of the county offices → the verify-answers consumer (docs/VERIFICATION.md, "On AWS"). */
  readonly verification: VerificationAnswers;
  /** One queue per data team. */
  readonly runEventsQueues: ReadonlyMap<string, Queue>;
  readonly alarms: PipelineAlarms;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { uploadsBucket, referenceBucket, resultsBucket } = props;
    const fnDefaults = { logRetention: LOG_RETENTION, metricsNamespace: METRICS_NAMESPACE, environment: {} };

    // --- delivery: SQS is point-to-point, so every consumer gets a queue of its own
    const outbox = (id: string, fifo: boolean, queueName?: string) => {
      const deadLetterQueue = new Queue(this, `${id}Dlq`, {
        fifo: fifo || undefined,
        ...(queueName ? { queueName: deadLetterQueueName(queueName) } : {}),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: OUTBOX_RETENTION,
      });
      return new Queue(this, id, {
        fifo: fifo || undefined,
        ...(queueName ? { queueName } : {}),
        contentBasedDeduplication: fifo ? false : undefined,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: OUTBOX_RETENTION,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: OUTBOX_MAX_RECEIVE_COUNT },
      });
    };
    this.countyAlertQueues = new Map(props.countyCodes.map((code) => [code, outbox(`Alerts${code}`, true, countyAlertQueueName(code))]));
    this.unroutedAlertsQueue = outbox('UnroutedAlerts', true, 'landwatch-alerts-unrouted.fifo');
    this.runEventsQueues = new Map(props.dataTeams.map((team) => [team, outbox(`RunEvents${team.replace(/-/g, '')}`, false, `landwatch-run-events-${team}`)]));

    // --- functions
    this.ingest = new QueueConsumer(this, 'Ingest', {
      ...fnDefaults,
      functionName: 'ingest',
      serviceName: 'landwatch-ingest',
      timeout: Duration.minutes(15),
      memorySize: 3008,
      // Room for an indexed copy and the per-county spill of a province upload.
      ephemeralStorageSize: Size.gibibytes(10),
      batchSize: 1,
      maxConcurrency: 5,
      // AWS's SQS guidance: reserved concurrency ≥ the event source's maximum concurrency, maxReceiveCount ≥ 5
      reservedConcurrency: 5,
      maxReceiveCount: 5,
      // GDAL compiled to WebAssembly converts GeoPackage, Shapefile and File Geodatabase uploads; it loads its .wasm
      // and .data files from its package folder, so the package is installed beside the bundle (docs/FORMATS.md)
      nodeModules: ['gdal3.js'],
    });
    this.detectTile = new LandWatchFunction(this, 'DetectTile', {
      ...fnDefaults,
      functionName: 'detect-tile',
      description: 'LandWatch detect-tile: one tile of a run (a Distributed Map item)',
      serviceName: 'landwatch-detect-tile',
      timeout: Duration.minutes(2),
      memorySize: 1769,
      // the Map's concurrency, reserved so that other functions cannot starve a run into retries
      reservedConcurrency: TILE_MAX_CONCURRENCY,
    });
    this.finalize = new LandWatchFunction(this, 'Finalize', {
      ...fnDefaults,
      functionName: 'finalize',
      description: 'LandWatch finalize: one county of a run (result files, the alert)',
      serviceName: 'landwatch-finalize',
      timeout: Duration.minutes(15),
      memorySize: 3008,
    });
    this.runOutcome = new LandWatchFunction(this, 'RunOutcome', {
      ...fnDefaults,
      functionName: 'run-outcome',
      description: 'LandWatch run-outcome: the finished or failed status and run event of a run',
      serviceName: 'landwatch-run-outcome',
      timeout: Duration.minutes(1),
      memorySize: 512,
    });
    this.run = new RunStateMachine(this, 'Run', {
      detectTile: this.detectTile.function,
      finalize: this.finalize.function,
      runOutcome: this.runOutcome.function,
      resultsBucket,
      logRetention: LOG_RETENTION,
    });

    // docs/ARCHITECTURE.md, "Handler contract": every function reads the same configuration (names of buckets and
    // queues, not secrets); what each may do with them is decided by the grants below, not by which names it knows.
    // a county's queue URL from its fixed name (`{countyCode}` is filled in by the sender); queue URLs are tokens
    // at synth time, so the template is built from the parts SQS builds them from (amazonaws.com.cn in China)
    const alertQueueUrlTemplate = Fn.join('', ['https://sqs.', Aws.REGION, '.', Aws.URL_SUFFIX, '/', Aws.ACCOUNT_ID, '/', countyAlertQueueName('{countyCode}')]);
    const environment: Record<string, string> = {
      LANDWATCH_UPLOADS_BUCKET: uploadsBucket.bucketName,
      LANDWATCH_REFERENCE_BUCKET: referenceBucket.bucketName,
      LANDWATCH_RESULTS_BUCKET: resultsBucket.bucketName,
      LANDWATCH_ALERTS_QUEUE_URL: this.unroutedAlertsQueue.queueUrl,
      LANDWATCH_RUN_EVENTS_QUEUE_URL: [...this.runEventsQueues.values()].map((q) => q.queueUrl).join(','),
      LANDWATCH_LAYERS_KEY: props.layersKey,
      LANDWATCH_ALERT_COUNTIES: props.countyCodes.join(','),
      LANDWATCH_ALERT_QUEUE_URL_TEMPLATE: alertQueueUrlTemplate,
    };
    const functions = [this.ingest.function, this.detectTile.function, this.finalize.function, this.runOutcome.function];
    for (const fn of functions) for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
    this.ingest.function.addEnvironment('LANDWATCH_STATE_MACHINE_ARN', this.run.stateMachine.stateMachineArn);

    // ingest: reads the upload (by version) and the layers, writes the run's manifest/status/tile list and the
    // by-upload pointer, starts the execution.
    grantObjectAccess(this.ingest.role, uploadsBucket, {
      keys: `${UPLOAD_PREFIX}*`,
      read: true,
      versions: true,
      why: 'ingest reads the uploaded change layers, changes/{surveyYear}/{any name}.fgb, at the version the event names.',
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
      why: 'ingest writes and re-reads the work files of a run, runs/{runId}/… (manifest, status, tile list, indexed copy).',
    });
    grantObjectAccess(this.ingest.role, resultsBucket, {
      keys: POINTER_KEYS,
      write: true,
      why: 'ingest writes by-upload/{upload key}.json, naming the run of each upload key.',
    });
    this.run.stateMachine.grantStartExecution(this.ingest.role);
    for (const q of this.runEventsQueues.values()) q.grantSendMessages(this.ingest.role);

    // detect-tile: reads the manifest and its byte range, the protection layers; writes runs/{runId}/tiles/*.
    grantObjectAccess(this.detectTile.role, resultsBucket, {
      keys: RUNS_KEYS,
      read: true,
      write: true,
      why: 'detect-tile reads the run manifest and input, writes runs/{runId}/tiles/{tile}.json and the running status.',
    });
    grantObjectAccess(this.detectTile.role, uploadsBucket, {
      keys: `${UPLOAD_PREFIX}*`,
      read: true,
      versions: true,
      why: 'detect-tile range-reads its tile of an upload that already has a spatial index (no copy is made), version-pinned.',
    });
    grantObjectAccess(this.detectTile.role, referenceBucket, {
      keys: '*',
      read: true,
      why: 'detect-tile range-reads the protection layers named by the registry; their keys are whatever the registry says.',
    });
    grantKeyListing(this.detectTile.role, resultsBucket);

    // finalize: reads tile results, writes the county's results, claims and sends its alert.
    grantObjectAccess(this.finalize.role, resultsBucket, {
      keys: RUNS_KEYS,
      read: true,
      why: 'finalize reads the manifest and the tile results of a run under runs/{runId}/.',
    });
    grantObjectAccess(this.finalize.role, resultsBucket, {
      keys: RESULTS_KEYS,
      read: true,
      write: true,
      why: 'finalize writes results/{surveyYear}/{countyCode}/{runId}/… for its county and presigns GET links to them.',
    });
    grantObjectAccess(this.finalize.role, resultsBucket, {
      keys: CLAIM_KEYS,
      read: true,
      write: true,
      why: 'finalize claims a county alert with a conditional write of alert-claims/{runId}/{countyCode}.json and marks it sent.',
    });
    grantKeyListing(this.finalize.role, resultsBucket);
    for (const q of [...this.countyAlertQueues.values(), this.unroutedAlertsQueue]) q.grantSendMessages(this.finalize.role);

    // run-outcome: the status and the run event.
    grantObjectAccess(this.runOutcome.role, resultsBucket, {
      keys: RUNS_KEYS,
      read: true,
      write: true,
      why: 'run-outcome reads the manifest and writes runs/{runId}/status.json (finished or failed).',
    });
    for (const fn of [this.detectTile, this.runOutcome]) for (const q of this.runEventsQueues.values()) q.grantSendMessages(fn.role);

    // answer files of the county offices → verify-answers (infra/constructs/verification.ts)
    this.verification = new VerificationAnswers(this, 'Verification', {
      resultsBucket,
      environment,
      logRetention: LOG_RETENTION,
      metricsNamespace: METRICS_NAMESPACE,
      finalizeRole: this.finalize.role,
    });
    const verifyAnswers = this.verification.consumer;

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
        'verify-answers': verifyAnswers.deadLetterQueue,
        'alerts-unrouted-dlq': this.unroutedAlertsQueue.deadLetterQueue!.queue,
        ...Object.fromEntries([...this.countyAlertQueues].map(([code, q]) => [`alerts-${code}-dlq`, q.deadLetterQueue!.queue])),
        ...Object.fromEntries([...this.runEventsQueues].map(([team, q]) => [`run-events-${team}-dlq`, q.deadLetterQueue!.queue])),
      },
      // unrouted alerts: any visible message is a county office that gets nothing until it has a queue
      functions: {
        ingest: this.ingest.function,
        'detect-tile': this.detectTile.function,
        finalize: this.finalize.function,
        'run-outcome': this.runOutcome.function,
        'verify-answers': verifyAnswers.function,
      },
      oldestMessageAge: {
        uploads: { queue: this.ingest.queue, maxAge: Duration.minutes(30) },
        answers: { queue: verifyAnswers.queue, maxAge: Duration.minutes(30) },
        'alerts-unrouted': { queue: this.unroutedAlertsQueue, maxAge: Duration.minutes(1) },
        ...Object.fromEntries([...this.countyAlertQueues].map(([code, q]) => [`alerts-${code}`, { queue: q, maxAge: ALERT_MAX_AGE }])),
        // a data team reads its run events as a county office reads its alerts: alarmed long before the 14 days run out
        ...Object.fromEntries([...this.runEventsQueues].map(([team, q]) => [`run-events-${team}`, { queue: q, maxAge: ALERT_MAX_AGE }])),
      },
      failureMetrics: {
        'ingest-retried': { serviceName: 'landwatch-ingest', metricName: 'RecordRetried' },
        'detect-tile-task': { serviceName: 'landwatch-detect-tile', metricName: 'TaskFailed' },
        'finalize-task': { serviceName: 'landwatch-finalize', metricName: 'TaskFailed' },
        'run-outcome-task': { serviceName: 'landwatch-run-outcome', metricName: 'TaskFailed' },
        'verify-answers-retried': { serviceName: 'landwatch-verify-answers', metricName: 'RecordRetried' },
      },
      stateMachine: this.run.stateMachine,
      metricsNamespace: METRICS_NAMESPACE,
      alarmEmails: props.alarmEmails,
    });

    for (const [code, q] of this.countyAlertQueues) new CfnOutput(this, `Alerts${code}QueueUrl`, { description: `Alerts of county ${code} (FIFO)`, value: q.queueUrl });
    new CfnOutput(this, 'UnroutedAlertsQueueUrl', { description: 'Alerts of counties without a queue (alarmed)', value: this.unroutedAlertsQueue.queueUrl });
    for (const [team, q] of this.runEventsQueues) new CfnOutput(this, `RunEvents${team.replace(/-/g, '')}QueueUrl`, { description: `Run events for data team ${team}`, value: q.queueUrl });
    new CfnOutput(this, 'RunStateMachineArn', { description: 'One execution per run, named after the runId', value: this.run.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { description: 'Subscribe operators here', value: this.alarms.topic.topicArn });
  }
}
