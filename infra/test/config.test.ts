// Configuration read from CDK context, and props validation of the queue consumer construct.
import { App, Duration, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { configFromContext, InvalidContextError } from '../config.ts';
import { InvalidQueueConsumerError, QueueConsumer, type QueueConsumerProps } from '../constructs/queue-consumer.ts';

const configOf = (context: Record<string, unknown>) => configFromContext(new App({ context }).node);

describe('configFromContext', () => {
  it('has defaults for everything', () => {
    expect(configOf({})).toEqual({ layersKey: 'layers.json', countyCodes: [], alarmEmails: [], dataTeams: ['data'], runsExpirationDays: 30 });
    expect(configOf({ dataTeams: 'hunan-gis,changsha' }).dataTeams).toEqual(['changsha', 'hunan-gis']);
  });

  it('takes lists as JSON arrays, JSON text or comma-separated text (as `-c key=value` passes them)', () => {
    expect(configOf({ countyCodes: ['431103', '431102', '431103'] }).countyCodes).toEqual(['431102', '431103']);
    expect(configOf({ countyCodes: '["431102","431121"]' }).countyCodes).toEqual(['431102', '431121']);
    expect(configOf({ countyCodes: '431102, 431121' }).countyCodes).toEqual(['431102', '431121']);
    expect(configOf({ countyCodes: '' }).countyCodes).toEqual([]);
    expect(configOf({ alarmEmails: 'ops@example.org' }).alarmEmails).toEqual(['ops@example.org']);
    expect(configOf({ runsExpirationDays: '14' }).runsExpirationDays).toBe(14);
  });

  it.each([
    ['countyCodes', ['4311']],
    ['countyCodes', [431102]],
    ['countyCodes', '{"a":1}'],
    ['alarmEmails', ['not-an-address']],
    ['layersKey', '/layers.json'],
    ['layersKey', ''],
    ['runsExpirationDays', 0],
    ['runsExpirationDays', 1.5],
  ])('rejects %s = %j, naming the key', (key, value) => {
    expect(() => configOf({ [key]: value })).toThrow(InvalidContextError);
    expect(() => configOf({ [key]: value })).toThrow(`context "${key}"`);
  });
});

describe('QueueConsumer', () => {
  const props: QueueConsumerProps = {
    functionName: 'ingest',
    timeout: Duration.seconds(40),
    memorySize: 1024,
    batchSize: 1,
    maxReceiveCount: 5,
    environment: {},
    logRetention: RetentionDays.ONE_WEEK,
    serviceName: 'test',
    metricsNamespace: 'Test',
  };
  const consumer = (overrides: Partial<QueueConsumerProps>) =>
    new QueueConsumer(new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test'), 'Consumer', {
      ...props,
      ...overrides,
    });

  it('derives the queue visibility timeout from the function timeout', () => {
    const { queue } = consumer({});
    const cfnQueue = queue.node.defaultChild as unknown as { visibilityTimeout: number };
    expect(cfnQueue.visibilityTimeout).toBe(240);
  });

  it.each<[string, Partial<QueueConsumerProps>]>([
    ['batchSize', { batchSize: 0 }],
    ['batchSize', { batchSize: 11 }],
    ['timeout', { timeout: Duration.minutes(16) }],
    ['maxReceiveCount', { maxReceiveCount: 4 }],
    ['maxConcurrency', { maxConcurrency: 1 }],
    ['functionName', { functionName: '../ingest' }],
  ])('rejects a bad %s before building anything', (field, overrides) => {
    expect(() => consumer(overrides)).toThrow(InvalidQueueConsumerError);
    expect(() => consumer(overrides)).toThrow(field);
  });
});
