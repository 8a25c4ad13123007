// CloudWatch alarms, sent to an encrypted SNS topic (docs/RUNBOOK.md says what to do for each): dead-letter queue
// depth, function errors, our own record- and task-level failure metrics (a handler that reports a failed record
// returns normally, so Lambda's Errors never sees it), the age of the oldest message of a queue (a stuck consumer),
// and failed run executions.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Window over which function errors are summed. */
const ERROR_PERIOD = Duration.minutes(5);
/** Window over which dead-letter queue depth is sampled. */
const DEPTH_PERIOD = Duration.minutes(1);

export interface PipelineAlarmsProps {
  /** Dead-letter queues by a short name (`ingest`, …); any visible message raises an alarm. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /** Functions by a short name; any error in 5 minutes raises an alarm. */
  readonly functions: Readonly<Record<string, IFunction>>;
  /** E-mail addresses subscribed to the alarm topic. */
  readonly alarmEmails: readonly string[];
  /** Queues whose oldest message must not wait longer than the given age (a consumer that stopped). */
  readonly oldestMessageAge?: Readonly<Record<string, { queue: IQueue; maxAge: Duration }>>;
  /** Powertools service names (`landwatch-…`) whose RecordRetried / RecordRejected / TaskFailed metrics alarm. */
  readonly failureMetrics?: Readonly<Record<string, { serviceName: string; metricName: string }>>;
  /** The run state machine: any failed, timed-out or aborted execution alarms. */
  readonly stateMachine?: IStateMachine;
  /** Metrics namespace of our own metrics. */
  readonly metricsNamespace?: string;
}

/** An SNS topic (customer-managed KMS key, TLS-only) and one alarm per dead-letter queue and per function. */
export class PipelineAlarms extends Construct {
  /** Receives every alarm and OK transition; subscribe operators here. */
  readonly topic: Topic;
  /** Every alarm, by `dlq:{name}` or `errors:{name}`. */
  readonly alarms: ReadonlyMap<string, Alarm>;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    // CloudWatch can publish to an encrypted topic only with a customer-managed key that lets it use the key.
    const key = new Key(this, 'TopicKey', {
      description: 'LandWatch alarm topic encryption',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'LandWatch alarms', masterKey: key, enforceSSL: true });
    for (const email of props.alarmEmails) this.topic.addSubscription(new EmailSubscription(email));
    const action = new SnsAction(this.topic);
    const alarms = new Map<string, Alarm>();
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      const alarm = new Alarm(this, `${pascal(name)}DeadLetters`, {
        alarmDescription: `Messages in the ${name} dead-letter queue: inspect them, fix the cause, redrive`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: DEPTH_PERIOD, statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      alarms.set(`dlq:${name}`, alarm);
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      const alarm = new Alarm(this, `${pascal(name)}Errors`, {
        alarmDescription: `The ${name} function failed (error or timeout) in the last 5 minutes`,
        metric: fn.metricErrors({ period: ERROR_PERIOD, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      alarms.set(`errors:${name}`, alarm);
    }
    const add = (id: string, key: string, description: string, metric: Metric | ReturnType<IQueue['metricApproximateAgeOfOldestMessage']>, threshold = 1) => {
      const alarm = new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      alarms.set(key, alarm);
    };
    for (const [name, { queue, maxAge }] of Object.entries(props.oldestMessageAge ?? {})) {
      add(`${pascal(name)}OldestMessage`, `age:${name}`, `The oldest message of the ${name} queue waited ${maxAge.toHumanString()} or more: its consumer is stuck or gone`,
        queue.metricApproximateAgeOfOldestMessage({ period: DEPTH_PERIOD, statistic: 'Maximum' }), maxAge.toSeconds());
    }
    for (const [name, { serviceName, metricName }] of Object.entries(props.failureMetrics ?? {})) {
      add(`${pascal(name)}Failures`, `failures:${name}`, `${serviceName} reported ${metricName} in the last 5 minutes (our own metric: records and tasks that failed without a Lambda error)`,
        new Metric({ namespace: props.metricsNamespace ?? 'LandWatch', metricName, dimensionsMap: { service: serviceName }, period: ERROR_PERIOD, statistic: 'Sum' }));
    }
    if (props.stateMachine) {
      const sm = props.stateMachine;
      for (const [id, metric] of [
        ['ExecutionsFailed', sm.metricFailed({ period: ERROR_PERIOD, statistic: 'Sum' })],
        ['ExecutionsTimedOut', sm.metricTimedOut({ period: ERROR_PERIOD, statistic: 'Sum' })],
        ['ExecutionsAborted', sm.metricAborted({ period: ERROR_PERIOD, statistic: 'Sum' })],
      ] as const) {
        add(`Run${id}`, `executions:${id}`, `A run execution ended ${id.replace('Executions', '').toLowerCase()}: see its runs/{runId}/status.json, then docs/RUNBOOK.md`, metric);
      }
    }
    this.alarms = alarms;
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}
