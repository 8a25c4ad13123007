import { describe, expect, it } from 'vitest';
import { createS3Client } from './aws-clients.ts';
import { ConfigError, readConfig } from './config.ts';

const env = {
  LANDWATCH_UPLOADS_BUCKET: 'up',
  LANDWATCH_REFERENCE_BUCKET: 'ref',
  LANDWATCH_RESULTS_BUCKET: 'res',
  LANDWATCH_ALERTS_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/landwatch-alerts-unrouted.fifo',
  LANDWATCH_RUN_EVENTS_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/landwatch-run-events-data,https://sqs.cn-north-1.amazonaws.com.cn/1/landwatch-run-events-gis',
  LANDWATCH_ALERT_QUEUE_URL_TEMPLATE: 'https://sqs.cn-north-1.amazonaws.com.cn/1/landwatch-alerts-{countyCode}.fifo',
  LANDWATCH_ALERT_COUNTIES: '431102,431103',
  LANDWATCH_STATE_MACHINE_ARN: 'arn:aws-cn:states:cn-north-1:1:stateMachine:run',
  LANDWATCH_LAYERS_KEY: 'layers/layers.json',
  AWS_REGION: 'cn-north-1',
};

describe('readConfig', () => {
  it('reads every docs/ARCHITECTURE.md, "Handler contract" variable', () => {
    expect(readConfig(env)).toEqual({
      uploadsBucket: 'up',
      referenceBucket: 'ref',
      resultsBucket: 'res',
      alertsQueueUrl: env.LANDWATCH_ALERTS_QUEUE_URL,
      runEventsQueueUrl: env.LANDWATCH_RUN_EVENTS_QUEUE_URL,
      alertQueueUrlTemplate: env.LANDWATCH_ALERT_QUEUE_URL_TEMPLATE,
      alertCounties: ['431102', '431103'],
      stateMachineArn: env.LANDWATCH_STATE_MACHINE_ARN,
      layersKey: 'layers/layers.json',
      region: 'cn-north-1',
      s3ForcePathStyle: false,
    });
  });

  it('names every missing or malformed variable at once', () => {
    const { LANDWATCH_RESULTS_BUCKET: _r, AWS_REGION: _a, ...partial } = env;
    let error: unknown;
    try {
      readConfig({ ...partial, LANDWATCH_ALERTS_QUEUE_URL: 'alerts', LANDWATCH_ALERT_COUNTIES: '4311', LANDWATCH_S3_FORCE_PATH_STYLE: 'yes' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual([
      'LANDWATCH_RESULTS_BUCKET',
      'LANDWATCH_ALERTS_QUEUE_URL',
      'AWS_REGION',
      'LANDWATCH_S3_FORCE_PATH_STYLE',
      'LANDWATCH_ALERT_COUNTIES',
    ]);
    expect((error as Error).message).toContain('missing environment variable LANDWATCH_RESULTS_BUCKET');
  });

  it('reads the emulator settings', () => {
    const config = readConfig({
      ...env,
      LANDWATCH_S3_FORCE_PATH_STYLE: 'true',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
    });
    expect(config.s3ForcePathStyle).toBe(true);
    expect(config.s3Endpoint).toBe('http://127.0.0.1:4568');
    expect(config.sqsEndpoint).toBe('http://127.0.0.1:9324');
  });

  it('builds S3 clients with checksums only when required', async () => {
    const client = createS3Client(readConfig(env));
    expect(await client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
    expect(await client.config.region()).toBe('cn-north-1');
    client.destroy();
  });
});
