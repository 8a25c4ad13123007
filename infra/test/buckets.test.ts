// Behaviour of the stateful stack: every bucket private, encrypted, TLS-only; results versioned; runs/ expire.
import { beforeAll, describe, expect, it } from 'vitest';
import { asList, resourcesOfType, type SynthesizedLandWatch, synthLandWatch } from './synth-landwatch.ts';

let synth: SynthesizedLandWatch;
beforeAll(() => {
  synth = synthLandWatch({ runsExpirationDays: 21 });
});

const buckets = () =>
  resourcesOfType(synth.statefulTemplate, 'AWS::S3::Bucket').map(([id, bucket]) => ({
    id,
    name: synth.describe({ Ref: id }),
    properties: bucket.Properties!,
    deletionPolicy: (bucket as { DeletionPolicy?: string }).DeletionPolicy,
  }));

function bucketStatements(bucketId: string): any[] {
  return resourcesOfType(synth.statefulTemplate, 'AWS::S3::BucketPolicy')
    .filter(([, policy]) => policy.Properties!.Bucket.Ref === bucketId)
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[]);
}

describe('every bucket', () => {
  it('is one of uploads, reference, results, access logs', () => {
    expect(buckets().map((b) => b.name).sort()).toEqual([
      'access-logs-bucket',
      'reference-bucket',
      'results-bucket',
      'uploads-bucket',
    ]);
  });

  it('is encrypted, blocks all public access, disables ACLs and is kept when the stack goes', () => {
    for (const { name, properties, deletionPolicy } of buckets()) {
      expect(properties.BucketEncryption.ServerSideEncryptionConfiguration, name).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ]);
      expect(properties.PublicAccessBlockConfiguration, name).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(properties.OwnershipControls.Rules, name).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
      expect(properties.BucketName, name).toBeUndefined();
      expect(deletionPolicy, name).toBe('Retain');
    }
  });

  it('denies every request without TLS, or with TLS older than 1.2, on the bucket and its objects', () => {
    for (const { id, name } of buckets()) {
      const denies = bucketStatements(id).filter((s) => s.Effect === 'Deny' && s.Action === 's3:*');
      const insecure = denies.find((s) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
      const oldTls = denies.find((s) => s.Condition?.NumericLessThan?.['s3:TlsVersion'] === 1.2);
      for (const statement of [insecure, oldTls]) {
        expect(statement, name).toBeDefined();
        expect(statement.Principal, name).toEqual({ AWS: '*' });
        expect(asList(statement.Resource).map(synth.describe).sort(), name).toEqual([name, `${name}/*`]);
      }
    }
  });

  it('aborts incomplete multipart uploads', () => {
    for (const { name, properties } of buckets()) {
      const rules = properties.LifecycleConfiguration.Rules as any[];
      expect(rules.some((r) => r.AbortIncompleteMultipartUpload?.DaysAfterInitiation === 7), name).toBe(true);
    }
  });
});

describe('data buckets', () => {
  it('write server access logs to the access-log bucket, each under its own prefix', () => {
    const logging = Object.fromEntries(
      buckets()
        .filter((b) => b.name !== 'access-logs-bucket')
        .map(({ name, properties }) => [
          name,
          [synth.describe(properties.LoggingConfiguration.DestinationBucketName), properties.LoggingConfiguration.LogFilePrefix],
        ]),
    );
    expect(logging).toEqual({
      'uploads-bucket': ['access-logs-bucket', 'uploads/'],
      'reference-bucket': ['access-logs-bucket', 'reference/'],
      'results-bucket': ['access-logs-bucket', 'results/'],
    });
  });
});

describe('results bucket', () => {
  const results = () => buckets().find((b) => b.name === 'results-bucket')!.properties;

  it('is versioned (answer files under verification/ stay as uploaded), as the uploads bucket is (a run is pinned to its upload\'s VersionId); the others are not', () => {
    expect(results().VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const uploads = buckets().find((b) => b.name === 'uploads-bucket')!.properties;
    expect(uploads.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(uploads.LifecycleConfiguration.Rules).toContainEqual({ Id: 'expire-overwritten-uploads', NoncurrentVersionExpiration: { NoncurrentDays: 90 }, Status: 'Enabled' });
    for (const { name, properties } of buckets().filter((b) => b.name !== 'results-bucket' && b.name !== 'uploads-bucket')) {
      expect(properties.VersioningConfiguration, name).toBeUndefined();
    }
  });

  it('expires work files under runs/ after runsExpirationDays, and their old versions a day later', () => {
    const rules = results().LifecycleConfiguration.Rules as any[];
    const runs = rules.filter((r) => r.Prefix === 'runs/');
    expect(runs).toEqual([
      {
        Id: 'expire-run-work-files',
        Prefix: 'runs/',
        Status: 'Enabled',
        ExpirationInDays: 21,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      },
    ]);
    // Nothing else expires: final results under results/, answer files under verification/ (every version) and the
    // register stay.
    for (const rule of rules.filter((r) => r.Prefix !== 'runs/')) {
      expect(rule.ExpirationInDays).toBeUndefined();
      expect(rule.NoncurrentVersionExpiration).toBeUndefined();
    }
  });
});
