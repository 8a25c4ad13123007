// Behaviour of the stateless stack as CloudFormation will see it: notification, queues, the run state machine,
// functions, alarms.
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

/** The S3 notification of one bucket: its queue configurations as { queue, events, filter }. */
function notificationsOf(bucketName: string) {
  const notifications = resourcesOfType(synth.statelessTemplate, 'Custom::S3BucketNotifications').filter(
    ([, n]) => synth.describe(n.Properties!.BucketName) === `${bucketName}.name`,
  );
  expect(notifications, bucketName).toHaveLength(1);
  const properties = notifications[0][1].Properties!;
  // Unmanaged: merges with, never replaces, other notification settings on the bucket.
  expect(properties.Managed, bucketName).toBe(false);
  return (properties.NotificationConfiguration.QueueConfigurations as any[]).map((c) => ({
    queue: synth.describe(c.QueueArn),
    events: c.Events,
    filter: Object.fromEntries((c.Filter.Key.FilterRules as { Name: string; Value: string }[]).map((r) => [r.Name, r.Value])),
  }));
}

/** The Allow statements of the policies on a queue. */
function queueAllows(queueName: string): any[] {
  return resourcesOfType(synth.statelessTemplate, 'AWS::SQS::QueuePolicy')
    .filter(([, policy]) => asList(policy.Properties!.Queues).some((q) => synth.describe(q) === queueName))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[])
    .filter((statement) => statement.Effect === 'Allow');
}

