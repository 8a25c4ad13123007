// S3 and SQS clients: one of each per container, configured for AWS and for the emulators alike.
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfig, type LandwatchConfig } from './config.ts';

/** The parts of the configuration the clients need. */
export type ClientConfig = Pick<LandwatchConfig, 'region' | 's3ForcePathStyle' | 's3Endpoint' | 'sqsEndpoint'>;

/**
 * A new S3 client. Checksums only when an operation requires them: with the SDK's default flexible checksums
 * s3rver stores streamed uploads corrupted (NOTES.md), and the checksums add nothing to TLS for our objects.
 * The endpoint is passed explicitly when configured; the SDK would also read AWS_ENDPOINT_URL_S3 by itself.
 */
export function createS3Client(config: ClientConfig): S3Client {
  return new S3Client({
    region: config.region,
    forcePathStyle: config.s3ForcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}),
  });
}

/** A new SQS client; the endpoint is passed explicitly when configured (AWS_ENDPOINT_URL_SQS). */
export function createSqsClient(config: ClientConfig): SQSClient {
  return new SQSClient({
    region: config.region,
    ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {}),
  });
}

let s3: S3Client | undefined;
let sqs: SQSClient | undefined;

/** The container's S3 client, created on first use from the environment. */
export function s3Client(): S3Client {
  s3 ??= createS3Client(loadConfig());
  return s3;
}

/** The container's SQS client, created on first use from the environment. */
export function sqsClient(): SQSClient {
  sqs ??= createSqsClient(loadConfig());
  return sqs;
}
