// Behaviour of the stateless stack as CloudFormation will see it: notification, queues, consumers, alarms.
import { beforeAll, describe, expect, it } from 'vitest';
import { asList, resourcesOfType, type SynthesizedLandWatch, synthLandWatch } from './synth-landwatch.ts';

let synth: SynthesizedLandWatch;
beforeAll(() => {
  synth = synthLandWatch();
});

/** Our functions (CDK's inline notification helper excluded), by name. */
function ourFunctions() {
  return resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function')
    .filter(([, fn]) => fn.Properties?.Code?.ZipFile === undefined)
    .map(([id, fn]) => ({ id, name: synth.describe({ Ref: id }), properties: fn.Properties! }));
}

function queueProperties(name: string) {
  const found = resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue').find(
    ([id]) => synth.describe({ Ref: id }) === name,
  );
  if (found === undefined) throw new Error(`no queue named ${name}`);
  return found[1].Properties ?? {};
}

describe('upload notification', () => {
  it('sends ObjectCreated for changes/…fgb in the uploads bucket to the uploads queue', () => {
    const notifications = resourcesOfType(synth.statelessTemplate, 'Custom::S3BucketNotifications');
    expect(notifications).toHaveLength(1);
    const properties = notifications[0][1].Properties!;
    expect(synth.describe(properties.BucketName)).toBe('uploads-bucket.name');
    // Unmanaged: merges with, never replaces, other notification settings on the bucket.
    expect(properties.Managed).toBe(false);
    const configurations = properties.NotificationConfiguration.QueueConfigurations as any[];
    expect(configurations).toHaveLength(1);
    expect(configurations[0].Events).toEqual(['s3:ObjectCreated:*']);
    expect(synth.describe(configurations[0].QueueArn)).toBe('uploads-queue');
    const rules = Object.fromEntries(
      (configurations[0].Filter.Key.FilterRules as { Name: string; Value: string }[]).map((r) => [r.Name, r.Value]),
    );
    // every suffix and case of a delivery (.fgb, .gpkg, .zip, .shp): the ingest handler picks the uploads
    expect(rules).toEqual({ prefix: 'changes/' });
  });

  it('lets only S3, for the uploads bucket, send to the uploads queue', () => {
    const statements = resourcesOfType(synth.statelessTemplate, 'AWS::SQS::QueuePolicy')
      .filter(([, policy]) => asList(policy.Properties!.Queues).some((q) => synth.describe(q) === 'uploads-queue'))
      .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[])
      .filter((statement) => statement.Effect === 'Allow');
    expect(statements).toHaveLength(1);
    expect(statements[0].Principal).toEqual({ Service: 's3.amazonaws.com' });
    expect(asList(statements[0].Action)).toContain('sqs:SendMessage');
    expect(synth.describe(statements[0].Condition.ArnLike['aws:SourceArn'])).toBe('uploads-bucket');
  });
});

describe('queues', () => {
  it('are all encrypted (SQS-managed SSE) and refuse requests without TLS', () => {
    const queues = resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue');
    const policies = resourcesOfType(synth.statelessTemplate, 'AWS::SQS::QueuePolicy');
    for (const [id, queue] of queues) {
      expect(queue.Properties?.SqsManagedSseEnabled, id).toBe(true);
      const denyInsecure = policies
        .filter(([, policy]) => asList(policy.Properties!.Queues).some((q: any) => q.Ref === id))
        .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[])
        .some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
      expect(denyInsecure, id).toBe(true);
    }
  });

  it('move a message to its dead-letter queue after 5 (uploads) or 3 (tiles, finalize) receives', () => {
    const redrive = (name: string) => {
      const policy = queueProperties(name).RedrivePolicy;
      return { dlq: synth.describe(policy.deadLetterTargetArn), maxReceiveCount: policy.maxReceiveCount };
    };
    expect(redrive('uploads-queue')).toEqual({ dlq: 'ingest-dlq', maxReceiveCount: 5 });
    expect(redrive('tile-queue')).toEqual({ dlq: 'detect-tile-dlq', maxReceiveCount: 3 });
    expect(redrive('finalize-queue')).toEqual({ dlq: 'finalize-dlq', maxReceiveCount: 3 });
  });

  it('finalize (and its DLQ) and county alerts are FIFO with producer-set deduplication ids', () => {
    for (const name of ['finalize-queue', 'finalize-dlq', 'alerts-queue']) {
      expect(queueProperties(name).FifoQueue, name).toBe(true);
    }
    expect(queueProperties('finalize-queue').ContentBasedDeduplication).toBe(false);
    expect(queueProperties('alerts-queue').ContentBasedDeduplication).toBe(false);
    for (const name of ['uploads-queue', 'tile-queue', 'run-events-queue']) {
      expect(queueProperties(name).FifoQueue, name).toBeUndefined();
    }
  });
});