describe('S3 notifications', () => {
  it('are two: uploads (changes/…) and answer files (verification/…), nothing else', () => {
    const buckets = resourcesOfType(synth.statelessTemplate, 'Custom::S3BucketNotifications').map(([, n]) => synth.describe(n.Properties!.BucketName));
    expect(buckets.sort()).toEqual(['results-bucket.name', 'uploads-bucket.name']);
  });

  it('send ObjectCreated for changes/… in the uploads bucket to the uploads queue (ingest checks the suffix in any case)', () => {
    // every suffix and case of a delivery (.fgb, .gpkg, .zip, .shp): S3 suffix filters are case-sensitive and single,
    // so the ingest handler picks the uploads
    expect(notificationsOf('uploads-bucket')).toEqual([{ queue: 'uploads-queue', events: ['s3:ObjectCreated:*'], filter: { prefix: 'changes/' } }]);
  });

  it('send ObjectCreated for verification/… in the results bucket to the answers queue (verify-answers checks .csv in any case)', () => {
    expect(notificationsOf('results-bucket')).toEqual([{ queue: 'answers-queue', events: ['s3:ObjectCreated:*'], filter: { prefix: 'verification/' } }]);
  });

  it('let only S3, for the uploads bucket, send to the uploads queue; for the results bucket, to the answers queue', () => {
    for (const [queue, bucket] of [['uploads-queue', 'uploads-bucket'], ['answers-queue', 'results-bucket']]) {
      const statements = queueAllows(queue);
      expect(statements, queue).toHaveLength(1);
      expect(statements[0].Principal, queue).toEqual({ Service: 's3.amazonaws.com' });
      expect(asList(statements[0].Action), queue).toContain('sqs:SendMessage');
      expect(synth.describe(statements[0].Condition.ArnLike['aws:SourceArn']), queue).toBe(bucket);
    }
  });

  it('let nobody else send to or read from a county alert queue by queue policy (only the deny of plain HTTP)', () => {
    for (const code of ['431102', '431103']) {
      expect(queueAllows(`alerts-${code}-queue`), code).toEqual([]);
      expect(queueAllows(`alerts-${code}-dlq`), code).toEqual([]);
    }
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

  it('move a message to its dead-letter queue after 5 (uploads, answers) or 10 (outboxes) receives, as AWS recommends (≥ 5)', () => {
    const redrive = (name: string) => {
      const policy = queueProperties(name).RedrivePolicy;
      return { dlq: synth.describe(policy.deadLetterTargetArn), maxReceiveCount: policy.maxReceiveCount };
    };
    expect(redrive('uploads-queue')).toEqual({ dlq: 'ingest-dlq', maxReceiveCount: 5 });
    expect(redrive('answers-queue')).toEqual({ dlq: 'verify-answers-dlq', maxReceiveCount: 5 });
    expect(redrive('alerts-431102-queue')).toEqual({ dlq: 'alerts-431102-dlq', maxReceiveCount: 10 });
    expect(redrive('alerts-431103-queue')).toEqual({ dlq: 'alerts-431103-dlq', maxReceiveCount: 10 });
    expect(redrive('alerts-unrouted-queue')).toEqual({ dlq: 'alerts-unrouted-dlq', maxReceiveCount: 10 });
    expect(redrive('run-events-data-queue')).toEqual({ dlq: 'run-events-data-dlq', maxReceiveCount: 10 });
  });

  it('give each county office its own FIFO queue named landwatch-alerts-{countyCode}.fifo, plus the unrouted queue', () => {
    for (const code of ['431102', '431103']) {
      expect(queueProperties(`alerts-${code}-queue`)).toMatchObject({ QueueName: `landwatch-alerts-${code}.fifo`, FifoQueue: true, ContentBasedDeduplication: false });
      expect(queueProperties(`alerts-${code}-dlq`)).toMatchObject({ QueueName: `landwatch-alerts-${code}-dlq.fifo`, FifoQueue: true });
    }
    expect(queueProperties('alerts-unrouted-queue')).toMatchObject({ QueueName: 'landwatch-alerts-unrouted.fifo', FifoQueue: true });
    expect(queueProperties('run-events-data-queue')).toMatchObject({ QueueName: 'landwatch-run-events-data' });
    expect(queueProperties('uploads-queue').FifoQueue).toBeUndefined();
    expect(queueProperties('answers-queue').FifoQueue).toBeUndefined();
  });
});

describe('event source mapping', () => {
  const mappings = () =>
    resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties!);

  it('connects the uploads queue to ingest and the answers queue to verify-answers: one record per invocation, partial batch responses, at most 5 at once', () => {
    const wiring = mappings().map((m) => ({
      queue: synth.describe(m.EventSourceArn),
      function: synth.describe(m.FunctionName),
      batchSize: m.BatchSize,
      responseTypes: m.FunctionResponseTypes,
      scaling: m.ScalingConfig,
    }));
    expect(wiring.sort((a, b) => a.queue.localeCompare(b.queue))).toEqual([
      { queue: 'answers-queue', function: 'verify-answers-function', batchSize: 1, responseTypes: ['ReportBatchItemFailures'], scaling: { MaximumConcurrency: 5 } },
      { queue: 'uploads-queue', function: 'ingest-function', batchSize: 1, responseTypes: ['ReportBatchItemFailures'], scaling: { MaximumConcurrency: 5 } },
    ]);
    for (const { queue, function: name } of wiring) {
      const visibility = queueProperties(queue).VisibilityTimeout as number;
      const fn = ourFunctions().find((f) => f.name === name)!;
      expect(visibility, queue).toBeGreaterThanOrEqual(6 * (fn.properties.Timeout as number));
    }
  });
});

describe('run state machine', () => {
  const definition = () => {
    const [, machine] = resourcesOfType(synth.statelessTemplate, 'AWS::StepFunctions::StateMachine')[0];
    const flatten = (v: any): string =>
      typeof v === 'string' ? v : v['Fn::Join'] ? v['Fn::Join'][1].map(flatten).join('') : v['Fn::GetAtt'] ? synth.describe(v) : synth.describe(v);
    return { machine: machine.Properties!, asl: JSON.parse(flatten(machine.Properties!.DefinitionString)) };
  };

  it('is one Standard state machine, traced, logging to its log group', () => {
    const { machine } = definition();
    expect(machine.StateMachineType).toBe('STANDARD');
    expect(machine.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.LoggingConfiguration.Level).toBe('ALL');
  });

  it('maps the tiles with a Distributed Map (inline or from the S3 tile list): concurrency 200, no tolerated failure, retries with backoff', () => {
    const { asl } = definition();
    expect(asl.StartAt).toBe('Tiles?');
    expect(asl.States['Tiles?'].Choices).toEqual([{ Variable: '$.tilesKey', IsPresent: true, Next: 'TilesFromList' }]);
    expect(asl.States['Tiles?'].Default).toBe('TilesInline');
    for (const name of ['TilesInline', 'TilesFromList']) {
      const map = asl.States[name];
      expect(map.Type, name).toBe('Map');
      expect(map.ItemProcessor.ProcessorConfig, name).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
      expect(map.MaxConcurrency, name).toBe(200);
      // absent = 0 in ASL: one tile that fails after its retries fails the Map
      expect(map.ToleratedFailurePercentage ?? 0, name).toBe(0);
      expect(map.ToleratedFailureCount ?? 0, name).toBe(0);
      expect(map.Next, name).toBe('Counties');
      expect(map.Catch, name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RunFailed' }]);
      const task = Object.values(map.ItemProcessor.States)[0] as any;
      expect(task.Resource, name).toBe('detect-tile-function');
      expect(task.Retry, name).toEqual([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }]);
    }
    expect(asl.States.TilesInline.ItemsPath).toBe('$.tiles');
    expect(asl.States.TilesFromList.ItemReader).toEqual({
      Resource: 'arn:Ref(AWS::Partition):states:::s3:getObject', // the partition is aws-cn in China
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.tilesKey' },
    });
  });

  it('then finalizes each county, then writes the run outcome; any failure ends in RunFailed and a Fail state', () => {
    const { asl } = definition();
    const counties = asl.States.Counties;
    expect(counties.ItemsPath).toBe('$.counties');
    expect(counties.ItemSelector['countyCode.$']).toBe('$$.Map.Item.Value');
    expect((Object.values(counties.ItemProcessor.States)[0] as any).Resource).toBe('finalize-function');
    expect(counties.Next).toBe('RunFinished');
    expect(asl.States.RunFinished.Resource).toBe('run-outcome-function');
    expect(asl.States.RunFinished.Next).toBe('Done');
    expect(asl.States.RunFailed.Resource).toBe('run-outcome-function');
    expect(asl.States.RunFailed.Next).toBe('Failed');
    expect(asl.States.Failed.Type).toBe('Fail');
  });

  it('lets every task wait as long as its function may run (TimeoutSeconds = the Lambda timeout, not the 60 s default)', () => {
    const { asl } = definition();
    const tasks: any[] = [];
    const collect = (states: Record<string, any>) => {
      for (const state of Object.values(states)) {
        if (state.Type === 'Task') tasks.push(state);
        if (state.ItemProcessor) collect(state.ItemProcessor.States);
      }
    };
    collect(asl.States);
    const timeouts = Object.fromEntries(ourFunctions().map((fn) => [fn.name, fn.properties.Timeout]));
    expect(tasks.map((t) => [t.Resource, t.TimeoutSeconds]).sort()).toEqual(
      [
        ['detect-tile-function', 120], // tiles inline
        ['detect-tile-function', 120], // tiles from the list in S3
        ['finalize-function', 900],
        ['run-outcome-function', 60],
        ['run-outcome-function', 60],
      ].sort(),
    );
    for (const t of tasks) expect(t.TimeoutSeconds, t.Resource).toBe(timeouts[t.Resource]);
  });
});

describe('functions', () => {
  it('run nodejs22.x on arm64 from an S3 asset, with JSON logs in a log group with retention', () => {
    const functions = ourFunctions();
    expect(functions.map((fn) => fn.name).sort()).toEqual(['detect-tile-function', 'finalize-function', 'ingest-function', 'run-outcome-function', 'verify-answers-function']);
    const logGroups = new Map(resourcesOfType(synth.statelessTemplate, 'AWS::Logs::LogGroup'));
    for (const { name, properties } of functions) {
      expect(properties.Runtime, name).toBe('nodejs22.x');
      expect(properties.Architectures, name).toEqual(['arm64']);
      expect(properties.Handler, name).toBe('index.handler');
      expect(properties.Code.S3Key, name).toMatch(/\.zip$/);
      expect(properties.LoggingConfig.LogFormat, name).toBe('JSON');
      const logGroup = logGroups.get(properties.LoggingConfig.LogGroup.Ref);
      expect(logGroup?.Properties?.RetentionInDays, name).toBe(30);
    }
  });

  it('include verify-answers whatever the context says: the verification round trip has no switch any more', () => {
    const named = (s: SynthesizedLandWatch) =>
      resourcesOfType(s.statelessTemplate, 'AWS::Lambda::Function').filter(([id]) => s.describe({ Ref: id }) === 'verify-answers-function');
    expect(named(synthLandWatch({ verification: false }))).toHaveLength(1);
    expect(named(synth)).toHaveLength(1);
  });

  it('are sized as decided: ingest 15 min/3008 MB/10 GiB, detect-tile 2 min/1769 MB, finalize 15 min/3008 MB, run-outcome 1 min/512 MB, verify-answers 2 min/1769 MB', () => {
    const sizing = Object.fromEntries(
      ourFunctions().map(({ name, properties }) => [
        name,
        [properties.Timeout, properties.MemorySize, properties.EphemeralStorage?.Size ?? 512],
      ]),
    );
    expect(sizing).toEqual({
      'ingest-function': [900, 3008, 10240],
      'detect-tile-function': [120, 1769, 512],
      'finalize-function': [900, 3008, 512],
      'run-outcome-function': [60, 512, 512],
      'verify-answers-function': [120, 1769, 512],
    });
  });

  it('reserve concurrency where AWS asks: ingest and verify-answers = their event source maximum (5), detect-tile = the Map concurrency (200)', () => {
    const reserved = Object.fromEntries(ourFunctions().map(({ name, properties }) => [name, properties.ReservedConcurrentExecutions]));
    expect(reserved).toEqual({ 'ingest-function': 5, 'detect-tile-function': 200, 'finalize-function': undefined, 'run-outcome-function': undefined, 'verify-answers-function': 5 });
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
        LANDWATCH_ALERTS_QUEUE_URL: 'alerts-unrouted-queue',
        LANDWATCH_RUN_EVENTS_QUEUE_URL: 'run-events-data-queue',
        LANDWATCH_LAYERS_KEY: 'layers.json',
        LANDWATCH_ALERT_COUNTIES: '431102,431103',
        LANDWATCH_ALERT_QUEUE_URL_TEMPLATE: expect.stringMatching(/landwatch-alerts-\{countyCode\}\.fifo$/),
      };
    // ingest also knows the state machine it starts and the uploads queue's maxReceiveCount (its last attempt)
    expect(environments).toEqual({
      'ingest-function': { ...all, LANDWATCH_MAX_RECEIVE_COUNT: '5', LANDWATCH_STATE_MACHINE_ARN: 'run-state-machine' },
      'detect-tile-function': all,
      'finalize-function': all,
      'run-outcome-function': all,
      // verify-answers: the answers queue's maxReceiveCount
      'verify-answers-function': { ...all, LANDWATCH_MAX_RECEIVE_COUNT: '5' },
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
    // ingest, verify-answers, the two county alert queues, unrouted alerts, the data team's run events
    expect(deadLetterQueues).toHaveLength(6);
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

  it('fire on our own failure metrics, on old messages and on failed, timed-out or aborted executions', () => {
    const own = alarms().filter((a) => a.Namespace === 'LandWatch').map((a) => `${a.Dimensions[0].Value}:${a.MetricName}`).sort();
    expect(own).toEqual(['landwatch-detect-tile:TaskFailed', 'landwatch-finalize:TaskFailed', 'landwatch-ingest:RecordRetried', 'landwatch-run-outcome:TaskFailed', 'landwatch-verify-answers:RecordRetried']);
    const ages = alarms().filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage').map((a) => [synth.describe(a.Dimensions[0].Value), a.Threshold]);
    expect(Object.fromEntries(ages)).toEqual({ 'uploads-queue.QueueName': 1800, 'answers-queue.QueueName': 1800, 'alerts-unrouted-queue.QueueName': 60, 'alerts-431102-queue.QueueName': 172800, 'alerts-431103-queue.QueueName': 172800, 'run-events-data-queue.QueueName': 172800 });
    const executions = alarms().filter((a) => a.Namespace === 'AWS/States').map((a) => a.MetricName).sort();
    expect(executions).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
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

  it('subscribe the addresses of CDK context alarmEmails to the topic, and nobody without it', () => {
    expect(resourcesOfType(synth.statelessTemplate, 'AWS::SNS::Subscription')).toEqual([]);
    const withEmails = synthLandWatch({ alarmEmails: 'ops@example.org,gis-oncall@example.org' });
    const [topicId] = resourcesOfType(withEmails.statelessTemplate, 'AWS::SNS::Topic')[0];
    const subscriptions = resourcesOfType(withEmails.statelessTemplate, 'AWS::SNS::Subscription').map(([, r]) => r.Properties!);
    expect(subscriptions.map((p) => [p.Protocol, p.Endpoint, p.TopicArn]).sort()).toEqual([
      ['email', 'gis-oncall@example.org', { Ref: topicId }],
      ['email', 'ops@example.org', { Ref: topicId }],
    ]);
  });
});
