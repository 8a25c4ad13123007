// CloudWatch alarms on dead-letter queue depth and function errors, sent to an encrypted SNS topic.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
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
    this.alarms = alarms;
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}