describe('event source mappings', () => {
  const mappings = () =>
    resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties!);

  it('connect each queue to its consumer, one record per invocation, with partial batch responses', () => {
    const wiring = mappings().map((m) => ({
      queue: synth.describe(m.EventSourceArn),
      function: synth.describe(m.FunctionName),
      batchSize: m.BatchSize,
      responseTypes: m.FunctionResponseTypes,
    }));
    expect(wiring).toEqual(
      expect.arrayContaining([
        { queue: 'uploads-queue', function: 'ingest-function', batchSize: 1, responseTypes: ['ReportBatchItemFailures'] },
        { queue: 'tile-queue', function: 'detect-tile-function', batchSize: 1, responseTypes: ['ReportBatchItemFailures'] },
        { queue: 'finalize-queue', function: 'finalize-function', batchSize: 1, responseTypes: ['ReportBatchItemFailures'] },
      ]),
    );
    for (const mapping of mappings()) expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('give every consumed queue a visibility timeout of at least 6 × its consumer timeout', () => {
    const functions = new Map(ourFunctions().map((fn) => [fn.id, fn.properties]));
    const queues = new Map(resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue'));
    const checked: string[] = [];
    for (const mapping of mappings()) {
      const queueId = mapping.EventSourceArn['Fn::GetAtt'][0] as string;
      const functionTimeout = functions.get(mapping.FunctionName.Ref)!.Timeout as number;
      const visibility = queues.get(queueId)!.Properties!.VisibilityTimeout as number;
      expect(visibility, queueId).toBeGreaterThanOrEqual(6 * functionTimeout);
      checked.push(synth.describe({ Ref: queueId }));
    }
    expect(checked.sort()).toEqual(['finalize-queue', 'tile-queue', 'uploads-queue']);
  });

  it('let at most 200 detect-tile invocations run at once', () => {
    const tiles = mappings().find((m) => synth.describe(m.FunctionName) === 'detect-tile-function')!;
    expect(tiles.ScalingConfig).toEqual({ MaximumConcurrency: 200 });
  });
});

describe('functions', () => {
  it('run nodejs22.x on arm64 from an S3 asset, with JSON logs in a log group with retention', () => {
    const functions = ourFunctions();
    expect(functions.map((fn) => fn.name).sort()).toEqual(['detect-tile-function', 'finalize-function', 'ingest-function']);
    const logGroups = new Map(resourcesOfType(synth.statelessTemplate, 'AWS::Logs::LogGroup'));
    for (const { name, properties } of functions) {
      expect(properties.Runtime, name).toBe('nodejs22.x');
      expect(properties.Architectures, name).toEqual(['arm64']);
      expect(properties.Handler, name).toBe('index.handler');
      expect(properties.Code.S3Key, name).toMatch(/\.zip$/);
      expect(properties.LoggingConfig.LogFormat, name).toBe('JSON');
      expect(properties.ReservedConcurrentExecutions, name).toBeUndefined();
      const logGroup = logGroups.get(properties.LoggingConfig.LogGroup.Ref);
      expect(logGroup?.Properties?.RetentionInDays, name).toBe(30);
    }
  });

  it('are sized as decided: ingest 5 min/3008 MB/10 GiB, detect-tile 2 min/1769 MB, finalize 5 min/3008 MB', () => {
    const sizing = Object.fromEntries(
      ourFunctions().map(({ name, properties }) => [
        name,
        [properties.Timeout, properties.MemorySize, properties.EphemeralStorage?.Size ?? 512],
      ]),
    );
    expect(sizing).toEqual({
      'ingest-function': [300, 3008, 10240],
      'detect-tile-function': [120, 1769, 512],
      'finalize-function': [300, 3008, 512],
    });
  });

  it('all get every LANDWATCH_* variable of the handler contract, naming the right resources (grants decide what they may do)', () => {
    const environments = Object.fromEntries(
      ourFunctions().map(({ name, properties }) => [
        name,
        Object.fromEntries(
          Object.entries(properties.Environment.Variables as Record<string, unknown>)
            .filter(([key]) => key.startsWith('LANDWATCH_'))
            .map(([key, value]) => [key, synth.describe(value)]),
        ),
      ]),
    );
    const all = {
        LANDWATCH_UPLOADS_BUCKET: 'uploads-bucket.name',
        LANDWATCH_REFERENCE_BUCKET: 'reference-bucket.name',
        LANDWATCH_RESULTS_BUCKET: 'results-bucket.name',
        LANDWATCH_TILE_QUEUE_URL: 'tile-queue',
        LANDWATCH_FINALIZE_QUEUE_URL: 'finalize-queue',
        LANDWATCH_ALERTS_QUEUE_URL: 'alerts-queue',
        LANDWATCH_RUN_EVENTS_QUEUE_URL: 'run-events-queue',
        LANDWATCH_LAYERS_KEY: 'layers.json',
      };
    // and the redrive policy's maxReceiveCount of the queue each consumes, so that the handler knows its last attempt
    expect(environments).toEqual({
      'ingest-function': { ...all, LANDWATCH_MAX_RECEIVE_COUNT: '5' },
      'detect-tile-function': { ...all, LANDWATCH_MAX_RECEIVE_COUNT: '3' },
      'finalize-function': { ...all, LANDWATCH_MAX_RECEIVE_COUNT: '3' },
    });
    for (const { name, properties } of ourFunctions()) {
      const variables = properties.Environment.Variables;
      expect(variables.POWERTOOLS_SERVICE_NAME, name).toBe(`landwatch-${name.replace(/-function$/, '')}`);
      expect(variables.POWERTOOLS_METRICS_NAMESPACE, name).toBe('LandWatch');
    }
  });
});

describe('alarms', () => {
  const alarms = () => resourcesOfType(synth.statelessTemplate, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties!);

  it('fire on any message in any dead-letter queue', () => {
    const deadLetterQueues = resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue')
      .filter(([, queue]) => queue.Properties?.RedrivePolicy !== undefined)
      .map(([, queue]) => queue.Properties!.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0] as string);
    expect(deadLetterQueues).toHaveLength(3);
    for (const dlq of deadLetterQueues) {
      const alarm = alarms().find(
        (a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && a.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0] === dlq,
      );
      expect(alarm, dlq).toBeDefined();
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SQS',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(alarm!.AlarmActions).toHaveLength(1);
    }
  });

  it('fire on any error of any function within 5 minutes', () => {
    for (const fn of ourFunctions()) {
      const alarm = alarms().find((a) => a.MetricName === 'Errors' && a.Dimensions?.[0]?.Value?.Ref === fn.id);
      expect(alarm, fn.name).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(alarm!.AlarmActions).toHaveLength(1);
    }
  });

  it('notify an SNS topic that is KMS-encrypted and TLS-only', () => {
    const topics = resourcesOfType(synth.statelessTemplate, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [topicId, topic] = topics[0];
    expect(topic.Properties!.KmsMasterKeyId).toBeDefined();
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    const policy = resourcesOfType(synth.statelessTemplate, 'AWS::SNS::TopicPolicy')[0][1].Properties!;
    const statements = policy.PolicyDocument.Statement as any[];
    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
  });
});
